/**
 * Reports are safe to render and to upload: XSS payloads carried by file names, matched values,
 * suppression reasons and custom rule text come out escaped (Markdown) or as plain text with
 * scheme-less URIs (SARIF); terminal output carries no escape sequences from the workspace; and no
 * report contains the scanned root's absolute path or $HOME.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { scan, type ScanResult } from '../../src/core';
import { relativeUri, termSafe, toJson, toMarkdown, toSarif, toText } from '../../src/core/report';
import { runCli } from './helpers';

const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '[x](javascript:alert(1))'];

/** A workspace whose file names and contents carry the payloads (Linux allows `<>"` in names). */
function xssWorkspace(dir: string): void {
  const w = (rel: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  };
  // '/' cannot be in a name: '<script>alert(1)</script>' becomes a folder and a file
  w('<script>alert(1)</script>.tf', 'resource "aws_bedrock_guardrail" "g" {}\n');
  w('"><img src=x onerror=alert(1)>.tf', 'resource "aws_bedrock_<img src=x onerror=alert(1)>" "g" {}\n');
  w('[x](javascript:alert(1)).tf', 'resource "aws_sagemaker_model" "[x](javascript:alert(1))" {}\nresource "aws_bedrock_agent" "a" {} # ai-lockin-audit-ignore aws-bedrock-terraform: <script>alert(1)</script>\n');
  w('javascript:alert(1).tf', 'resource "aws_bedrock_x\u001b[31mred\u001b]8;;http://x\u0007" "g" {}\n');
  w('bin-"><img src=x onerror=alert(1)>.tf', Buffer.from([0x62, 0x65, 0x64, 0x72, 0x6f, 0x63, 0x6b, 0, 1, 2]));
  w('diag.tf', '# ai-lockin-audit-ignore aws-bedrock-terraform\nresource "aws_bedrock_guardrail" "g" {}\n');
  w(
    '.ai-lockin-audit.yaml',
    [
      'customRules:',
      '  - id: custom-xss',
      '    title: "<script>alert(1)</script> title"',
      '    provider: aws',
      '    service: "\\"><img src=x onerror=alert(1)>"',
      '    artifacts: [terraform]',
      '    severity: note',
      '    facts: [cloud-flexibility]',
      '    alternative: "[x](javascript:alert(1)) <script>alert(1)</script>"',
      '    message: "custom {value} <img src=x onerror=alert(1)>"',
      '    keywords: [bedrock]',
      '    docs: "<script>alert(1)</script>"',
      '    match:',
      '      - atom: resource-type',
      "        value: '^aws_bedrock_guardrail$'",
      '',
    ].join('\n'),
  );
}

function renderMarkdown(md: string): string | undefined {
  try {
    // markdown-it renders like the Markdown viewers reports end up in; html enabled is the strict case
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it');
    return new MarkdownIt({ html: true, linkify: true }).render(md);
  } catch {
    return undefined;
  }
}

function collectStrings(v: unknown, keyPath: string, out: [string, string][]): void {
  if (typeof v === 'string') out.push([keyPath, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => collectStrings(x, `${keyPath}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collectStrings(x, keyPath ? `${keyPath}.${k}` : k, out);
}

describe('report safety', () => {
  let result: ScanResult;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-xss-'));
  const ws = path.join(tmp, 'workspace');
  fs.mkdirSync(ws);
  xssWorkspace(ws);

  it('the XSS workspace produces findings, suppressions, skips and diagnostics that carry the payloads', async () => {
    result = await scan([ws]);
    const files = result.findings.map((f) => f.file);
    assert.ok(files.includes('<script>alert(1)</script>.tf'), JSON.stringify(files));
    assert.ok(files.includes('"><img src=x onerror=alert(1)>.tf'));
    assert.ok(result.findings.some((f) => f.message.includes('<img src=x onerror=alert(1)>')));
    assert.ok(result.findings.some((f) => f.ruleId === 'custom-xss'));
    assert.ok(result.suppressed.some((f) => f.suppression!.reason.includes('<script>')));
    assert.ok(result.skipped.some((s) => s.file.includes('<img')));
    assert.ok(result.diagnostics.length > 0);
  });

  it('Markdown escapes every payload: no raw HTML, no links, nothing executable when rendered', () => {
    const md = toMarkdown(result);
    for (const p of PAYLOADS) assert.ok(!md.includes(p), `raw payload ${p}`);
    assert.ok(!md.includes('<'), 'no raw < at all');
    assert.doesNotMatch(md, /(^|[^\\])\]\(/m, 'no link syntax');
    const html = renderMarkdown(md);
    if (html !== undefined) {
      assert.doesNotMatch(html, /<script|<img|<[^>]*\son\w+=|href="javascript:/i);
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the payload is shown as text');
    }
  });

  it('SARIF: URIs are relative and scheme-less, payloads only in plain-text fields, no markdown from the workspace', () => {
    const log = toSarif(result);
    const run = log.runs[0];
    const strings: [string, string][] = [];
    collectStrings(log, '', strings);
    const uris = strings.filter(([k]) => k.endsWith('artifactLocation.uri'));
    assert.ok(uris.length > 5);
    for (const [, u] of uris) {
      assert.doesNotMatch(u, /^[a-z][a-z0-9+.-]*:/i, `scheme in ${u}`);
      assert.doesNotMatch(u, /[<>"\s]/, u);
      assert.ok(!u.startsWith('/'), u);
    }
    assert.strictEqual(decodeURIComponent(relativeUri('javascript:alert(1).tf')), 'javascript:alert(1).tf');
    assert.strictEqual(relativeUri('a b/c#d?.tf'), 'a%20b/c%23d%3F.tf');
    for (const [k, v] of strings.filter(([key]) => key.endsWith('.markdown'))) {
      for (const p of PAYLOADS) assert.ok(!v.includes(p), `${k} carries ${p}`);
    }
    const custom = run.tool.driver.rules.find((r: { id: string }) => r.id === 'custom-xss') as Record<string, unknown>;
    assert.ok(custom && !('markdown' in (custom.help as object)), 'custom rule help is plain text');
    assert.strictEqual(run.originalUriBaseIds['%SRCROOT%'].uri, undefined, 'no absolute root by default');
    assert.match(toSarif(result, undefined, { absoluteRootUri: true }).runs[0].originalUriBaseIds['%SRCROOT%'].uri ?? '', /^file:\/\/\//);
  });

  it('text: workspace text cannot send terminal escape sequences', () => {
    const text = toText(result, { verbose: true });
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f]/);
    assert.match(text, /\\x1b\[31mred/);
    assert.strictEqual(termSafe('a\u009bb\nc'), 'a\\x9bb\\nc');
  });

  it('no report contains the temp dir, the root or $HOME (CLI, all formats, one and two roots)', () => {
    const home = path.join(tmp, 'home');
    const inHome = path.join(home, 'projects', 'app');
    fs.mkdirSync(inHome, { recursive: true });
    xssWorkspace(inHome);
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    for (const roots of [[inHome], [inHome, ws]]) {
      for (const format of ['json', 'sarif', 'markdown', 'text']) {
        const file = path.join(out, `report.${format}`);
        const r = runCli(['scan', ...roots, '-f', format, '-o', file, '--fail-on', 'never', '-q', '--verbose'], { cwd: inHome, env: { HOME: home } });
        assert.strictEqual(r.status, 0, r.stderr);
        const report = fs.readFileSync(file, 'utf8');
        for (const secret of [tmp, home, fs.realpathSync(tmp), os.homedir(), path.basename(tmp)]) {
          assert.ok(!report.includes(secret), `${format} (${roots.length} root(s)) contains ${secret}`);
        }
        if (format === 'json') assert.deepStrictEqual(JSON.parse(report).roots, roots.map((x) => path.basename(x)));
      }
    }
    // the in-process renderers too
    for (const rendered of [toJson(result), JSON.stringify(toSarif(result)), toMarkdown(result), toText(result, { verbose: true })]) assert.ok(!rendered.includes(tmp));
  });

  it('cleanup', () => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
