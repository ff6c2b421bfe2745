// Packages the VS Code extension as ai-lockin-audit.vsix, offline, with @vscode/vsce.
// package.json's "files" list describes the npm package (the CLI); vsce cannot combine it with a
// .vscodeignore, so the extension is staged in .cache/vsix-stage/ (the files .vscodeignore keeps,
// and package.json without "files") and packaged from there. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const stage = join(root, '.cache', 'vsix-stage');
const out = resolve(root, process.argv[2] ?? 'ai-lockin-audit.vsix');

if (!existsSync(join(root, 'dist', 'extension.js'))) {
  console.error('package-vsix: dist/extension.js is missing: run npm run build first');
  process.exit(2);
}
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const p of ['dist', 'docs/rules', 'schemas', 'media', 'syntaxes', 'README.md', 'LICENSE', '.vscodeignore']) {
  if (existsSync(join(root, p))) cpSync(join(root, p), join(stage, p), { recursive: true });
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
delete manifest.files;
delete manifest.devDependencies;
delete manifest.scripts;
writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], { cwd: stage, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`package-vsix: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);
