/**
 * Where the engine's data files live. Bundled (dist/cli.js, dist/extension.js) they are copied
 * beside the bundle: dist/core-assets/, dist/wasm/. From the TypeScript output (tests) they are
 * read from the source tree and node_modules.
 */
import * as fs from 'fs';
import * as path from 'path';

let coreRoot: string | undefined;
let wasmRoot: string | undefined | null;

function packageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`ai-lockin-audit: cannot find package root above ${from}`);
    dir = up;
  }
}

/** Root of core data files (terms/facts.yaml, rules/catalog/*.yaml). */
export function coreAssetRoot(): string {
  if (coreRoot) return coreRoot;
  const bundled = path.join(__dirname, 'core-assets');
  coreRoot = fs.existsSync(bundled) ? bundled : path.join(packageRoot(__dirname), 'src', 'core');
  return coreRoot;
}

export function readAsset(rel: string): string {
  return fs.readFileSync(path.join(coreAssetRoot(), rel), 'utf8');
}

const WASM_PACKAGES: Record<string, string> = {
  'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-hcl.wasm': '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
};

/** Absolute path of a WASM file: the runtime, the HCL grammar or one of @vscode/tree-sitter-wasm's grammars. */
export function wasmPath(name: string): string {
  if (wasmRoot === undefined) {
    const bundled = path.join(__dirname, 'wasm');
    wasmRoot = fs.existsSync(bundled) ? bundled : null;
  }
  if (wasmRoot) return path.join(wasmRoot, name);
  const spec = WASM_PACKAGES[name] ?? `@vscode/tree-sitter-wasm/wasm/${name}`;
  return require.resolve(spec, { paths: [packageRoot(__dirname)] });
}

/** WASM files the bundle must carry (scripts/build.mjs copies these). */
export const BUNDLED_WASM = [
  'tree-sitter.wasm',
  'tree-sitter-hcl.wasm',
  'tree-sitter-python.wasm',
  'tree-sitter-javascript.wasm',
  'tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm',
  'tree-sitter-go.wasm',
  'tree-sitter-java.wasm',
  'tree-sitter-c-sharp.wasm',
  'tree-sitter-bash.wasm',
  'tree-sitter-powershell.wasm',
];
