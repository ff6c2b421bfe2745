// Extension UI checks for phase B of test/real-editor/run.mjs (the installed .vsix in code-server):
//   node test/real-editor/run.mjs --phase ui --ui-checks test/real-editor/extension-ui-checks.mjs
// Problems panel, status bar item, hover, the findings view after an audit, and the report webview
// in the default theme and after toggling light/dark (screenshots in the artifacts folder).
export async function problemsShown(page, ctx) {
  await ctx.wb.openFile(page, 'main.tf');
  const rows = await ctx.wb.problems(page, { waitFor: 'azure-cognitive-services-terraform' });
  ctx.log(rows.join(' | ').slice(0, 600));
  if (!rows.some((r) => r.includes('aws-bedrock-terraform'))) throw new Error('no bedrock problem');
}
export async function statusBarCount(page, ctx) {
  const item = page.locator(ctx.wb.cssId('ai-lockin-audit.ai-lockin-audit.aiLockinAudit.status')).first();
  const text = await ctx.wb.poll(async () => (await item.isVisible().catch(() => false)) && (await item.innerText()), { timeout: 20000, message: 'status bar item' });
  ctx.log(`status: ${text}`);
}
export async function hoverShown(page, ctx) {
  await ctx.wb.openFile(page, 'main.tf');
  const token = page.locator('.view-lines span', { hasText: 'azurerm_cognitive_account' }).first();
  await token.hover();
  await page.locator('.monaco-hover', { hasText: 'Portable alternative' }).first().waitFor({ timeout: 20000 });
}
export async function treeView(page, ctx) {
  await page.keyboard.press('Escape');
  await ctx.wb.runCommand(page, 'AI Lock-in Audit: Audit Workspace');
  await page.waitForTimeout(1500);
  await ctx.wb.runCommand(page, 'AI Lock-in Audit: Focus on Findings View');
  await page.locator('.monaco-list-row', { hasText: 'Amazon Web Services' }).first().waitFor({ timeout: 20000 });
}
export async function reportInDefaultTheme(page, ctx) {
  await ctx.wb.runCommand(page, 'AI Lock-in Audit: Show Report');
  await page.locator('.tabs-container .tab', { hasText: 'AI Lock-in Audit Report' }).first().waitFor({ timeout: 20000 });
  await page.waitForTimeout(2500);
}
export async function reportInToggledTheme(page, ctx) {
  await ctx.wb.runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.waitForTimeout(2500);
}
export async function noExtErrors(page, ctx) {
  const errors = ctx.consoleErrorsMatching(/ai-lockin-audit|AI Lock-in Audit|Content Security Policy|Refused/i);
  if (errors.length) throw new Error(errors.map((e) => e.text.slice(0, 300)).join('\n'));
}
/** A finding's link in the report webview reveals it in the editor (postMessage round trip). */
export async function reportLinkReveals(page, ctx) {
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const link = frame.locator('a.reveal', { hasText: 'infra/main.tf:10:11' }).first();
  await link.waitFor({ timeout: 20000 });
  await link.click();
  await ctx.wb.poll(async () => {
    const text = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText().catch(() => '');
    return /Ln 10, Col 33 \(22 selected\)/.test(text) || (ctx.log(`cursor: ${text}`), false);
  }, { timeout: 20000, message: 'the editor did not select the finding (line 10, columns 11-33)' });
}

/** The injection grammar colours a suppression directive inside a YAML comment apart from the comment. */
export async function directiveHighlighted(page, ctx) {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const file = path.join(ctx.workspace, 'directive-ui-check.yaml');
  fs.writeFileSync(file, '# plain comment words here\n# ai-lockin-audit-ignore some-rule: a reason\nkey: value\n');
  try {
    await ctx.wb.openFile(page, 'directive-ui-check.yaml');
    const line = page.locator('.view-line', { hasText: 'ai-lockin-audit-ignore' }).first();
    await line.waitFor({ timeout: 20000 });
    const classes = await ctx.wb.poll(async () => {
      const spans = await line.locator('span > span').evaluateAll((els) => els.map((e) => [e.textContent, e.className]));
      const kw = spans.find(([t]) => t.includes('ai-lockin-audit-ignore'));
      const plain = spans.find(([t]) => t.startsWith('#'));
      return kw && plain && kw[1] !== plain[1] ? spans : false;
    }, { timeout: 20000, message: 'the directive is not tokenized apart from the comment' });
    ctx.log(JSON.stringify(classes));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const checks = [problemsShown, statusBarCount, hoverShown, treeView, reportInDefaultTheme, reportLinkReveals, reportInToggledTheme, directiveHighlighted, noExtErrors];
