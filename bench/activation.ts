/**
 * Extension activation cost: loads dist/extension.js with a stand-in `vscode` module (every
 * property and call answers with another stand-in) and times require + activate(). Prints
 * `activationMs=<ms>`. The real editor's own overhead is not included; the extension's is.
 */
import Module from 'module';
import * as path from 'path';

function standIn(name = 'vscode'): unknown {
  const fn = function () {
    return undefined;
  };
  // bundlers copy a module's own keys and take the rest from its prototype: answer there too
  const proto: object = new Proxy({}, { get: (_t, prop) => (prop === 'then' ? undefined : child(prop)) });
  const children = new Map<PropertyKey, unknown>();
  const child = (prop: PropertyKey) => {
    if (!children.has(prop)) children.set(prop, standIn(String(prop)));
    return children.get(prop);
  };
  const proxy: unknown = new Proxy(fn, {
    getPrototypeOf: () => proto,
    get: (_t, prop) => {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => 0;
      // a window with no folder and no document open: what activation itself costs
      if (prop === 'workspaceFolders' || prop === 'textDocuments' || prop === 'visibleTextEditors') return [];
      return child(prop);
    },
    // settings read with `get(...)` answer undefined, so the extension's defaults apply
    apply: () => (name === 'get' ? undefined : proxy),
    construct: () => proxy as object,
  });
  return proxy;
}

const ext = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'dist', 'extension.js'));
const vscode = standIn();
const load = (Module as unknown as { _load: (req: string, parent: unknown, isMain: boolean) => unknown })._load;
(Module as unknown as { _load: typeof load })._load = function (req: string, parent: unknown, isMain: boolean) {
  return req === 'vscode' ? vscode : load.call(this, req, parent, isMain);
};

const subscriptions: unknown[] = [];
const context = { subscriptions, extensionUri: vscode, extensionPath: path.dirname(path.dirname(ext)), globalState: vscode, workspaceState: vscode, asAbsolutePath: (p: string) => path.join(path.dirname(path.dirname(ext)), p), storageUri: undefined, globalStorageUri: vscode, logUri: vscode, extensionMode: 1 };
const t0 = process.hrtime.bigint();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mod = require(ext) as { activate: (c: unknown) => unknown };
Promise.resolve(mod.activate(context)).then(
  () => {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`activationMs=${ms.toFixed(2)}`);
    process.exit(0);
  },
  (e) => {
    console.error(`activation failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
