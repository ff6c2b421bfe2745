/** The quality scorer's matching and arithmetic, on synthetic findings and labels. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { CorpusError, dedupe, type Expected, type Label, loadCorpus, matchWorkspace, type Observed, parseArgs, passes, tally, MIN_PRECISION, MIN_RECALL } from '../../scripts/quality';
import { tempTree } from './helpers';

const obs = (file: string, line: number, provider: Observed['provider'] = 'azure', ruleId = 'r', artifact: Observed['artifact'] = 'terraform'): Observed => ({ file, line, provider, ruleId, artifact });
const lab = (file: string, line: number, provider: Label['provider'] = 'azure', extra: Partial<Label> = {}): Label => ({ file, line, provider, artifact: 'terraform', ...extra });
const exp = (findings: Label[], informational: Label[] = []): Expected => ({ findings, informational });

describe('quality scorer', () => {
  it('matches on file, provider and exact line', () => {
    const r = matchWorkspace('w', exp([lab('a.tf', 3), lab('a.tf', 9, 'aws')]), [obs('a.tf', 3), obs('a.tf', 9, 'azure'), obs('b.tf', 3)]);
    assert.strictEqual(r.matches.length, 1);
    assert.deepStrictEqual(r.falseNegatives.map((l) => `${l.file}:${l.line}:${l.provider}`), ['a.tf:9:aws']);
    assert.deepStrictEqual(r.falsePositives.map((f) => `${f.file}:${f.line}:${f.provider}`), ['a.tf:9:azure', 'b.tf:3:azure']);
  });

  it('accepts any line of a label range, and absorbs further findings inside a satisfied range', () => {
    const r = matchWorkspace('w', exp([lab('app.py', 10, 'aws', { lines: [10, 12] })]), [obs('app.py', 11, 'aws'), obs('app.py', 12, 'aws'), obs('app.py', 13, 'aws')]);
    assert.strictEqual(r.matches.length, 1);
    assert.strictEqual(r.matches[0].finding.line, 11);
    assert.deepStrictEqual(r.absorbed.map((f) => f.line), [12]);
    assert.deepStrictEqual(r.falsePositives.map((f) => f.line), [13]);
    assert.deepStrictEqual(r.falseNegatives, []);
  });

  it('dedupes findings by location before matching: two rules on one line are one finding', () => {
    const d = dedupe([obs('a.tf', 3, 'azure', 'rule-b'), obs('a.tf', 3, 'azure', 'rule-a'), obs('a.tf', 3, 'aws', 'rule-c')]);
    assert.deepStrictEqual(d.map((f) => `${f.line}:${f.provider}:${f.ruleId}`), ['3:aws:rule-c', '3:azure:rule-a']);
    const r = matchWorkspace('w', exp([lab('a.tf', 3)]), [obs('a.tf', 3, 'azure', 'x'), obs('a.tf', 3, 'azure', 'y')]);
    assert.strictEqual(r.matches.length, 1);
    assert.deepStrictEqual(r.falsePositives, []);
  });

  it('lets one finding satisfy one label only, exact labels before ranges', () => {
    // the exact label on line 5 must get the finding on line 5; the range gets line 6
    const r = matchWorkspace('w', exp([lab('x.py', 4, 'azure', { lines: [4, 6] }), lab('x.py', 5)]), [obs('x.py', 5), obs('x.py', 6)]);
    assert.strictEqual(r.matches.length, 2);
    const byLabel = Object.fromEntries(r.matches.map((m) => [m.label.lines ? 'range' : 'exact', m.finding.line]));
    assert.deepStrictEqual(byLabel, { exact: 5, range: 6 });
    // two labels, one finding: one label is missed
    const r2 = matchWorkspace('w', exp([lab('x.py', 4, 'azure', { lines: [4, 6] }), lab('x.py', 5)]), [obs('x.py', 5)]);
    assert.strictEqual(r2.matches.length, 1);
    assert.strictEqual(r2.falseNegatives.length, 1);
  });

  it('keeps google-ai out of the scores but reports it', () => {
    const r = matchWorkspace('w', exp([], [lab('g.py', 2, 'google-ai')]), [obs('g.py', 2, 'google-ai'), obs('g.py', 7, 'google-ai'), obs('g.py', 2, 'gcp')]);
    assert.strictEqual(r.informational.matched.length, 1);
    assert.deepStrictEqual(r.informational.unlabelled.map((f) => f.line), [7]);
    // a gcp finding where only the Gemini Developer API is used is a false positive
    assert.deepStrictEqual(r.falsePositives.map((f) => `${f.line}:${f.provider}`), ['2:gcp']);
    const t = tally([r]);
    assert.deepStrictEqual([t.overall.tp, t.overall.fp, t.overall.fn], [0, 1, 0]);
  });

  it('computes precision and recall per provider, per artifact and overall', () => {
    const labels = [lab('a.tf', 1), lab('a.tf', 2), lab('b.tf', 1, 'aws'), lab('c.py', 1, 'gcp', { artifact: 'python' }), lab('c.py', 2, 'gcp', { artifact: 'python' })];
    const findings = [obs('a.tf', 1), obs('a.tf', 2), obs('a.tf', 9), obs('b.tf', 1, 'aws'), obs('c.py', 1, 'gcp', 'r', 'python')];
    const t = tally([matchWorkspace('w', exp(labels), findings)]);
    assert.deepStrictEqual({ ...t.overall }, { labels: 5, findings: 5, tp: 4, fp: 1, fn: 1, precision: 4 / 5, recall: 4 / 5 });
    assert.strictEqual(t.byProvider.azure.precision, 2 / 3);
    assert.strictEqual(t.byProvider.azure.recall, 1);
    assert.strictEqual(t.byProvider.aws.precision, 1);
    assert.strictEqual(t.byProvider.gcp.recall, 1 / 2);
    assert.strictEqual(t.byArtifact.terraform.precision, 3 / 4);
    assert.strictEqual(t.byArtifact.python.recall, 1 / 2);
    assert.ok(!passes(t));
    assert.ok(passes(t, 0.8, 0.8));
  });

  it('counts precision by the finding artifact and recall by the label artifact', () => {
    const t = tally([matchWorkspace('w', exp([lab('k.yaml', 4, 'azure', { artifact: 'helm' })]), [obs('k.yaml', 4, 'azure', 'r', 'yaml')])]);
    assert.strictEqual(t.byArtifact.yaml.findings, 1);
    assert.strictEqual(t.byArtifact.yaml.labels, 0);
    assert.strictEqual(t.byArtifact.helm.labels, 1);
    assert.strictEqual(t.byArtifact.helm.recall, 1);
  });

  it('treats no findings as vacuous precision and no labels as vacuous recall', () => {
    const t = tally([matchWorkspace('clean', exp([]), [])]);
    assert.strictEqual(t.overall.precision, 1);
    assert.strictEqual(t.overall.recall, 1);
    const missing = tally([matchWorkspace('w', exp([lab('a.tf', 1)]), [])]);
    assert.strictEqual(missing.overall.recall, 0);
  });

  it('parses thresholds from flags, with the exported defaults', () => {
    assert.deepStrictEqual([parseArgs([]).minPrecision, parseArgs([]).minRecall], [MIN_PRECISION, MIN_RECALL]);
    const a = parseArgs(['--min-precision', '0.5', '--min-recall', '0.25', '--only', 'a,b']);
    assert.deepStrictEqual([a.minPrecision, a.minRecall, a.only], [0.5, 0.25, ['a', 'b']]);
    assert.throws(() => parseArgs(['--min-recall', '2']), /between 0 and 1/);
    assert.throws(() => parseArgs(['--frobnicate']), /unknown argument/);
  });

  it('rejects a corpus whose label text is not on the labelled line', async () => {
    const { dir, cleanup } = tempTree({
      'ws/workspace/main.tf': 'terraform {}\nresource "aws_bedrock_guardrail" "g" {}\n',
      'ws/expected.yaml': 'findings:\n  - { file: main.tf, line: 1, provider: aws, text: aws_bedrock_guardrail }\n',
    });
    try {
      await assert.rejects(loadCorpus(dir), CorpusError);
      fs.writeFileSync(path.join(dir, 'ws/expected.yaml'), 'findings:\n  - { file: main.tf, line: 2, provider: aws, text: aws_bedrock_guardrail }\n');
      const [ws] = await loadCorpus(dir);
      assert.strictEqual(ws.expected.findings[0].artifact, 'terraform');
      fs.writeFileSync(path.join(dir, 'ws/expected.yaml'), 'findings:\n  - { file: main.tf, line: 2, provider: google-ai }\n');
      await assert.rejects(loadCorpus(dir), /informational/);
    } finally {
      cleanup();
    }
  });
});
