/** The CLI as a pipeline runs it: a process, its formats, its exit codes and error messages. */
import * as assert from 'assert';
import * as path from 'path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { runCli, tempTree, ROOT } from './helpers';

const EXAMPLE = path.join(ROOT, 'examples', 'workspace');

describe('cli', () => {
  it('prints the human report of the example workspace', () => {
    const r = runCli(['scan', EXAMPLE, '--fail-on', 'never']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /infra\/main\.tf/);
    assert.match(r.stdout, /azure-cognitive-services-terraform/);
    assert.match(r.stdout, /Summary/);
    assert.match(r.stdout, /suppressed: [1-9]/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when not a TTY');
  });

  it('exits 1 when a finding reaches --fail-on and 0 when none does', () => {
    assert.strictEqual(runCli(['scan', EXAMPLE, '--fail-on', 'warning', '-q']).status, 1);
    assert.strictEqual(runCli(['scan', EXAMPLE, '--fail-on', 'note', '-q']).status, 1);
    assert.strictEqual(runCli(['scan', EXAMPLE, '--fail-on', 'error', '-q']).status, 0);
    const clean = tempTree({ 'main.tf': 'resource "aws_s3_bucket" "b" {}\n' });
    try {
      assert.strictEqual(runCli(['scan', clean.dir, '--fail-on', 'note']).status, 0);
    } finally {
      clean.cleanup();
    }
  });

  it('reuses the results of unchanged files (--cache-dir), and parses everything with --no-cache', () => {
    const t = tempTree({ 'main.tf': 'resource "azurerm_cognitive_account" "a" {\n  kind = "OpenAI"\n}\n', 'app.py': 'x = 1\n' });
    const cache = tempTree({});
    try {
      const args = ['scan', t.dir, '--fail-on', 'never', '--format', 'json', '--verbose', '--cache-dir', cache.dir];
      const first = runCli(args);
      assert.strictEqual(first.status, 0, first.stderr);
      assert.match(first.stderr, /cache: 0 of 1 files to parse were unchanged/);
      const second = runCli(args);
      assert.match(second.stderr, /cache: 1 of 1 files to parse were unchanged/);
      assert.deepStrictEqual(JSON.parse(second.stdout).findings, JSON.parse(first.stdout).findings);
      const off = runCli([...args.slice(0, -2), '--no-cache']);
      assert.doesNotMatch(off.stderr, /cache:/);
      assert.deepStrictEqual(JSON.parse(off.stdout).findings, JSON.parse(first.stdout).findings);
    } finally {
      t.cleanup();
      cache.cleanup();
    }
  });

  it('exits 2 with a one-line message for usage errors', () => {
    for (const args of [['scan', '--format', 'xml'], ['scan', '--fail-on', 'sometimes'], ['scan', '--bogus'], ['frobnicate'], ['scan', '/no/such/path']]) {
      const r = runCli(args);
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^ai-lockin-audit: /);
    }
  });

  it('exits 2 naming the line and reason of an invalid config', () => {
    const t = tempTree({ '.ai-lockin-audit.yaml': 'version: 1\nrules:\n  aws-bedrock-terraform: loud\n', 'main.tf': '' });
    try {
      const r = runCli(['scan', t.dir]);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /\.ai-lockin-audit\.yaml:3: .*aws-bedrock-terraform/);
      const bad = runCli(['scan', t.dir, '--config', path.join(t.dir, 'nope.yaml')]);
      assert.strictEqual(bad.status, 2);
      assert.match(bad.stderr, /cannot read the config file/);
    } finally {
      t.cleanup();
    }
  });

  it('writes JSON with findings, summary and skips', () => {
    const r = runCli(['scan', EXAMPLE, '-f', 'json', '--fail-on', 'never']);
    const j = JSON.parse(r.stdout);
    assert.strictEqual(j.formatVersion, 1);
    assert.ok(j.findings.length >= 5);
    for (const f of j.findings) {
      for (const k of ['ruleId', 'provider', 'service', 'artifact', 'file', 'range', 'severity', 'message', 'guidance', 'facts', 'alternative', 'fingerprint']) assert.ok(k in f, `finding lacks ${k}`);
      assert.ok(!path.isAbsolute(f.file), 'paths are relative to the root');
    }
    assert.strictEqual(j.summary.findings, j.findings.length);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with provider, service and fingerprints', () => {
    const r = runCli(['scan', EXAMPLE, '-f', 'sarif', '--fail-on', 'never']);
    const log = JSON.parse(r.stdout) as { runs: any[] };
    const schema = require(path.join(ROOT, 'test', 'schemas', 'sarif-2.1.0.json'));
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    const valid = ajv.validate(schema, log);
    assert.ok(valid, JSON.stringify(ajv.errors?.slice(0, 3)));
    const run = log.runs[0];
    assert.ok(run.tool.driver.rules.length >= 9);
    for (const res of run.results) {
      assert.ok(res.properties.provider && res.properties.service);
      assert.match(res.partialFingerprints['aiLockinAudit/v1'], /^[0-9a-f]{32}$/);
    }
    assert.ok(run.results.some((x: { suppressions?: unknown[] }) => x.suppressions?.length), 'suppressed findings are carried');
    const again = JSON.parse(runCli(['scan', EXAMPLE, '-f', 'sarif', '--fail-on', 'never']).stdout);
    assert.deepStrictEqual(again.runs[0].results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints), run.results.map((x: { partialFingerprints: unknown }) => x.partialFingerprints));
  });

  it('writes Markdown with the findings and the cited terms facts, and --output writes a file', () => {
    const t = tempTree({});
    try {
      const out = path.join(t.dir, 'report', 'audit.md');
      const r = runCli(['scan', EXAMPLE, '-f', 'markdown', '-o', out, '--fail-on', 'never']);
      assert.strictEqual(r.status, 0);
      const md = require('fs').readFileSync(out, 'utf8');
      assert.match(md, /^# AI lock-in audit/);
      assert.match(md, /## The amended Microsoft–OpenAI terms \(27 April 2026\)/);
      assert.match(md, /OpenAI may serve all of its products/);
    } finally {
      t.cleanup();
    }
  });

  it('--version and --help', () => {
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+/);
    assert.match(runCli(['--help']).stdout, /Exit codes/);
  });
});
