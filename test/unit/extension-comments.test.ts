/** Extension: comment syntax per file kind and suppression edits, checked against the engine itself. */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { Engine } from '../../src/core';
import { applyLineEdits, cleanReason, commentSyntaxFor, fileSuppressionEdit, suppressionEdit, SuppressionError } from '../../src/extension/comments';

const engine = new Engine();

describe('extension: commentSyntaxFor', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['infra/main.tf', 'terraform', '#'],
    ['prod.tfvars', undefined, '#'],
    ['k8s/deployment.yaml', 'yaml', '#'],
    ['.github/workflows/ci.yml', 'github-actions-workflow', '#'],
    ['app.py', 'python', '#'],
    ['deploy/.env', 'dotenv', '#'],
    ['.env.production', 'plaintext', '#'],
    ['application.properties', 'properties', '#'],
    ['run.sh', 'shellscript', '#'],
    ['Makefile', 'makefile', '#'],
    ['deploy.ps1', 'powershell', '#'],
    ['src/client.ts', 'typescript', '//'],
    ['src/client.js', 'javascript', '//'],
    ['main.go', 'go', '//'],
    ['App.java', 'java', '//'],
    ['Program.cs', 'csharp', '//'],
    ['main.bicep', 'bicep', '//'],
    ['go.mod', 'go.mod', '//'],
    ['app.csproj', 'xml', '<!--'],
    ['pom.xml', 'xml', '<!--'],
  ];
  for (const [p, lang, start] of cases) {
    it(`${p} -> ${start}`, () => assert.strictEqual(commentSyntaxFor(p, lang)?.start, start));
  }
  it('JSON and Terraform JSON have no comment syntax (config-based disabling only)', () => {
    assert.strictEqual(commentSyntaxFor('azuredeploy.json', 'json'), undefined);
    assert.strictEqual(commentSyntaxFor('main.tf.json', 'json'), undefined);
    assert.strictEqual(commentSyntaxFor('package.json', 'json'), undefined);
  });
  it('falls back to the language id for unknown paths', () => {
    assert.strictEqual(commentSyntaxFor('Untitled-1', 'python')?.start, '#');
    assert.strictEqual(commentSyntaxFor('Untitled-1', 'plaintext'), undefined);
  });
});

describe('extension: suppression edits', () => {
  const TF = 'resource "aws_s3_bucket" "b" {}\n\n  resource "aws_bedrock_guardrail" "g" {\n    name = "x"\n  }\n';

  it('writes a directive above the line, at its indentation, that the engine honours', async () => {
    const before = await engine.scanText('main.tf', TF);
    const f = before.findings.find((x) => x.ruleId === 'aws-bedrock-terraform');
    assert.ok(f, 'fixture must produce the finding');
    const line = f.range.startLine - 1;
    const edit = suppressionEdit(TF, line, f.ruleId, 'accepted by ADR-12', commentSyntaxFor('main.tf')!);
    const after = applyLineEdits(TF, [edit]);
    assert.strictEqual(after.split('\n')[line], '  # ai-lockin-audit-ignore aws-bedrock-terraform: accepted by ADR-12');
    const r = await engine.scanText('main.tf', after);
    const g = r.findings.find((x) => x.ruleId === 'aws-bedrock-terraform');
    assert.ok(g?.suppression, 'finding is suppressed after the edit');
    assert.strictEqual(g.suppression.reason, 'accepted by ADR-12');
    assert.strictEqual(g.range.startLine, f.range.startLine + 1);
    assert.deepStrictEqual(r.diagnostics, []);
  });

  it('keeps CRLF line breaks', () => {
    const text = 'a = 1\r\nresource "aws_bedrock_agent" "x" {}\r\n';
    const out = applyLineEdits(text, [suppressionEdit(text, 1, 'aws-bedrock-terraform', 'why', { start: '#' })]);
    assert.strictEqual(out, 'a = 1\r\n# ai-lockin-audit-ignore aws-bedrock-terraform: why\r\nresource "aws_bedrock_agent" "x" {}\r\n');
  });

  it('a file directive goes to the top, after a shebang, and suppresses every finding of the rule', async () => {
    const text = '#!/usr/bin/env bash\nresource "aws_bedrock_guardrail" "a" {}\nresource "aws_bedrock_guardrail" "b" {}\n';
    const e = fileSuppressionEdit(text, 'aws-bedrock-terraform', 'whole stack is AWS', { start: '#' });
    const out = applyLineEdits(text, [e]);
    assert.strictEqual(out.split('\n')[1], '# ai-lockin-audit-ignore-file aws-bedrock-terraform: whole stack is AWS');
    const plain = 'resource "aws_bedrock_guardrail" "a" {}\nresource "aws_bedrock_guardrail" "b" {}\n';
    const r = await engine.scanText('main.tf', applyLineEdits(plain, [fileSuppressionEdit(plain, 'aws-bedrock-terraform', 'accepted', { start: '#' })]));
    assert.strictEqual(r.findings.length, 2);
    assert.ok(r.findings.every((f) => f.suppression?.kind === 'file'));
  });

  it('block comment syntax closes the comment and strips terminators from the reason', () => {
    const e = suppressionEdit('<x/>\n', 0, 'some-rule', 'a --> b', { start: '<!--', end: '-->' });
    assert.strictEqual(e.text, '<!-- ai-lockin-audit-ignore some-rule: a  b -->\n');
  });

  it('one-line reasons: line breaks become spaces', () => {
    assert.strictEqual(cleanReason('  first\nsecond\r\n third ', { start: '#' }), 'first second third');
  });

  it('refuses an empty reason, a bad rule id and a line outside the file', () => {
    assert.throws(() => suppressionEdit('x\n', 0, 'aws-bedrock-terraform', '   ', { start: '#' }), SuppressionError);
    assert.throws(() => suppressionEdit('x\n', 0, 'Bad Rule', 'why', { start: '#' }), SuppressionError);
    assert.throws(() => suppressionEdit('x\n', 5, 'aws-bedrock-terraform', 'why', { start: '#' }), SuppressionError);
  });

  it('YAML: the directive is a YAML comment the engine honours', async () => {
    const y = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  AZURE_OPENAI_ENDPOINT: https://x.openai.azure.com/\n';
    const r = await engine.scanText('k8s/config.yaml', y);
    if (!r.findings.length) return; // no YAML rule matches this yet: nothing to suppress
    const f = r.findings[0];
    const out = applyLineEdits(y, [suppressionEdit(y, f.range.startLine - 1, f.ruleId, 'ok', commentSyntaxFor('k8s/config.yaml')!)]);
    const r2 = await engine.scanText('k8s/config.yaml', out);
    assert.ok(r2.findings.filter((x) => x.ruleId === f.ruleId).every((x) => x.suppression));
  });
});
