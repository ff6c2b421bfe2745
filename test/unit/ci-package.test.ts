/**
 * The npm package as users get it: `npm pack`, installed offline into a fresh project, run with
 * `npx --no-install ai-lockin-audit`. No network: the package has no runtime dependencies.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The environment without npm's per-run variables (npm_config_local_prefix would redirect installs). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return { ...env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

describe('ci package', () => {
  it('package.json: no runtime dependencies, bin and files cover what dist/cli.js needs', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepStrictEqual(pkg.dependencies ?? {}, {}, 'everything is bundled by esbuild');
    assert.strictEqual(pkg.bin['ai-lockin-audit'], 'dist/cli.js');
    for (const f of ['dist/cli.js', 'dist/wasm/**', 'dist/core-assets/**', 'schemas/**']) assert.ok(pkg.files.includes(f), `files lacks ${f}`);
  });

  it('npm pack, install offline into a fresh project, run with npx', () => {
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-pack-'));
    const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-app-'));
    try {
      // scripts are not run: the test suite runs after the build, and dist/ is what is packed
      const pack = run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], ROOT);
      assert.strictEqual(pack.status, 0, pack.stderr);
      const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0] as { filename: string; files: { path: string }[] };
      const files = info.files.map((f) => f.path);
      for (const f of ['dist/cli.js', 'dist/wasm/tree-sitter.wasm', 'dist/wasm/tree-sitter-hcl.wasm', 'dist/core-assets/terms/facts.yaml', 'schemas/config.schema.json', 'package.json']) assert.ok(files.includes(f), `tarball lacks ${f}`);
      assert.ok(files.some((f) => f.startsWith('dist/core-assets/rules/catalog/') && f.endsWith('.yaml')), 'tarball lacks the rule catalog');
      assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.map')), 'sources, tests and maps stay out');
      const tarball = path.join(packDir, path.basename(info.filename));
      assert.ok(fs.existsSync(tarball));

      fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
      const inst = run(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], appDir);
      assert.strictEqual(inst.status, 0, inst.stderr);
      assert.ok(fs.existsSync(path.join(appDir, 'node_modules', '.bin', 'ai-lockin-audit')));

      const ws = path.join(appDir, 'ws');
      fs.mkdirSync(path.join(ws, 'infra'), { recursive: true });
      fs.writeFileSync(path.join(ws, 'infra', 'main.tf'), 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n}\n\nresource "aws_s3_bucket" "b" {}\n');
      fs.writeFileSync(path.join(ws, 'app.py'), 'import boto3\n');
      const scan = run(NPX, ['--no-install', 'ai-lockin-audit', 'scan', 'ws', '-f', 'compact', '--fail-on', 'warning'], appDir);
      assert.strictEqual(scan.status, 1, scan.stderr);
      assert.match(scan.stdout, /^ws\/infra\/main\.tf:1:\d+: warning aws-bedrock-terraform /m);
      const json = run(NPX, ['--no-install', 'ai-lockin-audit', 'scan', 'ws', '-f', 'json', '--fail-on', 'never'], appDir);
      assert.strictEqual(json.status, 0, json.stderr);
      assert.strictEqual(JSON.parse(json.stdout).skipped.length, 0, 'WASM grammars and assets load from the installed package');
      const version = run(NPX, ['--no-install', 'ai-lockin-audit', '--version'], appDir);
      assert.strictEqual(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    } finally {
      fs.rmSync(packDir, { recursive: true, force: true });
      fs.rmSync(appDir, { recursive: true, force: true });
    }
  });
});
