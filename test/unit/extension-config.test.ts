/** Extension: config file edits keep comments and give a valid configuration the engine applies. */
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { Engine, mergeConfig, parseConfig } from '../../src/core';
import { ConfigEditError, disableRuleText, newConfigText } from '../../src/extension/configFile';
import { resolveSettings } from '../../src/extension/settings';

const engine = new Engine();
const TF = 'resource "aws_bedrock_guardrail" "g" {}\n';

describe('extension: config file edits', () => {
  it('a new config file is valid, starts with the schema modeline and disables nothing', () => {
    const t = newConfigText('file:///ext/schemas/config.schema.json');
    assert.ok(t.startsWith('# yaml-language-server: $schema=file:///ext/schemas/config.schema.json\n'));
    const c = parseConfig(t, '.ai-lockin-audit.yaml');
    assert.deepStrictEqual(c.rules, {});
  });

  it('creates the file when missing, with the rule off', async () => {
    const t = disableRuleText(undefined, 'aws-bedrock-terraform', './schemas/config.schema.json');
    const c = parseConfig(t, '.ai-lockin-audit.yaml');
    assert.strictEqual(c.rules['aws-bedrock-terraform'], 'off');
    assert.match(t, /yaml-language-server/);
    const r = await engine.scanText('main.tf', TF, c);
    assert.deepStrictEqual(r.findings, []);
  });

  it('adds to an existing rules map and keeps comments and other keys', () => {
    const src = '# team policy\nversion: 1\nrules:\n  # keep this one loud\n  aws-sagemaker-terraform: error\nacceptedProviders: [azure] # primary cloud\n';
    const t = disableRuleText(src, 'aws-bedrock-terraform');
    assert.match(t, /# team policy/);
    assert.match(t, /# keep this one loud/);
    assert.match(t, /# primary cloud/);
    const c = parseConfig(t, 'x.yaml');
    assert.deepStrictEqual(c.rules, { 'aws-sagemaker-terraform': 'error', 'aws-bedrock-terraform': 'off' });
    assert.deepStrictEqual(c.acceptedProviders, ['azure']);
  });

  it('turns an empty flow map into entries, and replaces an existing level', () => {
    const t = disableRuleText('version: 1\nrules: {}\n', 'aws-bedrock-terraform');
    assert.strictEqual(parseConfig(t, 'x.yaml').rules['aws-bedrock-terraform'], 'off');
    const t2 = disableRuleText('rules:\n  aws-bedrock-terraform: error\n', 'aws-bedrock-terraform');
    assert.strictEqual(parseConfig(t2, 'x.yaml').rules['aws-bedrock-terraform'], 'off');
    assert.strictEqual((t2.match(/aws-bedrock-terraform/g) ?? []).length, 1);
  });

  it('adds rules when the key is present but empty', () => {
    const t = disableRuleText('version: 1\nrules:\n', 'aws-bedrock-terraform');
    assert.strictEqual(parseConfig(t, 'x.yaml').rules['aws-bedrock-terraform'], 'off');
  });

  it('refuses to edit invalid YAML or a non-mapping rules key', () => {
    assert.throws(() => disableRuleText('rules: [\n', 'a-b'), ConfigEditError);
    assert.throws(() => disableRuleText('- a\n- b\n', 'a-b'), ConfigEditError);
    assert.throws(() => disableRuleText('rules: [a]\n', 'a-b'), ConfigEditError);
  });
});

describe('extension: settings to config', () => {
  it('defaults', () => {
    const s = resolveSettings({});
    assert.deepStrictEqual([s.enable, s.debounceMs, s.maxProblemsPerFile, s.runAuditOnStartup, s.baseUrlEnvVar], [true, 300, 100, false, 'OPENAI_BASE_URL']);
    assert.deepStrictEqual(s.overrides, {});
    assert.deepStrictEqual(s.problems, []);
  });

  it('settings win over the config file (mergeConfig)', async () => {
    const file = parseConfig('rules:\n  aws-bedrock-terraform: error\nexclude: [legacy/]\nmaxFileSizeKb: 10\n', 'f.yaml');
    const s = resolveSettings({ severityOverrides: { 'aws-bedrock-terraform': 'note' }, exclude: ['gen/'], acceptedProviders: ['aws'], maxFileSizeKb: 99 });
    const c = mergeConfig(file, s.overrides);
    assert.strictEqual(c.rules['aws-bedrock-terraform'], 'note');
    assert.deepStrictEqual(c.exclude, ['legacy/', 'gen/']);
    assert.strictEqual(c.maxFileSizeKb, 99);
    const r = await engine.scanText('main.tf', TF, c);
    assert.strictEqual(r.findings[0].severity, 'note');
    assert.strictEqual(r.findings[0].suppression?.kind, 'accepted-provider');
  });

  it('an unset setting leaves the file value alone', () => {
    const file = parseConfig('maxFileSizeKb: 10\n', 'f.yaml');
    assert.strictEqual(mergeConfig(file, resolveSettings({}).overrides).maxFileSizeKb, 10);
  });

  it('invalid values are dropped and named, never thrown', () => {
    const s = resolveSettings(
      { severityOverrides: { 'aws-bedrock-terraform': 'loud', 'no-such-rule': 'off', 'aws-sagemaker-terraform': 'off' }, acceptedProviders: ['azure', 'ibm'], baseUrlEnvVar: 'BAD NAME', debounceMs: -5, maxProblemsPerFile: 'x' },
      (id) => engine.catalog.byId.has(id),
    );
    assert.deepStrictEqual(s.overrides.rules, { 'aws-sagemaker-terraform': 'off' });
    assert.deepStrictEqual(s.overrides.acceptedProviders, ['azure']);
    assert.strictEqual(s.baseUrlEnvVar, 'OPENAI_BASE_URL');
    assert.strictEqual(s.debounceMs, 0);
    assert.strictEqual(s.maxProblemsPerFile, 100);
    assert.strictEqual(s.problems.length, 4);
  });
});
