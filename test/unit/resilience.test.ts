/**
 * Editor resilience: scanText/scanBytes never throw whatever the config, name or text; a cancelled
 * scan returns cleanly with no work left running; concurrent calls agree with sequential ones;
 * config excludes cannot take discovery out of the root.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { type Config, defaultConfig, Engine, type Rule, scan } from '../../src/core';
import { tempTree } from './helpers';

const engine = new Engine();
const TF = 'resource "aws_bedrock_guardrail" "g" {} # ai-lockin-audit-ignore aws-bedrock-terraform: accepted\nresource "aws_sagemaker_model" "m" {}\n';

function brokenRule(over: Partial<Rule>): Rule {
  return { id: 'custom-broken', title: 't', provider: 'aws', service: 's', artifacts: ['terraform'], severity: 'warning', facts: ['cloud-flexibility'], alternative: 'a', message: 'm', keywords: ['bedrock'], match: [{ atom: 'resource-type', value: '^aws_bedrock' }], docs: '', ...over };
}

describe('resilience', () => {
  it('scanText and scanBytes never throw on broken configs (an editor may pass anything)', async () => {
    const configs: unknown[] = [
      {},
      { ...defaultConfig(), rules: null },
      { ...defaultConfig(), providers: undefined, acceptedProviders: undefined },
      { ...defaultConfig(), maxFileSizeKb: -1 },
      { ...defaultConfig(), maxFileSizeKb: Number.NaN },
      { ...defaultConfig(), inlineSuppressions: 'yes' },
      // rules that skipped validation: an unknown fact (guidance composition throws), a pattern RE2 refuses, a null match
      { ...defaultConfig(), customRules: [brokenRule({ facts: ['no-such-fact'] })] },
      { ...defaultConfig(), customRules: [brokenRule({ match: [{ atom: 'resource-type', value: '(a)\\1' }] })] },
      { ...defaultConfig(), customRules: [brokenRule({ match: null as never })] },
      { ...defaultConfig(), customRules: [null] },
    ];
    for (const c of configs) {
      for (const call of [() => engine.scanText('main.tf', TF, c as Config), () => engine.scanBytes('main.tf', Buffer.from(TF), c as Config)]) {
        const r = await call();
        assert.ok(r.skipped || Array.isArray(r.findings), JSON.stringify(c));
        if (r.skipped) assert.ok(r.skipped.reason && r.skipped.detail);
      }
    }
    const r = await engine.scanText('main.tf', TF, { ...defaultConfig(), customRules: [brokenRule({ facts: ['no-such-fact'] })] });
    assert.strictEqual(r.skipped?.reason, 'internal-error', 'a failure after parsing is a skip, not a rejection');
  });

  it('scanText never throws on odd file names', async () => {
    for (const name of ['', '/', '.', '..', '../../etc/passwd.tf', 'a\0b.tf', 'x'.repeat(10_000) + '.tf', '.tf', 'C:\\win\\main.tf', 'main.TF', '🙂.tf', 'a\nb.tf']) {
      const r = await engine.scanText(name, TF);
      assert.strictEqual(r.file, name);
      assert.ok(Array.isArray(r.findings));
    }
  });

  it('concurrent scanText calls on one engine agree with sequential ones', async () => {
    const texts = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? TF : i % 3 === 1 ? `x = "${'['.repeat(i)}"\n${TF}` : 'resource "aws_s3_bucket" "b" {}\n'));
    const names = texts.map((_, i) => [`m${i}.tf`, `m${i}.tf.json`, `v${i}.yaml`][i % 3]);
    const sequential = [];
    for (let i = 0; i < texts.length; i++) sequential.push(await engine.scanText(names[i], texts[i]));
    const concurrent = await Promise.all(texts.map((t, i) => engine.scanText(names[i], t)));
    assert.deepStrictEqual(concurrent, sequential);
  });

  it('an already-aborted scan returns at once with nothing scanned', async () => {
    const t = tempTree({ 'a.tf': TF, 'b/c.tf': TF });
    try {
      const ac = new AbortController();
      ac.abort();
      let files = 0;
      const r = await scan([t.dir], { signal: ac.signal, onFile: () => files++ });
      assert.strictEqual(files, 0);
      assert.strictEqual(r.summary.filesScanned, 0);
    } finally {
      t.cleanup();
    }
  });

  it('a scan cancelled mid-way resolves, and no work continues after it returns', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`d${i % 20}/f${i}.tf`] = TF;
    const t = tempTree(files);
    try {
      const ac = new AbortController();
      let seen = 0;
      const r = await scan([t.dir], {
        signal: ac.signal,
        onFile: () => {
          seen++;
          if (seen === 10) ac.abort();
        },
      });
      const atReturn = seen;
      assert.ok(r.summary.filesScanned < 400, `cancelled: ${r.summary.filesScanned} of 400 scanned`);
      assert.ok(r.summary.filesScanned >= 10);
      assert.strictEqual(r.summary.filesScanned + r.summary.filesSkipped, atReturn, 'the result holds exactly the files reported');
      await new Promise((res) => setTimeout(res, 300));
      assert.strictEqual(seen, atReturn, 'no file finished after the scan returned');
      const open = process.getActiveResourcesInfo().filter((x) => /FileHandle|FSReq/.test(x));
      assert.deepStrictEqual(open, [], 'no file handle or fs request left open');
    } finally {
      t.cleanup();
    }
  });

  it('config excludes with ../ or absolute paths never take discovery out of the root', async () => {
    const t = tempTree({
      'root/main.tf': TF,
      'root/sub/x.tf': TF,
      'sibling/secret.tf': TF,
      'root/.ai-lockin-audit.yaml': 'exclude: ["../", "../sibling/", "!../sibling/**", "/etc/", "..", "../../**", "!/**", "sub/../../sibling"]\n',
    });
    try {
      const r = await scan([path.join(t.dir, 'root')]);
      const paths = [...r.findings, ...r.suppressed].map((f) => f.file).concat(r.skipped.map((s) => s.file), r.diagnostics.map((d) => d.file));
      assert.ok(paths.length > 0);
      for (const p of paths) {
        assert.ok(!p.startsWith('..') && !path.isAbsolute(p) && !p.includes('sibling'), p);
      }
      assert.deepStrictEqual([...new Set(r.findings.map((f) => f.file))].sort(), ['main.tf', 'sub/x.tf']);
      assert.ok(fs.existsSync(path.join(t.dir, 'sibling/secret.tf')));
    } finally {
      t.cleanup();
    }
  });
});
