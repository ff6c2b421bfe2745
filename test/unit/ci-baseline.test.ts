/** Baselines through the CLI: write, re-scan, add, move, edit; stable files; clear errors. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { ROOT, runCli, tempTree } from './helpers';

const BLOCKS = {
  agent: 'resource "aws_bedrockagent_agent" "support" {\n  agent_name = "support"\n}\n',
  openai: 'resource "azurerm_cognitive_account" "openai" {\n  name = "contoso-openai"\n  kind = "OpenAI"\n}\n',
  // two identical IAM lines in two blocks: the occurrence index tells them apart
  policyA: 'data "aws_iam_policy_document" "a" {\n  statement {\n    actions = ["bedrock:InvokeModel"]\n  }\n}\n',
  policyB: 'data "aws_iam_policy_document" "b" {\n  statement {\n    actions = ["bedrock:InvokeModel"]\n  }\n}\n',
};
const tf = (...parts: string[]) => parts.join('\n');

interface Json {
  findings: { ruleId: string; file: string; range: { startLine: number } }[];
  suppressed: { ruleId: string; suppression: { kind: string; reason: string } }[];
  summary: { findings: number; suppressed: number };
}

function scanJson(dir: string, extra: string[]): { status: number | null; json: Json; stderr: string } {
  const r = runCli(['scan', '.', '-f', 'json', '--fail-on', 'note', ...extra], { cwd: dir });
  return { status: r.status, json: JSON.parse(r.stdout || '{}'), stderr: r.stderr };
}

describe('ci baseline', () => {
  it('round-trips: write, re-scan, add a binding, move a block, edit a bound line', () => {
    const t = tempTree({ 'infra/main.tf': tf(BLOCKS.agent, BLOCKS.policyA, BLOCKS.openai, BLOCKS.policyB) });
    const main = path.join(t.dir, 'infra', 'main.tf');
    try {
      const w = scanJson(t.dir, ['--write-baseline', '.ai-lockin-audit-baseline.json']);
      assert.strictEqual(w.status, 0, 'writing a baseline accepts everything');
      assert.strictEqual(w.json.summary.findings, 0);
      assert.strictEqual(w.json.summary.suppressed, 4);
      assert.match(w.stderr, /wrote baseline .* with 4 entries/);
      const file = path.join(t.dir, '.ai-lockin-audit-baseline.json');
      const b = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.strictEqual(b.version, 1);
      assert.match(b.tool.version, /^\d+\.\d+\.\d+/);
      assert.strictEqual(b.entries.length, 4);
      for (const e of b.entries) assert.deepStrictEqual(Object.keys(e), ['fingerprint', 'ruleId', 'file', 'line']);
      const sorted = [...b.entries].sort((x: any, y: any) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.ruleId < y.ruleId ? -1 : x.ruleId > y.ruleId ? 1 : x.line - y.line));
      assert.deepStrictEqual(b.entries, sorted, 'entries sorted by file, rule, line');

      // unchanged: zero new, the accepted ones counted as suppressed (baseline)
      const same = scanJson(t.dir, ['--baseline', '.ai-lockin-audit-baseline.json']);
      assert.strictEqual(same.status, 0, same.stderr);
      assert.strictEqual(same.json.summary.findings, 0);
      assert.strictEqual(same.json.suppressed.filter((s) => s.suppression.kind === 'baseline').length, 4);
      assert.match(same.json.suppressed[0].suppression.reason, /baseline/);

      // rewriting gives the same bytes (reviewable diffs)
      const before = fs.readFileSync(file, 'utf8');
      scanJson(t.dir, ['--baseline', '.ai-lockin-audit-baseline.json', '--write-baseline', '.ai-lockin-audit-baseline.json']);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), before);

      // a new binding: exactly one new
      fs.writeFileSync(main, tf(BLOCKS.agent, BLOCKS.policyA, BLOCKS.openai, BLOCKS.policyB, 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n'));
      const added = scanJson(t.dir, ['--baseline', '.ai-lockin-audit-baseline.json']);
      assert.strictEqual(added.status, 1);
      assert.deepStrictEqual(added.json.findings.map((f) => f.ruleId), ['aws-bedrock-terraform']);
      assert.strictEqual(added.json.summary.suppressed, 4);
      const sarif = JSON.parse(runCli(['scan', '.', '-f', 'sarif', '--baseline', '.ai-lockin-audit-baseline.json'], { cwd: t.dir }).stdout) as { runs: { results: { ruleId: string; baselineState: string }[] }[] };
      const ajv = new Ajv({ strict: false, unicodeRegExp: false });
      assert.ok(ajv.validate(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'schemas', 'sarif-2.1.0.json'), 'utf8')), sarif), JSON.stringify(ajv.errors?.slice(0, 3)));
      const states = sarif.runs[0].results.map((r: { ruleId: string; baselineState: string }) => `${r.ruleId}:${r.baselineState}`).sort();
      assert.deepStrictEqual(states, ['aws-bedrock-iam-action:unchanged', 'aws-bedrock-iam-action:unchanged', 'aws-bedrock-terraform:new', 'aws-bedrock-terraform:unchanged', 'azure-cognitive-services-terraform:unchanged']);

      // blocks moved down ten lines, and the two identical policy blocks swapped: still zero new
      fs.writeFileSync(main, '\n'.repeat(10) + tf(BLOCKS.policyB, BLOCKS.openai, '# moved\n', BLOCKS.agent, BLOCKS.policyA));
      const moved = scanJson(t.dir, ['--baseline', '.ai-lockin-audit-baseline.json']);
      assert.strictEqual(moved.json.summary.findings, 0, JSON.stringify(moved.json.findings));
      assert.strictEqual(moved.json.summary.suppressed, 4);

      // re-indented: still zero new
      fs.writeFileSync(main, tf(BLOCKS.agent.replace(/^resource/m, '  resource'), BLOCKS.policyA, BLOCKS.openai, BLOCKS.policyB));
      assert.strictEqual(scanJson(t.dir, ['--baseline', '.ai-lockin-audit-baseline.json']).json.summary.findings, 0);

      // a bound line edited: that finding is new, its old entry no longer matches
      fs.writeFileSync(main, tf(BLOCKS.agent.replace('"support"', '"helpdesk"'), BLOCKS.policyA, BLOCKS.openai, BLOCKS.policyB));
      const edited = scanJson(t.dir, ['--baseline', '.ai-lockin-audit-baseline.json']);
      assert.strictEqual(edited.status, 1);
      assert.deepStrictEqual(edited.json.findings.map((f) => `${f.ruleId}@${f.range.startLine}`), ['aws-bedrock-terraform@1']);
      assert.match(edited.stderr, /3 accepted finding\(s\), 1 new; 1 entry matches nothing now/);

      // a third copy of an accepted identical line is new (entries accept one finding each)
      fs.writeFileSync(main, tf(BLOCKS.agent, BLOCKS.policyA, BLOCKS.openai, BLOCKS.policyB, BLOCKS.policyB.replace('"b"', '"c"')));
      const third = scanJson(t.dir, ['--baseline', '.ai-lockin-audit-baseline.json']);
      assert.deepStrictEqual(third.json.findings.map((f) => f.ruleId), ['aws-bedrock-iam-action']);
    } finally {
      t.cleanup();
    }
  });

  it('a missing or broken baseline is a usage error that says what to do', () => {
    const t = tempTree({ 'main.tf': BLOCKS.agent, 'bad.json': '{"version": 1, "entries": [{"ruleId": 3}]}', 'junk.json': 'not json' });
    try {
      const cases: [string, RegExp][] = [
        ['nope.json', /baseline nope\.json does not exist: create it with --write-baseline nope\.json/],
        ['bad.json', /entry 1 needs "fingerprint", "ruleId" and "file" strings: fix it, or write a new baseline/],
        ['junk.json', /is not valid JSON .*write a new one with --write-baseline junk\.json/],
      ];
      for (const [file, re] of cases) {
        const r = runCli(['scan', '.', '--baseline', file], { cwd: t.dir });
        assert.strictEqual(r.status, 2, r.stderr);
        assert.strictEqual(r.stderr.trim().split('\n').length, 1);
        assert.match(r.stderr, re);
      }
      // first run with the same file for both: creates it
      const first = runCli(['scan', '.', '--baseline', 'b.json', '--write-baseline', 'b.json', '--fail-on', 'note'], { cwd: t.dir });
      assert.strictEqual(first.status, 0, first.stderr);
      assert.ok(fs.existsSync(path.join(t.dir, 'b.json')));
      const both = runCli(['scan', '.', '--write-baseline', 'x.json', '--diff-base', 'HEAD'], { cwd: t.dir });
      assert.strictEqual(both.status, 2);
      assert.match(both.stderr, /drop one of them/);
    } finally {
      t.cleanup();
    }
  });
});
