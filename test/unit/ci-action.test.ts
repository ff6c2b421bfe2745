/** The GitHub Action and the pre-commit hook definition: structure, and the action's scan step run as GitHub would run it. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CLI, ROOT, tempTree } from './helpers';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string; default?: string }>; outputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };

/** Run one `run:` step with bash, its `env:` filled from `inputs` the way the runner would. */
function runStep(step: Step, inputs: Record<string, string>, extraEnv: Record<string, string>, cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extraEnv };
  for (const [k, v] of Object.entries(step.env ?? {})) {
    const m = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(v);
    if (m) env[k] = inputs[m[1]] ?? action.inputs[m[1]].default ?? '';
  }
  return spawnSync('bash', ['-e', '-c', step.run!], { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('ci action and hooks', () => {
  it('action.yml: a composite action with the documented inputs, inputs never interpolated into scripts', () => {
    assert.strictEqual(action.runs.using, 'composite');
    for (const i of ['paths', 'format', 'fail-on', 'config', 'baseline', 'diff-base', 'upload-sarif', 'sarif-file']) assert.ok(action.inputs[i]?.description, `input ${i}`);
    for (const o of ['exit-code', 'findings', 'sarif-file']) assert.ok(action.outputs[o], `output ${o}`);
    for (const s of action.runs.steps) if (s.run) assert.doesNotMatch(s.run, /\$\{\{/, 'expressions belong in env:, not in run:');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload && /inputs\.upload-sarif == 'true'/.test(upload.if ?? ''), 'SARIF upload is conditional on upload-sarif');
  });

  it("the action's scan step: arguments from inputs, outputs, job summary, and the failing step", () => {
    const t = tempTree({ 'infra/main.tf': 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n}\n', 'my app/app.tf': 'resource "azurerm_cognitive_account" "b" {\n  name = "b"\n}\n' });
    try {
      const scanStep = action.runs.steps.find((s) => s.id === 'scan')!;
      const ghOut = path.join(t.dir, 'gh-output');
      const summary = path.join(t.dir, 'summary.md');
      fs.writeFileSync(ghOut, '');
      const env = { ALA_CLI: CLI, GITHUB_OUTPUT: ghOut, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: t.dir, GITHUB_WORKSPACE: t.dir };
      const r = runStep(scanStep, { paths: 'infra\nmy app', 'fail-on': 'warning', 'upload-sarif': 'true' }, env, t.dir);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /^::warning file=infra\/main\.tf,line=1,/m);
      assert.match(r.stdout, /^::warning file=my app\/app\.tf,line=1,/m, 'a path with a space, one per line');
      const out = outputs(ghOut);
      assert.strictEqual(out['exit-code'], '1');
      assert.strictEqual(out.findings, '2');
      assert.strictEqual(out['sarif-file'], path.join(t.dir, 'ai-lockin-audit.sarif'));
      assert.strictEqual(JSON.parse(fs.readFileSync(out['sarif-file'], 'utf8')).runs[0].results.length, 2);
      assert.match(fs.readFileSync(summary, 'utf8'), /## AI lock-in audit/);

      const failStep = action.runs.steps[action.runs.steps.length - 1];
      const f = spawnSync('bash', ['-c', failStep.run!], { env: { ...process.env, CODE: '1', FAIL_ON: 'warning' }, encoding: 'utf8' });
      assert.strictEqual(f.status, 1);
      assert.match(f.stdout, /^::error title=AI lock-in audit::Findings at or above 'warning'/);

      // no upload, fail-on never: exit code 0, no SARIF output, findings still counted
      fs.writeFileSync(ghOut, '');
      const quiet = runStep(scanStep, { paths: 'infra', 'fail-on': 'never', format: 'compact' }, env, t.dir);
      assert.strictEqual(quiet.status, 0, quiet.stderr);
      assert.deepStrictEqual(outputs(ghOut), { 'exit-code': '0', findings: '1' });
    } finally {
      t.cleanup();
    }
  });

  it('.pre-commit-hooks.yaml: a node hook running ai-lockin-audit scan on the passed files', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    const h = hooks.find((x) => x.id === 'ai-lockin-audit')!;
    assert.ok(h, 'hook ai-lockin-audit');
    assert.strictEqual(h.language, 'node');
    assert.match(String(h.entry), /^ai-lockin-audit scan\b/);
    assert.strictEqual(h.pass_filenames, true);
    const types = h.types_or as string[];
    for (const k of ['terraform', 'yaml', 'json', 'python', 'javascript', 'ts', 'go', 'java', 'c#']) assert.ok(types.includes(k), `types_or lacks ${k}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.ok(pkg.bin[String(h.entry).split(' ')[0]], 'the entry is the package bin');
  });
});
