// Bundles the CLI and the extension with esbuild and copies the engine's data files beside them:
//   dist/cli.js, dist/extension.js, dist/wasm/*.wasm, dist/core-assets/{terms,rules/catalog}
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'wasm'), { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from bundlers: take the ESM build
  mainFields: ['module', 'main'],
  sourcemap: true,
  minify: process.env.MINIFY === '1',
  logLevel: 'warning',
  // web-tree-sitter probes for these in browsers only
  external: ['vscode', 'fs/promises', 'module'],
  absWorkingDir: root,
  // web-tree-sitter's ESM build locates itself with import.meta.url
  banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};

const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
];
if (existsSync(join(root, 'src/extension/extension.ts'))) {
  entries.push({ entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' });
  // the engine for the extension, required on first use (src/extension/extension.ts: loadCore)
  entries.push({ entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' });
}
if (existsSync(join(root, 'src/core/worker.ts'))) entries.push({ entryPoints: ['src/core/worker.ts'], outfile: 'dist/worker.js' });
await Promise.all(entries.map((e) => build({ ...common, ...e })));
chmodSync(join(dist, 'cli.js'), 0o755);

// WASM: the runtime, the HCL grammar and VS Code's prebuilt grammars
const { BUNDLED_WASM } = require('./out/src/core/assets.js');
const wasmSource = {
  'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-hcl.wasm': '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
};
for (const name of BUNDLED_WASM) {
  cpSync(require.resolve(wasmSource[name] ?? `@vscode/tree-sitter-wasm/wasm/${name}`), join(dist, 'wasm', name));
}
cpSync(join(root, 'src/core/terms/facts.yaml'), join(dist, 'core-assets/terms/facts.yaml'));
// the same facts as JSON, read at start-up without the YAML parser (terms/index.ts: loadTerms)
writeFileSync(join(dist, 'core-assets/terms/facts.json'), JSON.stringify(require('yaml').parse(readFileSync(join(root, 'src/core/terms/facts.yaml'), 'utf8'))));
// the catalog, validated now and shipped as one JSON file (rules/catalog.ts: COMPILED_CATALOG)
const { loadCatalog } = require('./out/src/core/rules/catalog.js');
const { rules, version } = loadCatalog(join(root, 'src/core/rules/catalog'));
mkdirSync(join(dist, 'core-assets/rules'), { recursive: true });
writeFileSync(join(dist, 'core-assets/rules/catalog.json'), JSON.stringify({ version, rules: rules.map(({ source, ...r }) => r) }));
