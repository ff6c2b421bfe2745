/** CI report formats, as a pipeline gets them from the CLI process: JUnit, GitHub annotations, compact, SARIF, the job summary. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadCatalog } from '../../src/core';
import { escapeData, escapeProperty, SARIF_RESULT_LIMIT, SARIF_RULE_RESULT_LIMIT, toCompact, toGithub, toJunit, toSarif } from '../../src/core/report';
import type { Finding, ScanResult } from '../../src/core/types';
import { ROOT, runCli, tempTree } from './helpers';

const TF = `resource "aws_bedrockagent_agent" "support" {
  agent_name = "support"
}

resource "azurerm_cognitive_account" "openai" {
  name = "contoso-openai"
  kind = "OpenAI"
}

data "aws_iam_policy_document" "invoke" {
  statement {
    actions = ["bedrock:InvokeModel"]
  }
}
`;

const sarifSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'schemas', 'sarif-2.1.0.json'), 'utf8'));
function validateSarif(log: unknown): void {
  const ajv = new Ajv({ strict: false, unicodeRegExp: false });
  assert.ok(ajv.validate(sarifSchema, log), JSON.stringify(ajv.errors?.slice(0, 3)));
}

/** A synthetic scan result (no files needed) with findings built from real catalog rules. */
function synthetic(findings: Finding[]): ScanResult {
  return {
    tool: { name: 'ai-lockin-audit', version: '0.0.0', rulesVersion: 'test' },
    roots: [path.join(ROOT, 'nowhere')],
    findings,
    suppressed: [],
    diagnostics: [],
    skipped: [],
    summary: { filesScanned: 1, filesWithFindings: 1, filesSkipped: 0, findings: findings.length, suppressed: 0, byProvider: {}, bySeverity: { error: 0, warning: findings.length, note: 0 }, byArtifact: {}, byService: {} },
    durationMs: 1,
  };
}

function finding(ruleId: string, i: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    title: 't',
    provider: 'aws',
    service: 's',
    artifact: 'terraform',
    file: `f${i % 97}.tf`,
    range: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 5 },
    severity: 'warning',
    message: `m${i}`,
    guidance: 'g',
    facts: [],
    alternative: 'a',
    snippet: 's',
    fingerprint: String(i).padStart(32, '0'),
    ...over,
  };
}

describe('ci formats', () => {
  it('junit: well-formed XML, one case per rule and file, failures at or above --fail-on', () => {
    const t = tempTree({ 'we&ird "dir"/main.tf': TF });
    try {
      const warn = runCli(['scan', '.', '-f', 'junit', '--fail-on', 'warning'], { cwd: t.dir });
      assert.strictEqual(warn.status, 1, warn.stderr);
      assert.strictEqual(XMLValidator.validate(warn.stdout), true);
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(warn.stdout);
      const suites = doc.testsuites.testsuite as any[];
      assert.strictEqual(suites.length, loadCatalog().rules.length, 'one suite per rule');
      const cases = suites.flatMap((s) => s.testcase);
      const bedrock = cases.find((c) => c['@classname'] === 'aws-bedrock-terraform');
      assert.strictEqual(bedrock['@name'], 'we&ird "dir"/main.tf', 'attribute escaping round-trips');
      assert.ok(bedrock.failure, 'a warning fails at --fail-on warning');
      assert.match(bedrock.failure['#text'], /main\.tf:1:\d+: warning aws-bedrock-terraform/);
      const iam = cases.find((c) => c['@classname'] === 'aws-bedrock-iam-action');
      assert.ok(!iam.failure, 'a note does not fail at --fail-on warning');
      assert.match(iam['system-out'], /note aws-bedrock-iam-action/, 'below-threshold findings are still listed');
      assert.strictEqual(Number(doc.testsuites['@failures']), 2);
      const never = runCli(['scan', '.', '-f', 'junit', '--fail-on', 'never'], { cwd: t.dir });
      assert.strictEqual(never.status, 0);
      assert.match(never.stdout, /<testsuites [^>]*failures="0"/);
    } finally {
      t.cleanup();
    }
  });

  it('junit escapes markup and removes characters XML forbids', () => {
    const nasty = 'a & b < c > d " e \' f ]]> g \u0001 h \uD800 i \uFFFF';
    const xml = toJunit(synthetic([finding('aws-bedrock-terraform', 1, { message: nasty, file: '<x>&.tf' })]), { failOn: 'warning' });
    assert.strictEqual(XMLValidator.validate(xml), true, String(JSON.stringify(XMLValidator.validate(xml))));
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);
    const c = (doc.testsuites.testsuite as any[]).flatMap((s) => s.testcase).find((x) => x.failure);
    assert.strictEqual(c['@name'], '<x>&.tf');
    assert.ok(c.failure['#text'].includes('a & b < c > d " e \' f ]]> g'), c.failure['#text']);
  });

  it('github: workflow commands in GitHub syntax with properties and data escaped', () => {
    const t = tempTree({ 'infra/main.tf': TF });
    try {
      const r = runCli(['scan', '.', '-f', 'github', '--fail-on', 'never'], { cwd: t.dir });
      assert.strictEqual(r.status, 0, r.stderr);
      const cmds = r.stdout.split('\n').filter((l) => l.startsWith('::'));
      assert.strictEqual(cmds.length, 3);
      const re = /^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::([^\r\n]+)$/;
      for (const c of cmds) assert.match(c, re);
      const sev = cmds.map((c) => re.exec(c)![1]).sort();
      assert.deepStrictEqual(sev, ['notice', 'warning', 'warning']);
      const first = re.exec(cmds.find((c) => c.includes('aws-bedrock-terraform'))!)!;
      assert.strictEqual(first[2], 'infra/main.tf', 'paths relative to the workspace');
      assert.strictEqual(first[3], '1');
      assert.match(first[7], /%5Baws-bedrock-terraform%5D|\[aws-bedrock-terraform\]/);
      // data escaping: guidance on a second line is %0A, never a raw line break
      assert.match(first[8], /%0A/);
      // GITHUB_WORKSPACE decides the base of the paths
      const ws = runCli(['scan', 'infra', '-f', 'github', '--fail-on', 'never'], { cwd: t.dir, env: { GITHUB_WORKSPACE: t.dir } });
      assert.match(ws.stdout, /file=infra\/main\.tf,/);
    } finally {
      t.cleanup();
    }
  });

  it('github escaping follows the toolkit: % CR LF in data, also : and , in properties', () => {
    assert.strictEqual(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
    assert.strictEqual(escapeProperty('50% a\r\nb: c, d'), '50%25 a%0D%0Ab%3A c%2C d');
    const out = toGithub(synthetic([finding('aws-bedrock-terraform', 0, { file: 'a,b:c.tf', title: 'x: y, z', message: 'line1\nline2 100%' })]));
    assert.match(out, /^::warning file=a%2Cb%3Ac\.tf,line=1,col=1,endLine=1,endColumn=5,title=x%3A y%2C z \[aws-bedrock-terraform\]::line1%0Aline2 100%25%0Aa$/m);
    assert.doesNotMatch(out, /may not be shown/);
    const many = toGithub(synthetic(Array.from({ length: 13 }, (_, i) => finding('aws-bedrock-terraform', i))));
    assert.strictEqual(many.split('\n').filter((l) => l.startsWith('::warning ')).length, 13, 'every finding is printed');
    assert.match(many, /^::notice title=AI lock-in audit::GitHub shows 10 annotations of each kind per step; 3 warning annotation\(s\) beyond that may not be shown\./m);
  });

  it('compact: one line per finding, file:line:col: severity rule-id message', () => {
    const t = tempTree({ 'infra/main.tf': TF });
    try {
      const r = runCli(['scan', '.', '-f', 'compact', '--fail-on', 'warning'], { cwd: t.dir });
      assert.strictEqual(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.strictEqual(lines.length, 3);
      for (const l of lines) assert.match(l, /^infra\/main\.tf:\d+:\d+: (error|warning|note) [a-z0-9-]+ \S.*$/);
      assert.match(r.stderr, /3 finding\(s\)/, 'the count goes to stderr, stdout stays one line per finding');
      const multi = toCompact(synthetic([finding('aws-bedrock-terraform', 0, { message: 'a\nb' })]));
      assert.strictEqual(multi, 'f0.tf:1:1: warning aws-bedrock-terraform a b\n');
    } finally {
      t.cleanup();
    }
  });

  it('sarif: valid 2.1.0, URIs relative to the repository folder, --sarif-file beside another format', () => {
    const t = tempTree({ 'infra/main.tf': TF });
    try {
      const sarifFile = path.join(t.dir, 'out', 'audit.sarif');
      const r = runCli(['scan', 'infra', '-f', 'compact', '--sarif-file', sarifFile, '--fail-on', 'never'], { cwd: t.dir });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /^infra\/main\.tf:1:/);
      const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
      validateSarif(log);
      const run = log.runs[0];
      assert.strictEqual(run.results.length, 3);
      for (const res of run.results) assert.strictEqual(res.locations[0].physicalLocation.artifactLocation.uri, 'infra/main.tf');
      // no absolute path in an uploaded report unless asked for (SarifOptions.absoluteRootUri)
      assert.strictEqual(run.originalUriBaseIds['%SRCROOT%'].uri, undefined, '%SRCROOT% names no absolute folder by default');
      assert.strictEqual(run.properties.truncated, false);
    } finally {
      t.cleanup();
    }
  });

  it('sarif truncation: over 25,000 results are capped, per rule too, and a notification says what was cut', () => {
    const rules = loadCatalog().rules.slice(0, 6);
    const findings: Finding[] = [];
    let i = 0;
    for (const r of rules.slice(0, 5)) for (let k = 0; k < 4900; k++) findings.push(finding(r.id, i++));
    for (let k = 0; k < 6000; k++) findings.push(finding(rules[5].id, i++, { severity: 'error' }));
    const log = toSarif(synthetic(findings), rules);
    const run = log.runs[0];
    assert.strictEqual(run.results.length, SARIF_RESULT_LIMIT);
    const perRule = new Map<string, number>();
    for (const res of run.results) perRule.set(res.ruleId, (perRule.get(res.ruleId) ?? 0) + 1);
    assert.strictEqual(perRule.get(rules[5].id), SARIF_RULE_RESULT_LIMIT, 'errors are kept first, up to the per-rule cap');
    for (const n of perRule.values()) assert.ok(n <= SARIF_RULE_RESULT_LIMIT);
    const note = (run.invocations[0].toolExecutionNotifications as any[]).find((n) => n.properties?.reason === 'truncated');
    assert.ok(note, 'a notification reports the cut');
    assert.match(note.message.text, /^5500 of 30500 SARIF results were left out/);
    assert.match(note.message.text, new RegExp(`${rules[5].id} 1000`));
    assert.strictEqual(run.properties.truncated, true);
    validateSarif(log);
  });

  it('sarif per-rule cap through the CLI: stderr says what was cut', () => {
    const actions = Array.from({ length: SARIF_RULE_RESULT_LIMIT + 30 }, () => '"bedrock:InvokeModel"').join(',\n      ');
    const t = tempTree({ 'iam.tf': `data "aws_iam_policy_document" "many" {\n  statement {\n    actions = [\n      ${actions}\n    ]\n  }\n}\n` });
    try {
      const out = path.join(t.dir, 'audit.sarif');
      const r = runCli(['scan', '.', '-f', 'sarif', '-o', out, '--fail-on', 'never'], { cwd: t.dir });
      assert.strictEqual(r.status, 0, r.stderr);
      const log = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.strictEqual(log.runs[0].results.length, SARIF_RULE_RESULT_LIMIT);
      assert.match(r.stderr, /warning: 30 of 5030 SARIF results were left out .*aws-bedrock-iam-action 30/);
    } finally {
      t.cleanup();
    }
  });

  it('appends a Markdown job summary to $GITHUB_STEP_SUMMARY, in addition to the chosen format', () => {
    const t = tempTree({ 'infra/main.tf': TF, 'summary.md': '# Earlier step\n' });
    try {
      const summary = path.join(t.dir, 'summary.md');
      const r = runCli(['scan', 'infra', '-f', 'json', '--fail-on', 'warning'], { cwd: t.dir, env: { GITHUB_STEP_SUMMARY: summary } });
      assert.strictEqual(r.status, 1);
      assert.strictEqual(JSON.parse(r.stdout).findings.length, 3, 'the chosen format is unchanged');
      const md = fs.readFileSync(summary, 'utf8');
      assert.ok(md.startsWith('# Earlier step\n'), 'appended, not replaced');
      assert.match(md, /## AI lock-in audit/);
      assert.match(md, /2 finding\(s\) at or above `warning`/);
      assert.match(md, /\| warning \| infra\/main\.tf:1 \| `aws-bedrock-terraform` \|/);
      const none = runCli(['scan', 'infra', '-f', 'compact', '--fail-on', 'error'], { cwd: t.dir, env: { GITHUB_STEP_SUMMARY: '' } });
      assert.strictEqual(none.status, 0);
      assert.strictEqual(fs.readFileSync(summary, 'utf8'), md, 'nothing written without the variable');
    } finally {
      t.cleanup();
    }
  });
});

describe('CLI output into a pipe that closes early', () => {
  it('a reader that stops after the first bytes (| head) ends the output without a crash', async () => {
    const { spawn } = await import('child_process');
    const { CLI } = await import('./helpers');
    // the example workspace has findings: --fail-on note exits 1 whether or not the output was read
    for (const [failOn, expected] of [['never', 0], ['note', 1], ['never', 0], ['note', 1]] as const) {
      const child = spawn(process.execPath, [CLI, 'scan', path.join(ROOT, 'examples', 'workspace'), '--format', 'sarif', '--fail-on', failOn, '--no-cache'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error'|internal error|ERR_STREAM/, stderr);
      assert.strictEqual(code, expected, `--fail-on ${failOn}: ${stderr}`);
    }
  });
});
