/**
 * Preloaded (`node --require`) into a CLI process by test/unit/no-exec.test.ts. It wraps every way
 * a Node process can run a program, open a connection or compile code, records each use to the
 * JSON file named by SANDBOX_LOG when the process exits, and makes the forbidden ones throw:
 *
 * - child_process (spawn, exec, execFile, fork and their sync forms); `git` is recorded as
 *   allowed (a CI diff mode may run it), anything else is forbidden
 * - net (Socket#connect, connect, createConnection, Server#listen), tls.connect,
 *   dgram.createSocket, http(s).request/get, fetch
 * - code compilation: global eval, the Function constructor (through a Proxy on globalThis.Function,
 *   which is what `new Function(...)` and `Function(...)` resolve to), vm.Script, vm.runIn*,
 *   vm.compileFunction. These are recorded with the first 200 characters of the code: the engine
 *   itself legitimately compiles code (ajv compiles the config schema into a validator with
 *   `new Function`), so the test asserts that no compiled code contains workspace content (a
 *   canary), not that nothing is compiled.
 * - module loading: every file `require`d from under SANDBOX_ROOT (the scanned workspace)
 * - worker_threads.Worker: the script it runs
 * - prototype pollution: whether Object.prototype gained properties by the end
 */
import * as fs from 'fs';

interface Use {
  api: string;
  detail: string;
  allowed?: boolean;
}

const uses: Use[] = [];
const logFile = process.env.SANDBOX_LOG;
const root = process.env.SANDBOX_ROOT;
const protoKeysAtStart = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

function record(api: string, detail: unknown, allowed = false): void {
  uses.push({ api, detail: String(detail).slice(0, 200), allowed });
}

function forbid(api: string, detail: unknown): never {
  record(api, detail);
  throw new Error(`sandbox: ${api} is not allowed (${String(detail).slice(0, 80)})`);
}

function wrap<T extends object>(obj: T, name: keyof T & string, label: string, allow?: (...args: unknown[]) => boolean): void {
  const orig = obj[name] as unknown as (...a: unknown[]) => unknown;
  if (typeof orig !== 'function') return;
  (obj as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    if (allow?.(...args)) {
      record(label, args[0], true);
      return orig.apply(this, args);
    }
    return forbid(label, JSON.stringify(args[0]) ?? String(args[0]));
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cp = require('child_process');
const isGit = (cmd: unknown) => typeof cmd === 'string' && /^git(\s|$)/.test(cmd.trim());
for (const fn of ['spawn', 'spawnSync', 'execFile', 'execFileSync']) wrap(cp, fn, `child_process.${fn}`, isGit);
for (const fn of ['exec', 'execSync', 'fork']) wrap(cp, fn, `child_process.${fn}`);

const net = require('net');
wrap(net.Socket.prototype, 'connect', 'net.Socket#connect');
wrap(net, 'connect', 'net.connect');
wrap(net, 'createConnection', 'net.createConnection');
wrap(net.Server.prototype, 'listen', 'net.Server#listen');
wrap(require('tls'), 'connect', 'tls.connect');
wrap(require('dgram'), 'createSocket', 'dgram.createSocket');
for (const mod of ['http', 'https']) {
  const m = require(mod);
  wrap(m, 'request', `${mod}.request`);
  wrap(m, 'get', `${mod}.get`);
}
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = ((input: unknown) => forbid('fetch', input)) as typeof fetch;
}

// code compilation
const origEval = globalThis.eval;
globalThis.eval = function (code: string) {
  record('eval', code);
  return origEval(code);
} as typeof eval;
const OrigFunction = Function;
globalThis.Function = new Proxy(OrigFunction, {
  construct(target, args) {
    record('Function', args.map(String).join(' | '));
    return Reflect.construct(target, args);
  },
  apply(target, self, args) {
    record('Function', args.map(String).join(' | '));
    return Reflect.apply(target, self, args);
  },
});
const vm = require('vm');
for (const fn of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) {
  const orig = vm[fn];
  vm[fn] = function (this: unknown, code: unknown, ...rest: unknown[]) {
    record(`vm.${fn}`, code);
    return orig.call(this, code, ...rest);
  };
}
const OrigScript = vm.Script;
vm.Script = new Proxy(OrigScript, {
  construct(target, args) {
    record('vm.Script', args[0]);
    return Reflect.construct(target, args);
  },
});

// module loading from the workspace
const Module = require('module');
const origLoad = Module._load;
Module._load = function (request: string, parent: unknown, isMain: boolean) {
  try {
    const resolved = Module._resolveFilename(request, parent, isMain);
    if (root && typeof resolved === 'string' && resolved.startsWith(root)) forbid('require', resolved);
  } catch (e) {
    if (String((e as Error).message).startsWith('sandbox:')) throw e;
  }
  return origLoad.apply(this, [request, parent, isMain]);
};

const wt = require('worker_threads');
const OrigWorker = wt.Worker;
wt.Worker = new Proxy(OrigWorker, {
  construct(target, args) {
    const file = String(args[0]);
    if (root && file.includes(root)) forbid('worker_threads.Worker', file);
    record('worker_threads.Worker', file, true);
    return Reflect.construct(target, args);
  },
});

process.on('exit', () => {
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  if (protoKeys !== protoKeysAtStart) record('Object.prototype', `gained properties: ${protoKeys}`);
  if (logFile) fs.writeFileSync(logFile, JSON.stringify(uses, null, 1));
});
