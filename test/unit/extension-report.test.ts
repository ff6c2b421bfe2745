/** Extension: report HTML (escaping, CSP), report data, the findings tree and hover text. */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { Engine, loadTerms, sourcesOf, statement, summarize, type Finding } from '../../src/core';
import { escapeMarkdown, hoverMarkdown } from '../../src/extension/hover';
import { buildReportData, escapeHtml, renderReportHtml } from '../../src/extension/reportHtml';
import { FindingsStore, type LocatedFinding } from '../../src/extension/store';
import { buildTree } from '../../src/extension/tree';

const engine = new Engine();
const XSS = '<img src=x onerror=alert(1)><script>alert("x")</script>';
const OPTS = { nonce: 'n0nce123', cspSource: 'https://webview.test', scriptUri: 'https://webview.test/media/report.js', styleUri: 'https://webview.test/media/report.css' };
const terms = loadTerms();
const TERMS = { announcement: terms.announcement, facts: terms.facts, sources: terms.sources, statement: (id: string) => (terms.byId.get(id) ? statement(terms.byId.get(id)!) : undefined) };

async function located(): Promise<LocatedFinding[]> {
  const r1 = await engine.scanText('infra/main.tf', 'resource "azurerm_cognitive_account" "a" {}\nresource "aws_bedrock_guardrail" "g" {}\nresource "aws_bedrock_agent" "b" {}\n');
  const r2 = await engine.scanText('other/sm.tf', 'resource "aws_sagemaker_model" "m" {}\n');
  return [...r1.findings.map((f) => ({ finding: f, uri: 'file:///w/infra/main.tf', path: 'infra/main.tf' })), ...r2.findings.map((f) => ({ finding: f, uri: 'file:///w/other/sm.tf', path: 'other/sm.tf' }))];
}

function poisoned(l: LocatedFinding): LocatedFinding {
  const f: Finding = { ...l.finding, file: XSS, snippet: `resource "${XSS}"`, message: `Terraform provisions ${XSS}`, service: XSS };
  return { ...l, finding: f, path: `infra/${XSS}.tf` };
}

describe('extension: report HTML', () => {
  it('escapes an XSS payload in file path, snippet, message and service', async () => {
    const ls = (await located()).map(poisoned);
    const data = buildReportData({ summary: summarize(ls.map((l) => l.finding), 0, 2, 0), findings: ls, suppressed: [], skipped: [{ file: XSS, reason: 'binary' }], terms: TERMS, toolVersion: '0.1.0', rulesVersion: 'r', generatedAt: 'now' });
    const html = renderReportHtml(data, OPTS);
    assert.ok(!html.includes('<img'), 'no raw img tag');
    assert.ok(!html.includes('onerror=alert(1)>'), 'no raw attribute');
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1, 'only the nonce script');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(html.includes(`infra/${escapeHtml(XSS)}.tf:1:`));
  });

  it('has a strict CSP with the nonce, local assets only, no inline styles or handlers', async () => {
    const ls = await located();
    const html = renderReportHtml(buildReportData({ summary: summarize(ls.map((l) => l.finding), 0, 2, 0), findings: ls, suppressed: [], skipped: [], terms: TERMS, toolVersion: '0.1.0', rulesVersion: 'r', generatedAt: 'now' }), OPTS);
    assert.ok(html.includes(`content="default-src 'none'; style-src https://webview.test; script-src 'nonce-n0nce123'; img-src https://webview.test data:;"`));
    assert.match(html, /<script nonce="n0nce123" src="https:\/\/webview.test\/media\/report.js"><\/script>/);
    assert.ok(!/\sstyle=/.test(html), 'no style attributes (blocked by the CSP)');
    assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handlers');
    assert.ok(!/https?:\/\/(?!webview\.test|www\.w3\.org\/2000\/svg)/.test(html), 'no remote content');
  });

  it('aggregates by provider, service and artifact kind, with bars, links and cited facts', async () => {
    const ls = await located();
    const data = buildReportData({ summary: summarize(ls.map((l) => l.finding), 1, 2, 0), findings: ls, suppressed: [], skipped: [], terms: TERMS, toolVersion: '0.1.0', rulesVersion: 'r', generatedAt: 'now' });
    assert.deepStrictEqual(data.byProvider, [{ label: 'Amazon Web Services', value: 3 }, { label: 'Microsoft Azure', value: 1 }]);
    assert.deepStrictEqual(data.byArtifact, [{ label: 'terraform', value: 4 }]);
    assert.strictEqual(data.byService.reduce((a, b) => a + b.value, 0), 4);
    const cited = new Set(ls.flatMap((l) => l.finding.facts));
    assert.deepStrictEqual(data.facts.map((f) => f.id).sort(), [...cited].sort());
    assert.ok(data.facts.every((f) => f.sources.length > 0 && f.sources.every((s) => s.title)));
    const html = renderReportHtml(data, OPTS);
    assert.strictEqual((html.match(/class="reveal" data-index="/g) ?? []).length, 4);
    assert.strictEqual((html.match(/<rect class="bar c-provider"/g) ?? []).length, 2);
    assert.match(html, /<rect class="bar c-provider" x="0" y="3" width="100%"/);
    assert.match(html, /<rect class="bar c-provider" x="0" y="\d+" width="33%"/);
    for (const b of ['sarif', 'json', 'markdown']) assert.ok(html.includes(`data-export="${b}"`));
  });

  it('an empty report says so', () => {
    const html = renderReportHtml(buildReportData({ summary: summarize([], 0, 0, 0), findings: [], suppressed: [], skipped: [], toolVersion: '0', rulesVersion: 'r', generatedAt: 'now' }), OPTS);
    assert.match(html, /No active findings/);
  });
});

describe('extension: findings tree', () => {
  it('groups provider -> service -> file -> finding with counts', async () => {
    const ls = await located();
    const tree = buildTree(ls);
    assert.deepStrictEqual(tree.map((p) => [p.label, p.count, p.description]), [['Amazon Web Services', 3, '3 findings'], ['Microsoft Azure', 1, '1 finding']]);
    const aws = tree[0];
    assert.deepStrictEqual(aws.children.map((s) => [s.count, s.description]).sort(), [[1, '1 finding'], [2, '2 findings']]);
    assert.ok(aws.children.every((s) => s.label && s.id.startsWith('p:aws/s:')));
    const bedrock = aws.children.find((s) => s.count === 2)!;
    assert.strictEqual(bedrock.children.length, 1);
    const file = bedrock.children[0];
    assert.strictEqual(file.label, 'main.tf');
    assert.strictEqual(file.description, 'infra · 2');
    assert.deepStrictEqual(file.children.map((f) => f.finding!.range.startLine), [2, 3]);
    const ids = new Set<string>();
    const visit = (n: { id: string; children: { id: string; children: never[] }[] }) => {
      assert.ok(!ids.has(n.id), `duplicate id ${n.id}`);
      ids.add(n.id);
      n.children.forEach(visit as never);
    };
    tree.forEach(visit as never);
  });

  it('the store feeds the tree: suppressed findings are left out, and counted', async () => {
    const store = new FindingsStore();
    const r = await engine.scanText('main.tf', '# ai-lockin-audit-ignore aws-bedrock-terraform: ok\nresource "aws_bedrock_guardrail" "g" {}\nresource "aws_sagemaker_model" "m" {}\n');
    store.set({ uri: 'file:///w/main.tf', rel: 'main.tf', result: r, origin: 'live' });
    assert.strictEqual(store.activeCount(), 1);
    assert.strictEqual(buildTree(store.active())[0].count, 1);
    const sr = store.toScanResult({ name: 'ai-lockin-audit', version: '0', rulesVersion: 'r' }, summarize);
    assert.strictEqual(sr.summary.findings, 1);
    assert.strictEqual(sr.summary.suppressed, 1);
    assert.strictEqual(sr.suppressed[0].suppression?.reason, 'ok');
  });

  it('multi-root display paths carry the folder name', async () => {
    const store = new FindingsStore();
    store.multiRoot = true;
    const r = await engine.scanText('main.tf', 'resource "aws_bedrock_guardrail" "g" {}\n');
    store.set({ uri: 'file:///a/main.tf', rel: 'main.tf', result: r, origin: 'audit', rootName: 'infra-a' });
    assert.strictEqual(store.active()[0].path, 'infra-a/main.tf');
  });
});

describe('extension: hover', () => {
  it('states what is bound, provider, service, the cited facts with sources and the alternative', async () => {
    const [l] = await located();
    const f = l.finding;
    const md = hoverMarkdown({
      finding: f,
      facts: f.facts.map((id) => terms.byId.get(id)!).map((x) => ({ id: x.id, statement: statement(x), sources: x.sources })),
      sources: sourcesOf(f.facts),
      announcementDate: terms.announcement.date,
      docsLink: 'command:aiLockinAudit.openRuleDocs?%5B%22x%22%5D',
    });
    assert.ok(md.includes('**What is bound:**'));
    assert.ok(md.includes('Microsoft Azure'));
    assert.ok(md.includes(escapeMarkdown(f.service)));
    assert.ok(md.includes(escapeMarkdown(f.alternative)));
    assert.ok(md.includes(escapeMarkdown(statement(terms.byId.get(f.facts[0])!))));
    for (const s of sourcesOf(f.facts)) assert.ok(md.includes(escapeMarkdown(s.title)));
    assert.ok(md.endsWith('[Rule documentation](command:aiLockinAudit.openRuleDocs?%5B%22x%22%5D)'));
  });

  it('escapes workspace text: no links, HTML or commands from a finding', async () => {
    const [l] = await located();
    const f = { ...l.finding, message: 'x [click](command:workbench.action.quit) <b>y</b> `z`', service: '*s*' };
    const md = hoverMarkdown({ finding: f, facts: [], sources: [] });
    assert.ok(!md.includes('[click](command:'));
    assert.ok(!md.includes('<b>'));
    assert.ok(md.includes('\\[click\\]\\(command\\:workbench\\.action\\.quit\\)'));
    assert.ok(!/\]\(command:/.test(md), 'no command link when no docsLink is given');
  });
});
