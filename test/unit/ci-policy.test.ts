/** Policy as code end to end, exit codes and error messages, pre-commit style file lists. */
import * as assert from 'assert';
import * as path from 'path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from './helpers';

const AWS = 'resource "aws_bedrockagent_agent" "support" {\n  agent_name = "support"\n}\n';
const AZURE = 'resource "azurerm_cognitive_account" "openai" {\n  name = "contoso-openai"\n}\n';

describe('ci policy', () => {
  it('"aws findings fail the build, others warn": providers: {aws: error} with --fail-on error', () => {
    const t = tempTree({ '.ai-lockin-audit.yaml': 'version: 1\nproviders:\n  aws: error\n', 'infra/aws.tf': AWS, 'infra/azure.tf': AZURE });
    try {
      const r = runCli(['scan', '.', '-f', 'json', '--fail-on', 'error'], { cwd: t.dir });
      assert.strictEqual(r.status, 1, r.stderr);
      const sev = Object.fromEntries(JSON.parse(r.stdout).findings.map((f: { provider: string; severity: string }) => [f.provider, f.severity]));
      assert.deepStrictEqual(sev, { aws: 'error', azure: 'warning' });
      const gh = runCli(['scan', '.', '-f', 'github', '--fail-on', 'error'], { cwd: t.dir });
      assert.match(gh.stdout, /^::error file=infra\/aws\.tf,/m);
      assert.match(gh.stdout, /^::warning file=infra\/azure\.tf,/m);
      // without the AWS binding only warnings remain: the build passes
      const onlyAzure = tempTree({ '.ai-lockin-audit.yaml': 'version: 1\nproviders:\n  aws: error\n', 'infra/azure.tf': AZURE });
      try {
        const ok = runCli(['scan', '.', '--fail-on', 'error'], { cwd: onlyAzure.dir });
        assert.strictEqual(ok.status, 0, ok.stdout);
        assert.match(ok.stdout, /warning/);
      } finally {
        onlyAzure.cleanup();
      }
      // a rules entry wins over the provider entry
      const r2 = tempTree({ '.ai-lockin-audit.yaml': 'version: 1\nproviders:\n  aws: error\nrules:\n  aws-bedrock-terraform: note\n', 'aws.tf': AWS });
      try {
        assert.strictEqual(runCli(['scan', '.', '--fail-on', 'error'], { cwd: r2.dir }).status, 0);
      } finally {
        r2.cleanup();
      }
      // the config's failOn applies when the flag is absent; the flag wins
      const f = tempTree({ '.ai-lockin-audit.yaml': 'version: 1\nfailOn: warning\n', 'azure.tf': AZURE });
      try {
        assert.strictEqual(runCli(['scan', '.'], { cwd: f.dir }).status, 1);
        assert.strictEqual(runCli(['scan', '.', '--fail-on', 'error'], { cwd: f.dir }).status, 0);
      } finally {
        f.cleanup();
      }
    } finally {
      t.cleanup();
    }
  });

  it('--no-inline-suppressions makes inline-suppressed findings count again', () => {
    const t = tempTree({ 'main.tf': `# ai-lockin-audit-ignore aws-bedrock-terraform: the support bot stays on Bedrock\n${AWS}` });
    try {
      const honoured = runCli(['scan', '.', '-f', 'json', '--fail-on', 'warning'], { cwd: t.dir });
      assert.strictEqual(honoured.status, 0);
      const j = JSON.parse(honoured.stdout);
      assert.strictEqual(j.findings.length, 0);
      assert.strictEqual(j.suppressed[0].suppression.kind, 'inline');
      const ignored = runCli(['scan', '.', '-f', 'json', '--fail-on', 'warning', '--no-inline-suppressions'], { cwd: t.dir });
      assert.strictEqual(ignored.status, 1);
      assert.deepStrictEqual(JSON.parse(ignored.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ['aws-bedrock-terraform']);
    } finally {
      t.cleanup();
    }
  });

  it('a file list (pre-commit) is scanned against the current folder and its config', () => {
    const t = tempTree({ '.ai-lockin-audit.yaml': 'version: 1\nproviders:\n  azure: error\nexclude: ["legacy/"]\n', 'infra/azure.tf': AZURE, 'infra/aws.tf': AWS, 'legacy/old.tf': AWS, 'README.md': '# azurerm_cognitive_account\n' });
    try {
      const r = runCli(['scan', 'infra/azure.tf', 'infra/aws.tf', 'legacy/old.tf', 'README.md', '-f', 'compact', '--fail-on', 'error'], { cwd: t.dir });
      assert.strictEqual(r.status, 1, r.stderr);
      const lines = r.stdout.trimEnd().split('\n').sort();
      assert.strictEqual(lines.length, 2, r.stdout);
      assert.match(lines[0], /^infra\/aws\.tf:1:\d+: warning aws-bedrock-terraform /);
      assert.match(lines[1], /^infra\/azure\.tf:1:\d+: error azure-cognitive-services-terraform /, 'the root config applies');
    } finally {
      t.cleanup();
    }
  });

  it('exit codes and errors: 2 for usage, config, baseline and output problems, each saying what to do', () => {
    const t = tempTree({ 'main.tf': AWS, '.bad.yaml': 'version: 1\nproviders:\n  aws: loud\n' });
    try {
      const cases: [string[], RegExp][] = [
        [['scan', '--format', 'xml'], /--format must be one of text, json, sarif, markdown, junit, github, compact, not "xml"/],
        [['scan', '--fail-on', 'sometimes'], /--fail-on must be one of error, warning, note, never/],
        [['scan', '--bogus'], /unknown option "--bogus": see ai-lockin-audit --help/],
        [['frobnicate'], /unknown command "frobnicate": use "ai-lockin-audit scan/],
        [['scan', 'no/such/path'], /path not found: no\/such\/path: check the spelling \(relative paths start at /],
        [['scan', '--baseline'], /--baseline needs a value: write --baseline <value>/],
        [['scan', '.', '--config', '.bad.yaml'], /invalid config: \.bad\.yaml:3: .*aws.*: fix the file/],
        [['scan', '.', '-o', path.join(t.dir, 'main.tf', 'x.txt')], /cannot write the report to .*: choose a writable path/],
      ];
      for (const [args, re] of cases) {
        const r = runCli(args, { cwd: t.dir });
        assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, re);
      }
      assert.strictEqual(runCli(['scan', '.', '--fail-on', 'warning', '-q'], { cwd: t.dir }).status, 1);
      assert.strictEqual(runCli(['scan', '.', '--fail-on', 'never', '-q'], { cwd: t.dir }).status, 0);
    } finally {
      t.cleanup();
    }
  });
});
