/** User-defined rules in the config file: validated with the config's line, matched with RE2 semantics. */
import * as assert from 'assert';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ConfigError, Engine, parseConfig, scan } from '../../src/core';
import { checkUserPattern } from '../../src/core/rules/custom';
import { runCli, tempTree } from './helpers';

const engine = new Engine();

function rule(id: string, match: string, extra = ''): string {
  return [
    `  - id: ${id}`,
    '    title: Internal gateway bound to one cloud',
    '    provider: azure',
    '    service: Internal LLM gateway',
    '    artifacts: [terraform]',
    '    severity: warning',
    '    facts: [cloud-flexibility]',
    '    alternative: Route model calls through a provider-neutral gateway.',
    '    message: "Binds to {value}"',
    '    keywords: [gateway]',
    '    match:',
    match,
    extra,
  ]
    .filter(Boolean)
    .join('\n');
}

const GOOD = `version: 1\ncustomRules:\n${rule('custom-gateway', "      - atom: string\n        value: '^https://gateway\\.internal/'")}\n`;

describe('custom rules', () => {
  it('are validated, matched, get guidance, and can be suppressed by id', async () => {
    const cfg = parseConfig(GOOD, '.ai-lockin-audit.yaml');
    assert.strictEqual(cfg.customRules?.length, 1);
    const text = 'locals {\n  url = "https://gateway.internal/v1"\n  b = "https://gateway.internal/x" # ai-lockin-audit-ignore custom-gateway: migrating\n}\n';
    const r = await engine.scanText('main.tf', text, cfg);
    assert.deepStrictEqual(r.findings.map((f) => [f.ruleId, f.range.startLine, f.suppression?.kind]), [['custom-gateway', 2, undefined], ['custom-gateway', 3, 'inline']]);
    assert.match(r.findings[0].message, /^Binds to https:\/\/gateway\.internal\/v1$/);
    assert.match(r.findings[0].guidance, /Portable alternative: Route model calls/);
    assert.deepStrictEqual(r.diagnostics, [], 'the custom id is a known rule for suppressions');
    // without the config the built-in catalog alone finds nothing
    assert.deepStrictEqual((await engine.scanText('main.tf', text)).findings, []);
  });

  it('a catastrophic pattern (a+)+$ on a long aaaa…b string completes (RE2: no backtracking)', async () => {
    const cfg = parseConfig(`customRules:\n${rule('custom-redos', "      - atom: string\n        value: '(a+)+$'").replace('keywords: [gateway]', 'keywords: [aaa]')}\n`, 'c.yaml');
    const long = 'a'.repeat(200_000) + 'b';
    const r = await engine.scanText('main.tf', `x = "${long}"\ny = "aaaa"\n`, cfg);
    assert.deepStrictEqual(r.findings.map((f) => f.range.startLine), [2], 'only the all-a string matches');
  });

  it('replacement patterns in workspace text are not expanded in messages', async () => {
    const cfg = parseConfig(GOOD, 'c.yaml');
    const r = await engine.scanText('main.tf', 'x = "https://gateway.internal/$&$`$\'"\n', cfg);
    assert.strictEqual(r.findings[0].message, "Binds to https://gateway.internal/$&$`$'");
  });

  const bad: [string, string, number, RegExp][] = [
    ['backreference', `customRules:\n${rule('custom-a', "      - atom: string\n        value: '(a)\\1'")}\n`, 14, /match\[0\]\.value: .*RE2/],
    ['lookahead', `customRules:\n${rule('custom-a', "      - atom: string\n        value: 'x'\n      - atom: key\n        key: '(?=secret)'")}\n`, 16, /match\[1\]\.key: .*no backreferences or lookaround/],
    ['lookbehind in kwarg', `customRules:\n${rule('custom-a', "      - atom: call\n        kwarg:\n          model: '(?<!x)y'")}\n`, 15, /kwarg\.model/],
    ['built-in id', `customRules:\n${rule('aws-bedrock-terraform', "      - atom: string\n        value: x")}\n`, 2, /built-in rule id.*custom-aws-bedrock-terraform/],
    ['unknown fact', `customRules:\n${rule('custom-a', "      - atom: string\n        value: x").replace('[cloud-flexibility]', '[cloud-flexibility, made-up]')}\n`, 8, /unknown terms fact "made-up"/],
    ['duplicate id', `customRules:\n${rule('custom-a', "      - atom: string\n        value: x")}\n${rule('custom-a', "      - atom: string\n        value: y")}\n`, 15, /duplicate custom rule id/],
    ['unknown key', `version: 1\ncustomRules:\n${rule('custom-a', "      - atom: string\n        valu: x")}\n`, 15, /unknown setting "valu"/],
    ['bad atom', `customRules:\n${rule('custom-a', "      - atom: strings\n        value: x")}\n`, 13, /customRules\.0\.match\.0\.atom|atom "strings"/],
  ];
  for (const [name, text, line, re] of bad) {
    it(`an invalid custom rule (${name}) is a config error at its line`, () => {
      assert.throws(
        () => parseConfig(text, '.ai-lockin-audit.yaml'),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.match(e.message, re);
          assert.strictEqual(e.line, line, `${e.message} (expected line ${line})`);
          return true;
        },
      );
    });
  }

  it('user patterns are checked with RE2 syntax; native-only constructs are refused', () => {
    assert.strictEqual(checkUserPattern('^aws_bedrock', 'i'), undefined);
    assert.strictEqual(checkUserPattern('\\bopenai\\.azure\\.com\\b'), undefined);
    for (const p of ['(a)\\1', '(?=x)', '(?<!x)y', '(?<=x)y', 'a{2000}', 'x'.repeat(2001)]) assert.ok(checkUserPattern(p), p);
  });

  it('the CLI exits 2 naming file:line of an invalid custom rule, and scans with a valid one', () => {
    const t = tempTree({ '.ai-lockin-audit.yaml': `customRules:\n${rule('custom-a', "      - atom: string\n        value: '(\\w+)\\1'")}\n`, 'main.tf': 'x = "https://gateway.internal/"\n' });
    try {
      const r = runCli(['scan', t.dir]);
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, /\.ai-lockin-audit\.yaml:14: custom rule 1: match\[0\]\.value/);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1);
      require('fs').writeFileSync(path.join(t.dir, '.ai-lockin-audit.yaml'), GOOD);
      const ok = runCli(['scan', t.dir, '-f', 'json', '--fail-on', 'warning']);
      assert.strictEqual(ok.status, 1, ok.stderr);
      assert.deepStrictEqual(JSON.parse(ok.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ['custom-gateway']);
      const sarif = JSON.parse(runCli(['scan', t.dir, '-f', 'sarif', '--fail-on', 'never']).stdout);
      const run = sarif.runs[0];
      const idx = run.results[0].ruleIndex;
      assert.strictEqual(run.tool.driver.rules[idx].id, 'custom-gateway', 'SARIF describes the custom rule');
    } finally {
      t.cleanup();
    }
  });

  it('scan() applies the root config custom rules', async () => {
    const t = tempTree({ '.ai-lockin-audit.yaml': GOOD, 'main.tf': 'x = "https://gateway.internal/"\n' });
    try {
      const r = await scan([t.dir]);
      assert.deepStrictEqual(r.findings.map((f) => f.ruleId), ['custom-gateway']);
    } finally {
      t.cleanup();
    }
  });
});
