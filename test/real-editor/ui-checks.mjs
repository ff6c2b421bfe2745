// UI checks for phase B of test/real-editor/run.mjs: the packaged .vsix installed in code-server, the fixture
// workspace open in the web workbench, driven through playwright-core.
//
// Each check is `async (page, ctx) => void` and fails by throwing. `export const checks` fixes their order.
// run.mjs takes a screenshot after each check (ui-NN-<name>.png, or ...-FAILED.png) in test-artifacts/real-editor/.
// ctx: { page, wb (helpers from workbench.mjs), extension: { id, version, dir, manifest }, workspace, baseUrl,
//        artifacts, consoleErrors, consoleMessages, consoleErrorsMatching(re), screenshot(name), log(...) }
// Toasts are suppressed in this mode (enable-smoke-test-driver): use ctx.wb.notifications(page) instead.
//
// These checks are generic (they read the installed extension's manifest); add feature checks below.
import { checks as extensionChecks } from './extension-ui-checks.mjs';
import fs from 'node:fs';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The explorer lists the fixture workspace's top-level entries. */
export async function workbenchShowsFixture(page, ctx) {
  const names = fs.readdirSync(ctx.workspace).filter((n) => !['.git', '.DS_Store'].includes(n));
  await ctx.wb.poll(async () => {
    const text = await page.locator('.explorer-folders-view').innerText();
    return names.every((n) => text.includes(n));
  }, { timeout: 30000, message: `explorer does not list all of ${names.join(', ')}` });
}

/** The Extensions view lists the installed .vsix by its display name. */
export async function extensionIsInstalled(page, ctx) {
  const name = ctx.extension.manifest.displayName || ctx.extension.manifest.name;
  await ctx.wb.runCommand(page, 'Extensions: Show Installed Extensions');
  await page.locator('.extensions-viewlet .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60000 });
  await page.keyboard.press('Escape');
}

/** Every command the manifest contributes to the command palette is listed there. */
export async function commandsInPalette(page, ctx) {
  const { contributes = {} } = ctx.extension.manifest;
  const hidden = new Set(((contributes.menus || {}).commandPalette || [])
    .filter((m) => m.when === 'false').map((m) => m.command));
  const commands = (contributes.commands || []).filter((c) => !hidden.has(c.command));
  if (commands.length === 0) {
    ctx.log('the manifest contributes no palette commands yet: nothing to check');
    return;
  }
  const missing = [];
  for (const c of commands) {
    const title = typeof c.title === 'string' ? c.title : c.title.value;
    const category = c.category && (typeof c.category === 'string' ? c.category : c.category.value);
    const label = category ? `${category}: ${title}` : title;
    const rows = await ctx.wb.paletteRows(page, label);
    if (!rows.some((r) => r.includes(label))) missing.push(label);
  }
  if (missing.length) throw new Error(`not in the command palette: ${missing.join('; ')}`);
  ctx.log(`${commands.length} command(s) listed`);
}

/** No browser console error names the extension (activation failures, uncaught errors in it). */
export async function noExtensionErrors(page, ctx) {
  const { id, manifest } = ctx.extension;
  await page.waitForTimeout(1000); // let late activation errors arrive
  const re = new RegExp([id, manifest.displayName].filter(Boolean).map(escapeRe).join('|'), 'i');
  const errors = ctx.consoleErrorsMatching(re);
  if (errors.length) {
    throw new Error(`${errors.length} console error(s) about ${id}:\n${errors.map((e) => e.text.slice(0, 500)).join('\n')}`);
  }
}

// the extension's own checks (Problems panel, status bar, hover, findings view, report) run between
// the generic ones, so a run of this default module covers what a user sees
export const checks = [workbenchShowsFixture, extensionIsInstalled, commandsInPalette, ...extensionChecks, noExtensionErrors];
