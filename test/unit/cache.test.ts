/** The result cache: a repeated scan reuses unchanged files' results and reports exactly what a fresh scan reports. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { scan, type ScanResult } from '../../src/core';
import { cacheDirFor } from '../../src/core/cache';
import { tempTree } from './helpers';

const TF = 'resource "azurerm_cognitive_account" "openai" {\n  kind = "OpenAI"\n}\n';
const PY = 'import boto3\nclient = boto3.client("bedrock-runtime")\n';

const shape = (r: ScanResult) => ({
  findings: r.findings.map((f) => `${f.file}:${f.range.startLine}:${f.range.startColumn} ${f.ruleId} ${f.severity} ${f.fingerprint}`),
  suppressed: r.suppressed.map((f) => `${f.file}:${f.range.startLine} ${f.ruleId} ${f.suppression?.kind}`),
  diagnostics: r.diagnostics.map((d) => `${d.file}:${d.range.startLine} ${d.message}`),
  skipped: r.skipped.map((s) => `${s.file} ${s.reason}`),
  summary: r.summary,
});

async function cached(dir: string, cache: string, overrides = {}) {
  let info = { hits: 0, misses: 0, dir: '' };
  const r = await scan([dir], { cache, overrides, onCache: (c) => (info = c) });
  return { r, ...info };
}

describe('result cache', () => {
  it('a repeated scan parses nothing unchanged and reports what a fresh scan reports', async () => {
    const t = tempTree({
      'infra/main.tf': TF,
      'app/chat.py': PY,
      'app/quiet.py': 'x = 1\n',
      'app/legacy.py': `${PY.trim()}  # ai-lockin-audit-ignore aws-bedrock-sdk: kept for the migration\n`,
      'bin.py': Buffer.from([0x62, 0x65, 0x64, 0, 1]),
    });
    const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-cache-'));
    try {
      const fresh = await scan([t.dir]);
      const first = await cached(t.dir, cacheRoot);
      assert.strictEqual(first.hits, 0);
      assert.strictEqual(first.misses, 3, 'the three files with a keyword were parsed');
      assert.ok(first.dir.startsWith(cacheRoot));
      assert.ok(fs.existsSync(path.join(first.dir, 'CACHEDIR.TAG')));
      assert.strictEqual(fs.readFileSync(path.join(first.dir, '.gitignore'), 'utf8').trim().split('\n').pop(), '*');
      const second = await cached(t.dir, cacheRoot);
      assert.strictEqual(second.hits, 3);
      assert.strictEqual(second.misses, 0);
      assert.deepStrictEqual(shape(second.r), shape(fresh));
      assert.deepStrictEqual(shape(first.r), shape(fresh));

      // one file changes: only it is parsed again, and its new result is reported
      fs.writeFileSync(path.join(t.dir, 'app/chat.py'), `# moved\n${PY}`);
      const third = await cached(t.dir, cacheRoot);
      assert.deepStrictEqual([third.hits, third.misses], [2, 1]);
      assert.deepStrictEqual(shape(third.r), shape(await scan([t.dir])));
      assert.ok(third.r.findings.some((f) => f.file === 'app/chat.py' && f.range.startLine === 3));

      // a different configuration starts afresh (severities are part of the result)
      const noted = await cached(t.dir, cacheRoot, { rules: { 'aws-bedrock-sdk': 'error' as const } });
      assert.strictEqual(noted.hits, 0);
      assert.ok(noted.r.findings.some((f) => f.ruleId === 'aws-bedrock-sdk' && f.severity === 'error'));
      assert.deepStrictEqual(shape(noted.r), shape(await scan([t.dir], { overrides: { rules: { 'aws-bedrock-sdk': 'error' as const } } })));
    } finally {
      t.cleanup();
      fs.rmSync(cacheRoot, { recursive: true, force: true });
    }
  });

  it('ignores a cache it cannot trust or read, and never writes through a symbolic link', async () => {
    const t = tempTree({ 'main.tf': TF });
    const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-cache-'));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-elsewhere-'));
    try {
      const dir = cacheDirFor(t.dir, cacheRoot)!;
      fs.mkdirSync(dir, { recursive: true });
      // an entry planted under another salt (or by hand) is not used: the finding is still reported
      fs.writeFileSync(path.join(dir, 'results-v1.json'), JSON.stringify({ salt: 'planted', entries: {} }));
      let r = await cached(t.dir, cacheRoot);
      assert.strictEqual(r.hits, 0);
      assert.strictEqual(r.r.findings.length, 1);
      // garbage is not an error
      fs.writeFileSync(path.join(dir, 'results-v1.json'), '{not json');
      r = await cached(t.dir, cacheRoot);
      assert.strictEqual(r.r.findings.length, 1);
      assert.strictEqual(r.hits, 0);
      // the cache folder replaced by a link to another folder: nothing is written there
      fs.rmSync(dir, { recursive: true, force: true });
      fs.symlinkSync(elsewhere, dir);
      r = await cached(t.dir, cacheRoot);
      assert.strictEqual(r.r.findings.length, 1);
      assert.deepStrictEqual(fs.readdirSync(elsewhere), []);
    } finally {
      t.cleanup();
      fs.rmSync(cacheRoot, { recursive: true, force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('keeps its default folder outside the scanned tree, one per root', () => {
    const a = cacheDirFor('/work/repo-a');
    const b = cacheDirFor('/work/repo-b');
    assert.ok(a && b && a !== b);
    assert.ok(!a.startsWith('/work/repo-a'));
  });
});
