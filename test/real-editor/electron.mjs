#!/usr/bin/env node
// The same real-editor mocha suite (test/real-editor/suite, compiled to out/) run in DESKTOP VS Code through
// @vscode/test-electron, where a desktop VS Code exists. Optional: on these offline machines there is none
// (the download host is unreachable), so the normal path is run.mjs (code-server + chromium).
//
//   VSCODE_EXECUTABLE=/path/to/code node test/real-editor/electron.mjs   use that VS Code
//   node test/real-editor/electron.mjs                                    try to download one (VSCODE_VERSION,
//                                                                         default stable), unless REAL_EDITOR_NO_DOWNLOAD=1
// Without a VS Code it prints why and exits 0, EXCEPT in the npm test path (npm_lifecycle_event test/pretest/
// posttest), with --require, or with REAL_EDITOR_ELECTRON_REQUIRED=1: then it exits 1.
// Linux needs a display: run it under xvfb-run (or with DISPLAY set).
// Options as run.mjs: --extension-dir, --tests, --workspace, --env KEY=VALUE, --timeout <s>; cache REAL_VSCODE_CACHE.
// Exit status: 0 passed (or skipped when optional), 1 failed / unavailable when required, 124 timeout.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const env = process.env;
const { values: opts } = util.parseArgs({
  options: {
    'extension-dir': { type: 'string' }, tests: { type: 'string' }, workspace: { type: 'string' },
    env: { type: 'string', multiple: true }, timeout: { type: 'string' }, require: { type: 'boolean' },
  },
});
const CACHE = path.resolve(env.REAL_VSCODE_CACHE || path.join(ROOT, '.cache/real-vscode'));
const extensionDevelopmentPath = path.resolve(opts['extension-dir'] || env.REAL_EDITOR_EXTENSION_DIR || ROOT);
const extensionTestsPath = path.resolve(opts.tests || env.REAL_EDITOR_TESTS || path.join(ROOT, 'out/test/real-editor/suite/index.js'));
const workspace = path.resolve(opts.workspace || env.REAL_EDITOR_WORKSPACE || path.join(HERE, 'workspace'));
const timeoutS = Number(opts.timeout || env.REAL_EDITOR_TIMEOUT || 480);
const extensionTestsEnv = {};
for (const kv of opts.env || []) {
  const i = kv.indexOf('=');
  if (i > 0) extensionTestsEnv[kv.slice(0, i)] = kv.slice(i + 1);
}
const lifecycle = env.npm_lifecycle_event || '';
const required = !!opts.require || env.REAL_EDITOR_ELECTRON_REQUIRED === '1' || /^(pre|post)?test$/.test(lifecycle);

function unavailable(reason) {
  if (required) {
    console.error(`test:electron: FAILED: no desktop VS Code to run the real-editor suite in: ${reason}\n` +
      `  (required here${lifecycle ? ` because it runs in npm's "${lifecycle}"` : ''}; set VSCODE_EXECUTABLE, ` +
      'or use node test/real-editor/run.mjs, the code-server harness)');
    process.exit(1);
  }
  console.log(`test:electron: not run: ${reason}\n` +
    '  Optional runner. Set VSCODE_EXECUTABLE=/path/to/code to use it; the real-editor tests run here with\n' +
    '  node test/real-editor/run.mjs (code-server + chromium).');
  process.exit(0);
}

/** Kill every process started below us (VS Code and its helpers), for the timeout path. */
function killDescendants() {
  const rows = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      rows.push({ pid: Number(d), ppid: Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) });
    } catch { /* gone */ }
  }
  const stack = [process.pid];
  while (stack.length) {
    const p = stack.pop();
    for (const r of rows.filter((x) => x.ppid === p)) {
      try { process.kill(r.pid, 'SIGKILL'); } catch { /* gone */ }
      stack.push(r.pid);
    }
  }
}

setTimeout(() => {
  console.error(`test:electron: TIMEOUT after ${timeoutS} s (a hang counts as a failure)`);
  killDescendants();
  process.exit(124);
}, timeoutS * 1000).unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killDescendants(); process.exit(sig === 'SIGINT' ? 130 : 143); });

const require = createRequire(import.meta.url);
let te;
try {
  te = require('@vscode/test-electron');
} catch (e) {
  unavailable(`@vscode/test-electron cannot be loaded (${e.message.split('\n')[0]})`);
}

for (const [p, what] of [[extensionTestsPath, 'compiled tests entry (build first: npx tsc -p .)'],
  [path.join(extensionDevelopmentPath, 'package.json'), 'extension manifest'], [workspace, 'fixture workspace']]) {
  if (!fs.existsSync(p)) {
    console.error(`test:electron: ${what} not found: ${p}`);
    process.exit(1);
  }
}

let vscodeExecutablePath = env.VSCODE_EXECUTABLE;
if (vscodeExecutablePath) {
  if (!fs.existsSync(vscodeExecutablePath)) unavailable(`VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist`);
} else if (env.REAL_EDITOR_NO_DOWNLOAD === '1') {
  unavailable('VSCODE_EXECUTABLE is not set and REAL_EDITOR_NO_DOWNLOAD=1');
} else {
  const version = env.VSCODE_VERSION || 'stable';
  console.log(`test:electron: VSCODE_EXECUTABLE not set; trying to download VS Code ${version} (60 s limit)`);
  try {
    vscodeExecutablePath = await Promise.race([
      te.downloadAndUnzipVSCode({ version, cachePath: path.join(CACHE, 'vscode-test'), timeout: 20000 }),
      new Promise((_, rej) => setTimeout(() => rej(new Error('download did not finish within 60 s')), 60000).unref()),
    ]);
  } catch (e) {
    unavailable(`VSCODE_EXECUTABLE is not set and downloading VS Code failed: ${String(e && e.message || e).split('\n')[0]}`);
  }
}

if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
  console.log('test:electron: warning: no DISPLAY; desktop VS Code needs one on Linux (run under xvfb-run -a)');
}
const data = path.join(CACHE, 'electron');
console.log(`test:electron: ${vscodeExecutablePath}\n  extension ${extensionDevelopmentPath}\n  tests ${extensionTestsPath}\n  workspace ${workspace}`);
try {
  const code = await te.runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionTestsEnv,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', path.join(data, 'ud'), '--extensions-dir', path.join(data, 'exts')],
  });
  console.log(`test:electron: ${code === 0 ? 'PASSED' : `FAILED (exit code ${code})`}`);
  process.exit(code === 0 ? 0 : 1);
} catch (e) {
  console.error(`test:electron: FAILED: ${e && e.message || e}`);
  killDescendants();
  process.exit(1);
}
