/**
 * The SIMD byte prefilter (windowfilter.ts) answers exactly what the table walk and a
 * case-insensitive text search answer, wherever a keyword falls relative to the 16-byte blocks
 * and even offsets it samples; its WebAssembly is the one its text assembles to.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ByteFilter } from '../../src/core/bytefilter';
import { FileReader } from '../../src/core/reader';
import { loadCatalog } from '../../src/core/rules/catalog';
import { WindowFilter } from '../../src/core/windowfilter';
import { assemble, source } from '../../scripts/wasm';

const catalogKeywords = [...new Set(loadCatalog().rules.flatMap((r) => r.keywords))];

function reference(keywords: string[], text: string): boolean {
  const escaped = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'i').test(text);
}

const FILLER = ['x', ' ', '\n', '_', '-', '.', 'service', 'client', 'é', '日本', 'Z', '\r\n', 'ab', 'pen'];

/** Texts of filler with keywords or parts of keywords at any offset, in any case. */
function texts(keywords: string[]) {
  const piece = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...keywords) },
    { weight: 2, arbitrary: fc.constantFrom(...keywords).chain((k) => fc.nat(k.length - 1).map((n) => k.slice(0, n))) },
    { weight: 2, arbitrary: fc.constantFrom(...keywords).chain((k) => fc.integer({ min: 1, max: k.length }).map((n) => k.slice(n))) },
    { weight: 6, arbitrary: fc.constantFrom(...FILLER) },
  );
  return fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 40 }).map((parts) => parts.map(([p, upper]) => (upper ? p.toUpperCase() : p)).join(''));
}

describe('SIMD byte prefilter', () => {
  it('is the implementation for the catalog keywords on this runtime', () => {
    assert.strictEqual(new ByteFilter(catalogKeywords).kind, 'simd');
    assert.strictEqual(new ByteFilter(catalogKeywords, { simd: false }).kind, 'table');
    // what it cannot represent goes to the table walk: keywords under three characters
    assert.strictEqual(WindowFilter.create(['ab', 'bedrock']), undefined);
    assert.strictEqual(new ByteFilter(['ab', 'bedrock']).kind, 'table');
  });

  it('agrees with the text search and the table walk on the catalog keywords', () => {
    const simd = new ByteFilter(catalogKeywords);
    const table = new ByteFilter(catalogKeywords, { simd: false });
    fc.assert(
      fc.property(texts(catalogKeywords), fc.nat(40), (text, pad) => {
        // shifted by 0..40 bytes, so that keywords land at every offset of a block
        const t = ' '.repeat(pad) + text;
        const bytes = Buffer.from(t, 'utf8');
        const expected = reference(catalogKeywords, t);
        assert.strictEqual(simd.test(bytes), expected, JSON.stringify(t));
        assert.strictEqual(table.test(bytes), expected, JSON.stringify(t));
      }),
      { numRuns: 4000 },
    );
  });

  it('agrees with the text search on random keyword sets (three characters and more, punctuation, shared parts)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'z', '-', '.', '_', ':', ' ', '/', '0'), minLength: 3, maxLength: 9 });
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }).chain((keywords) => fc.tuple(fc.constant(keywords), texts(keywords), fc.nat(20))),
        ([keywords, text, pad]) => {
          const filter = WindowFilter.create(keywords);
          assert.ok(filter);
          const t = 'q'.repeat(pad) + text;
          assert.strictEqual(filter.test(Buffer.from(t)), reference(keywords, t), JSON.stringify({ keywords, t }));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds a keyword at every offset of a long text, at its very start and at its very end', () => {
    const filter = WindowFilter.create(catalogKeywords)!;
    for (const k of ['bedrock', 'sm_', '-sm', 'azure', 'lex:', 'machine-learning-services']) {
      for (let at = 0; at < 70; at++) {
        const t = 'y'.repeat(at) + k.toUpperCase() + 'y'.repeat(70 - at);
        assert.ok(filter.test(Buffer.from(t)), `${k} at ${at}`);
        // cut right after the keyword: it ends the text
        assert.ok(filter.test(Buffer.from(t), at + k.length), `${k} ending the text at ${at + k.length}`);
        // cut one byte short: gone
        assert.strictEqual(filter.test(Buffer.from(t), at + k.length - 1), false, `${k} cut at ${at + k.length - 1}`);
      }
    }
  });

  it('tests bytes in its own memory without a copy, and bytes elsewhere after a copy', () => {
    const filter = WindowFilter.create(['bedrock', 'vertex'])!;
    const own = filter.buffer(64);
    own.fill(0x20);
    own.write('call vertex now');
    assert.strictEqual(filter.test(own, 15), true);
    // stale bytes after `length` do not count
    assert.strictEqual(filter.test(own, 8), false);
    // growing the memory detaches old buffers but keeps their bytes in the new one
    const bigger = filter.buffer(1 << 20);
    assert.strictEqual(own.length, 0);
    assert.strictEqual(bigger.subarray(0, 15).toString(), 'call vertex now');
    // bytes from elsewhere are copied in (over the buffer's bytes)
    assert.strictEqual(filter.test(Buffer.from('no keyword here, only text')), false);
    assert.strictEqual(filter.test(Buffer.from('text, then Vertex')), true);
    const large = Buffer.alloc(900_000, 'a');
    large.write('BEDROCK', 899_990);
    assert.strictEqual(filter.test(large), true);
    large.write('bedroc ', 899_990);
    assert.strictEqual(filter.test(large), false);
  });

  it('is the module its WebAssembly text assembles to (run `node out/scripts/wasm.js` after editing the text)', async () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'src', 'core', 'simd', 'windows.ts'), 'utf8');
    assert.strictEqual(committed, source(await assemble()));
  });
});

describe('file reader with the SIMD filter', () => {
  it('reads again after another user of the filter grew its memory, and grows its own buffer for large files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-wreader-'));
    try {
      const filter = new ByteFilter(catalogKeywords);
      assert.strictEqual(filter.kind, 'simd');
      const reader = new FileReader(filter, 4096);
      const write = (name: string, data: string) => {
        fs.writeFileSync(path.join(dir, name), data);
        return path.join(dir, name);
      };
      assert.strictEqual(reader.read(write('a.tf', 'resource "aws_bedrock" {}'), 'a.tf').kind, 'candidate');
      // the engine tests a large text with the same filter: the memory grows under the reader
      assert.strictEqual(filter.test(Buffer.alloc(3_000_000, 'x')), false);
      assert.strictEqual(reader.read(write('b.tf', 'x'.repeat(100) + 'vertex'), 'b.tf').kind, 'candidate');
      assert.deepStrictEqual(reader.read(write('c.tf', 'x'.repeat(100)), 'c.tf'), { kind: 'clean' });
      // larger than the first buffer (256 KiB): read whole, keyword at the very end
      const big = reader.read(write('d.tf', 'y'.repeat(1_500_000) + 'SageMaker'), 'd.tf');
      assert.strictEqual(big.kind, 'candidate');
      assert.strictEqual((big as { bytes: Uint8Array }).bytes.length, 1_500_009);
      assert.deepStrictEqual(reader.read(write('e.tf', 'y'.repeat(1_500_000)), 'e.tf'), { kind: 'clean' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SIMD byte prefilter tables handed to another filter', () => {
  it('answers the same as the filter that computed them', () => {
    const source = new ByteFilter(catalogKeywords);
    const prepared = source.prepared();
    assert.ok(prepared);
    const copy = new ByteFilter(catalogKeywords, { prepared: structuredClone(prepared) });
    assert.strictEqual(copy.kind, 'simd');
    fc.assert(
      fc.property(texts(catalogKeywords), (text) => {
        const bytes = Buffer.from(text);
        assert.strictEqual(copy.test(bytes), reference(catalogKeywords, text), JSON.stringify(text));
      }),
      { numRuns: 1500 },
    );
    // the table walk has no tables to hand over
    assert.strictEqual(new ByteFilter(catalogKeywords, { simd: false }).prepared(), undefined);
  });
});
