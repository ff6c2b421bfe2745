/**
 * No code execution, no network: a full CLI scan of the example workspace, the rule fixtures and a
 * workspace full of executable bait runs in a child process under test/support/sandbox-preload.ts,
 * which records (and refuses) processes, sockets, HTTP, workspace `require`s, workers, and records
 * every eval / Function / vm compilation with its code.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { CLI, FIXTURES, ROOT, tempTree } from './helpers';

const PRELOAD = path.join(ROOT, 'out', 'test', 'support', 'sandbox-preload.js');
const CANARY = 'ala_canary_5f2c9e';

interface Use {
  api: string;
  detail: string;
  allowed?: boolean;
}

function sandboxed(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string; uses: Use[] } {
  const log = path.join(env.SANDBOX_DIR, `sandbox-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['--require', PRELOAD, ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1', SANDBOX_LOG: log, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const uses = fs.existsSync(log) ? (JSON.parse(fs.readFileSync(log, 'utf8')) as Use[]) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, uses };
}

function bait(dir: string): Record<string, string> {
  const pwn = (n: string) => path.join(dir, `PWNED-${n}`);
  return {
    'package.json': JSON.stringify({ name: 'bait', main: 'evil.js', scripts: { preinstall: `touch ${pwn('npm')}`, postinstall: `node evil.js ${CANARY}` }, dependencies: { '@aws-sdk/client-bedrock-runtime': '^3.0.0', bait: 'file:./evil.js' } }, null, 2),
    'evil.js': `require('fs').writeFileSync(${JSON.stringify(pwn('js'))}, '${CANARY}');\nrequire('child_process').execSync('touch ${pwn('js-cp')}');\n`,
    'node_modules/.bin/terraform': `#!/bin/sh\ntouch ${pwn('bin')}\n`,
    'main.tf': [
      'resource "aws_bedrock_guardrail" "g" {',
      `  name = "\${file("/etc/passwd")}${CANARY}"`,
      '  provisioner "local-exec" {',
      `    command = "touch ${pwn('tf')}"`,
      '  }',
      '}',
      `data "external" "x" { program = ["sh", "-c", "touch ${pwn('tf-ext')}"] }`,
      `data "http" "y" { url = "http://127.0.0.1:9/${CANARY}" }`,
      '',
    ].join('\n'),
    'values.yaml': `bedrock: 1\nfn: !!js/function "function () { require('fs').writeFileSync('${pwn('yaml')}', '${CANARY}') }"\nsys: !!python/object/apply:os.system ["touch ${pwn('py')}"]\nre: !!js/regexp /(a+)+$/\nproto: {__proto__: {polluted: ${CANARY}}}\n`,
    'azuredeploy.json': `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "__proto__": {"polluted": "${CANARY}"}, "constructor": {"prototype": {"polluted2": "${CANARY}"}}, "resources": [{"type": "Microsoft.CognitiveServices/accounts", "name": "[concat('${CANARY}', deployment().name)]", "kind": "OpenAI"}]}`,
    '.env': `AZURE_OPENAI_ENDPOINT=$(touch ${pwn('env')})\nBEDROCK=\`touch ${pwn('env2')}\` ${CANARY}\n`,
    'app.properties': `bedrock.model=\${jndi:ldap://127.0.0.1:1389/${CANARY}}\n`,
    'deploy.sh': `curl http://127.0.0.1:9/${CANARY} | sh\naws bedrock list-foundation-models\n`,
    'Makefile': `all:\n\ttouch ${pwn('make')}\n`,
    'app.py': `import os\nos.system("touch ${pwn('pyfile')}")  # bedrock ${CANARY}\n`,
    '.ai-lockin-audit.yaml': [
      'customRules:',
      '  - id: custom-canary',
      '    title: Canary',
      '    provider: aws',
      '    service: Canary',
      '    artifacts: [terraform, yaml, json, arm, dotenv, app-config]',
      '    severity: note',
      '    facts: [cloud-flexibility]',
      '    alternative: None.',
      '    message: "{value}"',
      `    keywords: [${CANARY}]`,
      '    match:',
      '      - atom: string',
      `        value: '(?i)${CANARY}'`,
      '',
    ].join('\n'),
  };
}

describe('no code execution, no network', () => {
  it('the sandbox preload catches what it claims to (control)', () => {
    const t = tempTree({});
    try {
      const env = { SANDBOX_DIR: t.dir };
      const cp = sandboxed(['-e', "require('child_process').execSync('true')"], env);
      assert.notStrictEqual(cp.status, 0);
      assert.ok(cp.uses.some((u) => u.api === 'child_process.execSync' && !u.allowed), JSON.stringify(cp.uses));
      const net = sandboxed(['-e', "try { require('net').connect(9, '127.0.0.1') } catch {} try { require('http').get('http://127.0.0.1:9/') } catch {}"], env);
      assert.deepStrictEqual(net.uses.filter((u) => !u.allowed).map((u) => u.api), ['net.connect', 'http.get']);
      const fn = sandboxed(['-e', `new Function('return "${CANARY}"')(); eval('1 + 1')`], env);
      assert.ok(fn.uses.some((u) => u.api === 'Function' && u.detail.includes(CANARY)));
      fs.writeFileSync(path.join(t.dir, 'x.js'), 'module.exports = 1;\n');
      const req = sandboxed(['-e', `try { require(${JSON.stringify(path.join(t.dir, 'x.js'))}) } catch {}`], { ...env, SANDBOX_ROOT: t.dir });
      assert.ok(req.uses.some((u) => u.api === 'require'), JSON.stringify(req.uses));
    } finally {
      t.cleanup();
    }
  });

  it('a full scan of the example workspace, the fixtures and a bait workspace runs nothing, connects nowhere, compiles no workspace text', (tc) => {
    const t = tempTree({});
    const ws = path.join(t.dir, 'bait');
    fs.mkdirSync(ws);
    for (const [rel, content] of Object.entries(bait(ws))) {
      fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
      fs.writeFileSync(path.join(ws, rel), content);
    }
    fs.chmodSync(path.join(ws, 'node_modules/.bin/terraform'), 0o755);
    try {
      const roots = [path.join(ROOT, 'examples', 'workspace'), path.join(FIXTURES, 'rules'), ws];
      for (const format of ['json', 'sarif', 'markdown', 'text']) {
        const r = sandboxed([CLI, 'scan', ...roots, '-f', format, '--fail-on', 'never', '-q'], { SANDBOX_DIR: t.dir, SANDBOX_ROOT: ws });
        assert.strictEqual(r.status, 0, r.stderr);
        const forbidden = r.uses.filter((u) => !u.allowed && !['eval', 'Function', 'vm.Script', 'vm.runInThisContext', 'vm.compileFunction', 'vm.runInNewContext', 'vm.runInContext'].includes(u.api));
        assert.deepStrictEqual(forbidden, [], `${format}: forbidden calls`);
        const compiled = r.uses.filter((u) => !u.allowed && u.api !== 'require');
        assert.deepStrictEqual(compiled.filter((u) => u.detail.includes(CANARY) || u.detail.includes('PWNED')), [], `${format}: workspace text compiled`);
        // no process at all (not even git); threads only of the project's own reader script
        const started = r.uses.filter((u) => u.allowed && !(u.api === 'worker_threads.Worker' && u.detail === path.join(ROOT, 'dist', 'worker.js')));
        assert.deepStrictEqual(started, [], `${format}: no process at all (not even git) in a plain scan`);
        tc.diagnostic(`${format}: ${r.uses.length} recorded uses: ${JSON.stringify(Object.entries(r.uses.reduce((a: Record<string, number>, u) => ((a[u.api] = (a[u.api] ?? 0) + 1), a), {})))}`);
        if (format === 'json') {
          const j = JSON.parse(r.stdout);
          assert.ok(j.findings.length >= 10, 'the scan really ran');
          assert.ok(j.findings.some((f: { ruleId: string }) => f.ruleId === 'custom-canary'), 'custom rules ran too');
          // ajv compiles the config schema (our own file) into validators: `new Function('self', 'scope', code)`
          assert.ok(compiled.every((u) => u.api === 'Function' && u.detail.startsWith('self | scope | ')), `only ajv's schema validators are compiled: ${JSON.stringify(compiled)}`);
        }
      }
      const pwned = fs.readdirSync(ws).filter((f) => f.startsWith('PWNED'));
      assert.deepStrictEqual(pwned, []);
    } finally {
      t.cleanup();
    }
  });
});
