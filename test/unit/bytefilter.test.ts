/** The byte prefilter answers exactly what a case-insensitive search of the decoded text answers. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ByteFilter } from '../../src/core/bytefilter';
import { FileReader } from '../../src/core/reader';
import { loadCatalog } from '../../src/core/rules/catalog';

const catalogKeywords = [...new Set(loadCatalog().rules.flatMap((r) => r.keywords))];

function reference(keywords: string[], text: string): boolean {
  const escaped = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // no `u` flag: case folding stays within ASCII, as the byte filter's does
  return new RegExp(escaped.join('|'), 'i').test(text);
}

/** Text built from keyword pieces, case flips, multi-byte characters and filler. */
function textFrom(keywords: string[]) {
  const piece = fc.oneof(
    fc.constantFrom(...keywords),
    fc.constantFrom(...keywords).chain((k) => fc.nat(k.length).map((n) => k.slice(0, n))),
    fc.constantFrom(...keywords).chain((k) => fc.nat(k.length).map((n) => k.slice(n))),
    fc.constantFrom(' ', '\n', '.', '_', '-', ':', '/', '"', 'é', '€', '日本', '😀', 'K', 'İ', 'ſ'),
    fc.string({ maxLength: 6 }),
  );
  return fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 12 }).map((parts) => parts.map(([p, upper]) => (upper ? p.toUpperCase() : p)).join(''));
}

describe('byte prefilter', () => {
  const filter = new ByteFilter(catalogKeywords);

  it('agrees with the text search on the catalog keywords (random texts)', () => {
    fc.assert(
      fc.property(textFrom(catalogKeywords), (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const expected = reference(catalogKeywords, text);
        assert.strictEqual(filter.test(bytes), expected, JSON.stringify(text));
        // the word-at-a-time path (aligned buffers of 256 bytes and more), with a keyword in the
        // stale bytes after `length` that must not count
        const padded = ' '.repeat(256 + (text.length % 7));
        const long = Buffer.from(padded + text, 'utf8');
        const aligned = new Uint8Array(new ArrayBuffer(long.length + 16));
        aligned.set(long);
        aligned.set(Buffer.from('bedrock'), long.length);
        assert.strictEqual(filter.test(aligned, long.length), expected, JSON.stringify(text));
        const unaligned = new Uint8Array(aligned.buffer, 1, long.length + 8);
        unaligned.set(long);
        assert.strictEqual(filter.test(unaligned, long.length), expected, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a keyword at the very start, at the very end, alone, and in any case', () => {
    for (const k of catalogKeywords) {
      for (const text of [k, k.toUpperCase(), `${k} tail`, `head ${k}`, `x${k}`, `${k}x`, `xx${k}`, `${k}xx`]) {
        assert.ok(filter.test(Buffer.from(text)), `${JSON.stringify(text)} holds ${k}`);
      }
    }
  });

  it('says no for ordinary code without a keyword', () => {
    const text = 'export function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}\n'.repeat(200);
    assert.strictEqual(reference(catalogKeywords, text), false);
    assert.strictEqual(filter.test(Buffer.from(text)), false);
  });

  it('looks only at the first `length` bytes', () => {
    const bytes = Buffer.from('nothing here; bedrock');
    assert.strictEqual(filter.test(bytes, 13), false);
    assert.strictEqual(filter.test(bytes), true);
  });

  it('handles short keywords, keywords sharing characters and more characters than classes', () => {
    const alphabet = Array.from({ length: 90 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => c !== '\\');
    const keywords = ['a', 'zq', 'k9!', ...Array.from({ length: 30 }, (_, i) => alphabet.slice(i, i + 3 + (i % 5)).join(''))];
    const small = new ByteFilter(keywords);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...keywords), fc.constantFrom(...alphabet), fc.constantFrom('b', 'c', ' ')), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        assert.strictEqual(small.test(Buffer.from(text)), reference(keywords, text), JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('defers to the text prefilter for non-ASCII keywords and UTF-16 files', () => {
    assert.strictEqual(new ByteFilter(['café']).exact, false);
    assert.strictEqual(new ByteFilter(['café']).test(Buffer.from('plain')), true);
    assert.strictEqual(filter.test(Buffer.from([0xff, 0xfe, 0x41, 0x00])), true);
    assert.strictEqual(filter.test(Buffer.from([0xfe, 0xff, 0x00, 0x41])), true);
  });
});

describe('file reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-reader-'));
  const write = (name: string, data: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), data);
    return path.join(dir, name);
  };
  const reader = new FileReader(new ByteFilter(catalogKeywords), 1);

  it('sorts files into clean, candidates and skips with the engine’s reasons', () => {
    try {
      assert.deepStrictEqual(reader.read(write('clean.py', 'x = 1\n'), 'clean.py'), { kind: 'clean' });
      const c = reader.read(write('hit.py', 'import boto3\nboto3.client("bedrock-runtime")\n'), 'hit.py');
      assert.strictEqual(c.kind, 'candidate');
      assert.strictEqual(Buffer.from((c as { bytes: Uint8Array }).bytes).toString(), 'import boto3\nboto3.client("bedrock-runtime")\n');
      const big = reader.read(write('big.py', 'x'.repeat(1025)), 'big.py');
      assert.strictEqual(big.kind === 'skip' && big.skip.reason, 'too-large');
      assert.match(big.kind === 'skip' ? big.skip.detail : '', /1025 bytes is over the 1 KiB limit/);
      assert.strictEqual(reader.read(write('exact.py', 'x'.repeat(1024)), 'exact.py').kind, 'clean');
      const bin = reader.read(write('bin.py', Buffer.from([0x62, 0x00, 0x01])), 'bin.py');
      assert.strictEqual(bin.kind === 'skip' && bin.skip.reason, 'binary');
      const bad = reader.read(write('bad.py', Buffer.from([0x62, 0xc3, 0x28])), 'bad.py');
      assert.strictEqual(bad.kind === 'skip' && bad.skip.reason, 'invalid-encoding');
      const gone = reader.read(path.join(dir, 'missing.py'), 'missing.py');
      assert.strictEqual(gone.kind === 'skip' && gone.skip.reason, 'unreadable');
      assert.match(gone.kind === 'skip' ? gone.skip.detail : '', /ENOENT/);
      fs.mkdirSync(path.join(dir, 'folder.py'));
      const folder = reader.read(path.join(dir, 'folder.py'), 'folder.py');
      assert.strictEqual(folder.kind === 'skip' && folder.skip.reason, 'unreadable');
      // UTF-16 text cannot be judged on bytes: the engine decodes it
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = 1\n', 'utf16le')]);
      assert.strictEqual(reader.read(write('u16.py', utf16), 'u16.py').kind, 'candidate');
      // the reused buffer never leaks one file into the next
      const first = reader.read(write('a.py', 'bedrock'.repeat(100)), 'a.py');
      assert.strictEqual(first.kind, 'candidate');
      assert.deepStrictEqual(reader.read(write('b.py', 'short'), 'b.py'), { kind: 'clean' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
