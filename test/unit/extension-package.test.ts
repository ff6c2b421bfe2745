/** Extension: `scripts/package-vsix.mjs` builds a .vsix offline with what the extension needs and nothing else. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers';

/** Entry names of a zip file, from its central directory. */
function zipEntries(buf: Buffer): string[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.strictEqual(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const n = buf.readUInt16LE(at + 28);
    const m = buf.readUInt16LE(at + 30);
    const k = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + n));
    at += 46 + n + m + k;
  }
  return names;
}

describe('extension: .vsix package', () => {
  const built = fs.existsSync(path.join(ROOT, 'dist', 'extension.js'));
  it('holds the bundle, assets, rule docs, schema, media, grammar and license; no sources, tests or maps', { skip: built ? false : 'dist/extension.js missing: run npm run build' }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-vsix-'));
    try {
      const out = path.join(dir, 'test.vsix');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package-vsix.mjs'), out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      assert.strictEqual(r.status, 0, r.stderr + r.stdout);
      const names = zipEntries(fs.readFileSync(out));
      const has = (re: RegExp) => names.some((n) => re.test(n));
      for (const re of [/^extension\/package\.json$/, /^extension\/dist\/extension\.js$/, /^extension\/dist\/wasm\/tree-sitter\.wasm$/, /^extension\/dist\/core-assets\/terms\/facts\.yaml$/, /^extension\/schemas\/config\.schema\.json$/, /^extension\/media\/report\.js$/, /^extension\/media\/icon\.png$/, /^extension\/syntaxes\/.+\.json$/, /^extension\/LICENSE/i, /^extension\/readme\.md$/i]) {
        assert.ok(has(re), `missing ${re}`);
      }
      const docs = fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
      for (const d of docs) assert.ok(names.includes(`extension/docs/rules/${d}`), `missing docs/rules/${d}`);
      for (const re of [/^extension\/src\//, /^extension\/test\//, /^extension\/out\//, /node_modules\//, /\.map$/, /\.ts$/, /^extension\/dist\/cli\.js$/, /^extension\/scripts\//, /^extension\/examples\//, /^extension\/\.cache\//]) {
        assert.ok(!has(re), `should not ship ${re}: ${names.filter((n) => re.test(n)).slice(0, 3).join(', ')}`);
      }
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      assert.strictEqual(manifest.main, './dist/extension.js');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
