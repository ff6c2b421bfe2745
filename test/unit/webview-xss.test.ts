/**
 * Webview safety (enable by renaming to webview-xss.test.ts once src/extension/reportHtml.ts is
 * on the branch): the report HTML built from an XSS-laden ScanResult is loaded in Debian's
 * chromium through playwright-core, offline, and nothing from the payloads runs: no dialog, no
 * global flag set by a payload, no inline event handler or javascript: link in the DOM, the CSP
 * meta tag is present with a nonce, and an inline script without the nonce is refused.
 * Skipped outside CI when /usr/bin/chromium is missing; `npm test` installs it first.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import type { Finding, ScanResult } from '../../src/core';
import { buildReportData, renderReportHtml } from '../../src/extension/reportHtml';

// page.evaluate callbacks run in the page; the project compiles without the DOM lib
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHROMIUM = '/usr/bin/chromium';
const NONCE = 'n0nceXSS7f3a9c';

/** Each payload, if it ever runs, sets window.__xss and opens a dialog. */
const PAYLOADS = [
  '<script>window.__xss=1;alert(1)</script>',
  '"><img src=x onerror="window.__xss=2;alert(2)">',
  "'><svg onload=\"window.__xss=3;alert(3)\">",
  '[x](javascript:window.__xss=4;alert(4))',
  'javascript:window.__xss=5;alert(5)',
  '</textarea></title></style><script>window.__xss=6</script>',
  '<iframe srcdoc="<script>parent.__xss=7;alert(7)</script>"></iframe>',
  '${alert(8)}{{constructor.constructor("window.__xss=8")()}}',
];

function finding(i: number, payload: string): Finding {
  return {
    ruleId: 'aws-bedrock-terraform',
    title: `Amazon Bedrock resource ${payload}`,
    provider: 'aws',
    service: `Amazon Bedrock ${payload}`,
    artifact: 'terraform',
    file: `${payload.replace(/\//g, '_')}/main${i}.tf`,
    range: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 10 },
    severity: 'warning',
    message: `Terraform provisions ${payload}`,
    guidance: `Guidance ${payload}`,
    facts: ['cloud-flexibility'],
    alternative: `Alternative ${payload}`,
    snippet: `resource "aws_bedrock_${payload}" "g" {}`,
    fingerprint: String(i).padStart(32, '0'),
  };
}

function xssResult(): ScanResult {
  const findings = PAYLOADS.map((p, i) => finding(i, p));
  const suppressed = PAYLOADS.map((p, i) => ({ ...finding(i + 100, p), suppression: { kind: 'inline' as const, reason: `accepted ${p}` } }));
  return {
    tool: { name: 'ai-lockin-audit', version: `0.0.0${PAYLOADS[0]}`, rulesVersion: PAYLOADS[1] },
    roots: ['/tmp/ws'],
    findings,
    suppressed,
    diagnostics: [],
    skipped: PAYLOADS.map((p) => ({ file: `${p}.tf`, reason: 'binary' as const, detail: `binary ${p}` })),
    summary: {
      filesScanned: 10,
      filesWithFindings: findings.length,
      filesSkipped: PAYLOADS.length,
      findings: findings.length,
      suppressed: suppressed.length,
      byProvider: { aws: findings.length, [PAYLOADS[0]]: 1 },
      bySeverity: { error: 0, warning: findings.length, note: 0 },
      byArtifact: { terraform: findings.length, [PAYLOADS[1]]: 1 },
      byService: Object.fromEntries(PAYLOADS.map((p) => [`Amazon Bedrock ${p}`, 1])),
    },
    durationMs: 1,
  };
}

// npm test installs chromium first (test/real-editor/setup.sh); in CI a missing browser is a failure, never a skip
if (process.env.CI && !fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash test/real-editor/setup.sh (npm test does)`);
describe('webview report safety', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} is not installed (bash test/real-editor/setup.sh installs it)` }, () => {
  it('an XSS-laden report renders inert in chromium under its CSP', { timeout: 120_000 }, async () => {
    const scan = xssResult();
    const located = (list: Finding[]) => list.map((f) => ({ finding: f, uri: `file:///tmp/ws/${encodeURIComponent(f.file)}`, path: f.file }));
    const data = buildReportData({
      summary: scan.summary,
      findings: located(scan.findings),
      suppressed: located(scan.suppressed),
      skipped: scan.skipped.map((s) => ({ file: s.file, reason: `${s.reason} ${s.detail}` })),
      toolVersion: scan.tool.version,
      rulesVersion: scan.tool.rulesVersion,
      generatedAt: PAYLOADS[2],
    });
    const html = renderReportHtml(data, { nonce: NONCE, cspSource: 'https://webview.invalid', scriptUri: 'https://webview.invalid/media/report.js', styleUri: 'https://webview.invalid/media/report.css' });

    // the CSP meta tag, with the nonce, comes before anything else that could run
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta, 'CSP meta tag present');
    assert.match(meta![1], /default-src 'none'/);
    assert.match(meta![1], new RegExp(`script-src 'nonce-${NONCE}'`));
    assert.ok(html.indexOf(meta![0]) < html.indexOf('<body'), 'CSP is in the head');

    const { chromium } = await import('playwright-core');
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      offline: true,
    });
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      const cspViolations: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await page.setContent(html, { waitUntil: 'load' });
      // interact like a user: hover and click every link and button (reveal links post messages in VS Code)
      for (const el of await page.$$('a, button')) {
        await el.hover().catch(() => undefined);
        await el.click({ timeout: 1000, noWaitAfter: true }).catch(() => undefined);
      }
      await page.waitForTimeout(300);

      const state = await page.evaluate(() => {
        const all: any[] = [...document.querySelectorAll('*')];
        return {
          flag: window.__xss,
          scripts: [...document.querySelectorAll('script')].map((s: any) => ({ nonce: s.nonce || s.getAttribute('nonce'), src: s.getAttribute('src'), inline: s.textContent })),
          handlers: all.flatMap((el: any) => [...el.attributes].filter((a: any) => /^on/i.test(a.name)).map((a: any) => `${el.tagName}.${a.name}`)),
          jsLinks: all.filter((el: any) => /^\s*javascript:/i.test(el.getAttribute('href') ?? '') || /^\s*javascript:/i.test(el.getAttribute('src') ?? '')).length,
          frames: document.querySelectorAll('iframe, object, embed').length,
          imgs: document.querySelectorAll('img').length,
          text: document.body.textContent ?? '',
        };
      });
      assert.deepStrictEqual(dialogs, [], 'no dialog fired');
      assert.strictEqual(state.flag, undefined, 'no payload script ran');
      assert.deepStrictEqual(state.handlers, [], 'no inline event handler attributes');
      assert.strictEqual(state.jsLinks, 0, 'no javascript: links');
      assert.strictEqual(state.frames, 0, 'no frames from payloads');
      assert.strictEqual(state.imgs, 0, 'no images from payloads');
      assert.deepStrictEqual(state.scripts.map((s) => [s.nonce, s.src]), [[NONCE, 'https://webview.invalid/media/report.js']], 'only the nonce-carrying report script');
      for (const p of PAYLOADS) assert.ok(state.text.includes(p), `payload shown as text: ${p}`);
      assert.ok(requests.every((u) => u.startsWith('https://webview.invalid/')), `no request outside the webview origin: ${requests.join(', ')}`);

      // the CSP is enforced: an inline script without the nonce is refused
      await page.addScriptTag({ content: 'window.__xss = 99;' }).catch(() => undefined);
      assert.strictEqual(await page.evaluate(() => window.__xss), undefined, 'inline script without nonce blocked');
      assert.ok(cspViolations.length > 0, 'chromium reported the CSP violation');
    } finally {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
