/** Extension: the workspace audit over the engine's scan, and cancellation leaving the store as it was. */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { Engine, scan, summarize } from '../../src/core';
import { applyAudit, type AuditFolder, runAudit } from '../../src/extension/audit';
import { FindingsStore } from '../../src/extension/store';
import { tempTree } from './helpers';

const engine = new Engine();

function folder(name: string, dir: string, overrides: AuditFolder['overrides'] | 'disabled' = {}): AuditFolder {
  return { name, fsPath: dir, uriOf: (rel) => `file://${dir}/${rel}`, overrides: overrides === 'disabled' ? undefined : overrides };
}

function tree(n: number) {
  const files: Record<string, string> = { 'clean.tf': 'resource "aws_s3_bucket" "b" {}\n' };
  for (let i = 0; i < n; i++) files[`m${String(i).padStart(3, '0')}.tf`] = `resource "aws_bedrock_guardrail" "g${i}" {}\n`;
  return tempTree(files);
}

describe('extension: workspace audit', () => {
  it('scans every folder, with per-folder settings, and applies the results', async () => {
    const a = tree(3);
    const b = tree(2);
    try {
      const run = await runAudit([folder('a', a.dir), folder('b', b.dir, { rules: { 'aws-bedrock-terraform': 'off' } }), folder('off', b.dir, 'disabled')], scan, { engine });
      assert.strictEqual(run.cancelled, false);
      assert.deepStrictEqual(run.roots, [a.dir, b.dir]);
      assert.strictEqual(run.filesScanned, 4 + 3);
      assert.strictEqual(run.entries.length, 3, 'folder b has the rule off: no entries');
      assert.ok(run.entries.every((e) => e.uri.startsWith(`file://${a.dir}/m`) && e.rootName === 'a'));
      const store = new FindingsStore();
      store.set({ uri: 'file:///live.tf', rel: 'live.tf', result: await engine.scanText('live.tf', 'resource "aws_sagemaker_model" "m" {}\n'), origin: 'live' });
      const open = `file://${a.dir}/m000.tf`;
      const { published } = applyAudit(store, run, (u) => u === open, true);
      assert.strictEqual(published.length, 2, 'the open file keeps its live result');
      assert.strictEqual(store.activeCount(), 3);
      assert.ok(store.get('file:///live.tf'), 'live entries stay');
      assert.strictEqual(store.audited.size, 7);
      const sr = store.toScanResult({ name: 'x', version: '0', rulesVersion: 'r' }, summarize);
      assert.strictEqual(sr.summary.filesScanned, 7);
      assert.deepStrictEqual(sr.findings.map((f) => f.file).filter((f) => f.startsWith('a/')), ['a/m001.tf', 'a/m002.tf']);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });

  it('a second audit replaces the first: findings that went away are removed', async () => {
    const a = tree(3);
    try {
      const store = new FindingsStore();
      applyAudit(store, await runAudit([folder('a', a.dir)], scan, { engine }), () => false, false);
      assert.strictEqual(store.activeCount(), 3);
      const again = await runAudit([folder('a', a.dir, { rules: { 'aws-bedrock-terraform': 'off' } })], scan, { engine });
      const { removed } = applyAudit(store, again, () => false, false);
      assert.strictEqual(removed.length, 3);
      assert.strictEqual(store.activeCount(), 0);
    } finally {
      a.cleanup();
    }
  });

  it('cancelling mid-run leaves the previous results untouched', async () => {
    const a = tree(60);
    try {
      const store = new FindingsStore();
      const first = await runAudit([folder('a', a.dir, { rules: { 'aws-bedrock-terraform': 'note' } })], scan, { engine });
      applyAudit(store, first, () => false, false);
      const before = JSON.stringify(store.toScanResult({ name: 'x', version: '0', rulesVersion: 'r' }, summarize));
      const ac = new AbortController();
      let seen = 0;
      const run = await runAudit([folder('a', a.dir), folder('a2', a.dir)], scan, {
        engine,
        signal: ac.signal,
        onProgress: () => {
          if (++seen === 3) ac.abort();
        },
      });
      assert.strictEqual(run.cancelled, true);
      assert.ok(run.audited.length < 61, `stopped early (${run.audited.length} files)`);
      assert.deepStrictEqual(run.roots, [a.dir], 'the second folder never started');
      assert.deepStrictEqual(applyAudit(store, run, () => false, false), { removed: [], published: [] });
      assert.strictEqual(JSON.stringify(store.toScanResult({ name: 'x', version: '0', rulesVersion: 'r' }, summarize)), before);
    } finally {
      a.cleanup();
    }
  });

  it('a folder that fails (missing path, invalid config) is reported and the others still run', async () => {
    const a = tree(1);
    const bad = tempTree({ '.ai-lockin-audit.yaml': 'rules:\n  aws-bedrock-terraform: loud\n', 'x.tf': 'resource "aws_bedrock_guardrail" "g" {}\n' });
    try {
      const run = await runAudit([folder('bad', bad.dir), folder('gone', `${a.dir}-missing`), folder('a', a.dir)], scan, { engine });
      assert.strictEqual(run.errors.length, 2);
      assert.match(run.errors[0], /^bad: .*aws-bedrock-terraform/);
      assert.match(run.errors[1], /^gone: path not found/);
      assert.strictEqual(run.entries.length, 1);
    } finally {
      a.cleanup();
      bad.cleanup();
    }
  });
});
