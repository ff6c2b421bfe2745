// Helpers for UI checks against the VS Code web workbench (code-server) driven by playwright-core.
// Every helper takes the playwright `page` first. They are also handed to checks as `ctx.wb`.
//
// Note: code-server runs with enable-smoke-test-driver, which suppresses notification toasts:
// read the notification center (notifications()) instead of waiting for a toast.

/** Escape a string for a CSS id selector (`#status.problems` -> `#status\.problems`). */
export const cssId = (id) => '#' + id.replace(/([.:[\]])/g, '\\$1');

/** Wait until the workbench shows the opened folder in the explorer. */
export async function waitForWorkbench(page, { timeout = 90000 } = {}) {
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
}

/**
 * Open a quick input with `key` (F1 = command palette, Control+P = quick open), type `text`,
 * wait for a row containing `rowText`, press Enter. Retries on focus races.
 */
export async function quickPick(page, key, text, rowText, { attempts = 3, rowTimeout = 10000 } = {}) {
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press(key);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill(text);
    try {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: rowTimeout });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`quick input (${key}) found no row "${rowText}" for "${text}": ${lastError && lastError.message.split('\n')[0]}`);
}

/** The rows the command palette lists for `text` (without running anything). */
export async function paletteRows(page, text, { settleMs = 1500 } = {}) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill('>' + text);
  await page.waitForTimeout(settleMs);
  const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
  await page.keyboard.press('Escape');
  return rows.map((r) => r.replace(/\s+/g, ' ').trim());
}

/** Run a command from the command palette by its (category-prefixed) title, e.g. "View: Focus Problems". */
export async function runCommand(page, title, opts) {
  await quickPick(page, 'F1', '>' + title, title, opts);
}

/** Open a workspace file by name with quick open and wait for its editor tab. */
export async function openFile(page, name, { timeout = 30000 } = {}) {
  await quickPick(page, 'Control+P', name, name);
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout });
}

/** Focus the Problems panel and return its rows' text (one string per row). */
export async function problems(page, { waitFor, timeout = 60000 } = {}) {
  await runCommand(page, 'View: Focus Problems');
  await page.waitForSelector('.markers-panel', { timeout });
  if (waitFor) {
    await page.locator('.markers-panel .monaco-list-row', { hasText: waitFor }).first().waitFor({ timeout });
  }
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ').trim());
}

/** The status bar's problems counter label, e.g. "Errors: 0, Warnings: 1". */
export async function problemsCounter(page) {
  const item = page.locator(cssId('status.problems')).first();
  return (await item.getAttribute('aria-label')) || (await item.innerText());
}

/** Open the notification center and return the notifications' text (toasts are suppressed). */
export async function notifications(page, { waitFor, timeout = 30000 } = {}) {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible().catch(() => false))) {
    await page.locator(cssId('status.notifications')).first().click();
  }
  if (waitFor) {
    await page.locator('.notifications-center .notification-list-item', { hasText: waitFor }).first().waitFor({ timeout });
  }
  const rows = await page.locator('.notifications-center .notification-list-item').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ').trim());
}

/** Poll `fn` until it returns a truthy value or `timeout` ms pass; returns the value or throws `message`. */
export async function poll(fn, { timeout = 30000, interval = 250, message = 'condition not met' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`${message} within ${timeout} ms${last instanceof Error ? `: ${last.message}` : ''}`);
}
