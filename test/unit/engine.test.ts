/** Engine behaviour: discovery, suppressions, config, comments and bad input. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import ignore from 'ignore';
import { Engine, parseConfig, scan, defaultConfig, ConfigError, discover } from '../../src/core';
import { tempTree } from './helpers';
import { Prefilter } from '../../src/core/prefilter';
import type { Rule } from '../../src/core/types';

const engine = new Engine();
const AZ = 'resource "azurerm_cognitive_account" "a" {\n  kind = "OpenAI"\n}\n';

describe('engine', () => {
  it('reports 1-based lines and columns of the bound name', async () => {
    const r = await engine.scanText('main.tf', '\n\nresource "aws_bedrock_guardrail" "g" {}\n');
    assert.strictEqual(r.findings.length, 1);
    assert.deepStrictEqual(r.findings[0].range, { startLine: 3, startColumn: 11, endLine: 3, endColumn: 32 });
    assert.strictEqual(r.findings[0].snippet, 'resource "aws_bedrock_guardrail" "g" {}');
  });

  it('counts columns in UTF-16 code units after non-ASCII text', async () => {
    const r = await engine.scanText('main.tf', 'locals { x = "é€😀" }\nresource "aws_bedrock_guardrail" "g" {}\nlocals { y = "😀" } # "aws_bedrock_agent"\n');
    assert.strictEqual(r.findings[0].range.startLine, 2);
  });

  it('never reports comments or commented-out code', async () => {
    const text = ['# resource "azurerm_cognitive_account" "a" {}', '// resource "aws_bedrock_agent" "b" {}', '/* resource "aws_sagemaker_model" "c" {} */', 'resource "aws_s3_bucket" "d" { # bedrock:InvokeModel', '}'].join('\n');
    const r = await engine.scanText('main.tf', text);
    assert.deepStrictEqual(r.findings, []);
  });

  it('gives the same findings for .tf and .tf.json forms', async () => {
    const json = JSON.stringify({ resource: { aws_bedrock_guardrail: { g: { name: 'x' } } }, module: { m: { source: 'aws-ia/bedrock/aws' } } });
    const r = await engine.scanText('main.tf.json', json);
    assert.deepStrictEqual(r.findings.map((f) => f.ruleId).sort(), ['aws-ai-module-terraform', 'aws-bedrock-terraform']);
  });

  it('still finds bindings in malformed HCL', async () => {
    const r = await engine.scanText('broken.tf', 'resource "aws_bedrock_guardrail" "g" {\n  name = \n\nresource "aws_sagemaker_model" "m" {}\n');
    assert.ok(r.findings.some((f) => f.ruleId === 'aws-sagemaker-terraform' || f.ruleId === 'aws-bedrock-terraform'));
  });

  it('scans .tfvars', async () => {
    const r = await engine.scanText('prod.tfvars', 'apis = ["aiplatform.googleapis.com"]\n');
    assert.strictEqual(r.findings[0]?.ruleId, 'gcp-vertex-ai-terraform');
  });

  describe('inline suppressions', () => {
    it('on the line, with a reason, in # and // comments', async () => {
      const r = await engine.scanText('a.tf', 'resource "aws_bedrock_guardrail" "g" {} # ai-lockin-audit-ignore aws-bedrock-terraform: accepted by ADR-12\n// ai-lockin-audit-ignore aws-sagemaker-terraform: accepted\nresource "aws_sagemaker_model" "m" {}\nresource "aws_sagemaker_model" "n" {}\n');
      const sup = r.findings.filter((f) => f.suppression);
      assert.deepStrictEqual(sup.map((f) => [f.ruleId, f.range.startLine, f.suppression!.reason]), [['aws-bedrock-terraform', 1, 'accepted by ADR-12'], ['aws-sagemaker-terraform', 3, 'accepted']]);
      assert.deepStrictEqual(r.findings.filter((f) => !f.suppression).map((f) => f.range.startLine), [4]);
    });

    it('a trailing directive does not cover the next line', async () => {
      const r = await engine.scanText('a.tf', 'resource "aws_sagemaker_model" "m" {} # ai-lockin-audit-ignore aws-sagemaker-terraform: ok\nresource "aws_sagemaker_model" "n" {}\n');
      assert.deepStrictEqual(r.findings.map((f) => !!f.suppression), [true, false]);
    });

    it('without a reason is reported and not applied', async () => {
      const r = await engine.scanText('a.tf', '# ai-lockin-audit-ignore aws-sagemaker-terraform\nresource "aws_sagemaker_model" "m" {}\n');
      assert.strictEqual(r.findings[0].suppression, undefined);
      assert.strictEqual(r.diagnostics[0].code, 'suppression-without-reason');
    });

    it('file-wide, and unknown rule ids are reported', async () => {
      const r = await engine.scanText('a.tf', '# ai-lockin-audit-ignore-file aws-sagemaker-terraform, no-such-rule: legacy stack\nresource "aws_sagemaker_model" "m" {}\n');
      assert.strictEqual(r.findings[0].suppression?.kind, 'file');
      assert.ok(r.diagnostics.some((d) => d.code === 'unknown-rule-in-suppression'));
    });

    it('can be switched off by config (CI: reviewers see everything)', async () => {
      const r = await engine.scanText('a.tf', 'resource "aws_sagemaker_model" "m" {} # ai-lockin-audit-ignore aws-sagemaker-terraform: ok\n', { ...defaultConfig(), inlineSuppressions: false });
      assert.strictEqual(r.findings[0].suppression, undefined);
    });
  });

  describe('config', () => {
    it('turns rules off, overrides severities per rule over per provider, accepts providers', async () => {
      const cfg = parseConfig('version: 1\nrules:\n  aws-sagemaker-terraform: off\n  aws-bedrock-terraform: error\nproviders:\n  aws: note\nacceptedProviders: [gcp]\n', 'c.yaml');
      const r = await engine.scanText('a.tf', 'resource "aws_sagemaker_model" "m" {}\nresource "aws_bedrock_guardrail" "g" {}\nresource "aws_bedrockagent_agent" "a" {}\nresource "google_vertex_ai_endpoint" "e" {}\n', cfg);
      assert.deepStrictEqual(r.findings.map((f) => [f.ruleId, f.severity, f.suppression?.kind]), [
        ['aws-bedrock-terraform', 'error', undefined],
        ['aws-bedrock-terraform', 'error', undefined],
        ['gcp-vertex-ai-terraform', 'warning', 'accepted-provider'],
      ]);
    });

    it('rejects unknown keys and bad values with the line', () => {
      assert.throws(() => parseConfig('version: 1\nexclud: [x]\n', 'c.yaml'), (e: ConfigError) => e.line === 2 && /unknown setting "exclud"/.test(e.message));
      assert.throws(() => parseConfig('providers:\n  aws: loud\n', 'c.yaml'), (e: ConfigError) => e.line === 2);
      assert.throws(() => parseConfig('rules: [\n', 'c.yaml'), ConfigError);
    });
  });

  describe('discovery and bad input', () => {
    it('honours .gitignore, default excludes and config excludes', async () => {
      const t = tempTree({
        '.gitignore': 'generated/\n*.bak.tf\n',
        'generated/x.tf': AZ,
        'old.bak.tf': AZ,
        'node_modules/m/main.tf': AZ,
        '.terraform/modules/x/main.tf': AZ,
        'sub/.gitignore': 'local.tf\n',
        'sub/local.tf': AZ,
        'sub/kept.tf': AZ,
        'legacy/main.tf': AZ,
        '.ai-lockin-audit.yaml': 'exclude: ["legacy/"]\n',
        'main.tf': AZ,
      });
      try {
        const r = await scan([t.dir]);
        assert.deepStrictEqual([...new Set(r.findings.map((f) => f.file))].sort(), ['main.tf', 'sub/kept.tf']);
      } finally {
        t.cleanup();
      }
    });

    it('decides every file as the ignore package does, whatever the .gitignore holds', async () => {
      const names = ['a.log', 'B.LOG', 'a.log.tf', 'x.tf', '.stats.json', 'sub/.stats.json', 'sub/x.tf', 'x.tmp', 'keep.log', 'docs/x.md', 'docs/x.tf', 'gen/x.tf', 'sub/gen/y.tf', 'sub/z.log', 'foo', 'sub/foo/x.tf', 'x.min.tf', ' x.tmp'];
      const variants = ['*.log\n', '*.log\n*.tmp\ngen/\n', '*.log\n!keep.log\n', '*.LOG\ndocs/*.md\n', ' *.tmp\n', 'foo\n*.log\n', '# only a comment\n\n', '*.log \n', 'sub/*.log\n', '*.log\nfoo\n.stats.json\n', 'x.tf\n*.tmp\n', 'X.TF\n', 'x.*\n', '.git*\n'];
      for (const gitignore of variants) {
        const files: Record<string, string> = { '.gitignore': gitignore };
        for (const n of names) files[n] = 'x\n';
        const t = tempTree(files);
        try {
          const found: string[] = [];
          for await (const f of discover(t.dir)) found.push(f.rel);
          const ig = ignore().add(gitignore);
          const expected = names.filter((n) => !ig.ignores(n) && !n.split('/').slice(0, -1).some((_, i, parts) => ig.ignores(parts.slice(0, i + 1).join('/') + '/')));
          assert.deepStrictEqual(found.filter((f) => f !== '.gitignore').sort(), expected.sort(), JSON.stringify(gitignore));
        } finally {
          t.cleanup();
        }
      }
    });

    it('excludes default folders at any depth and default suffixes, and lets a negated exclude re-include a default', async () => {
      const t = tempTree({
        'a/b/vendor/x.tf': AZ,
        'a/dist/x.tf': AZ,
        'a/vendorx/x.tf': AZ,
        'web/app.min.js': "import { AzureOpenAI } from 'openai';\n",
        'web/app.js': "import { AzureOpenAI } from 'openai';\n",
      });
      try {
        const r = await scan([t.dir]);
        assert.deepStrictEqual([...new Set(r.findings.map((f) => f.file))].sort(), ['a/vendorx/x.tf', 'web/app.js']);
        fs.writeFileSync(path.join(t.dir, '.ai-lockin-audit.yaml'), 'exclude: ["!vendor/"]\n');
        const again = await scan([t.dir]);
        assert.deepStrictEqual([...new Set(again.findings.map((f) => f.file))].sort(), ['a/b/vendor/x.tf', 'a/vendorx/x.tf', 'web/app.js']);
      } finally {
        t.cleanup();
      }
    });

    it('scans a file reached both directly and through links once, and a linked file in an ignored folder through its link', async () => {
      const t = tempTree({ '.gitignore': 'hidden/\n', 'real/inside.tf': AZ, 'hidden/kept.tf': AZ });
      try {
        fs.symlinkSync(path.join(t.dir, 'real', 'inside.tf'), path.join(t.dir, 'a-link.tf'));
        fs.symlinkSync(path.join(t.dir, 'real', 'inside.tf'), path.join(t.dir, 'z-link.tf'));
        fs.symlinkSync(path.join(t.dir, 'hidden', 'kept.tf'), path.join(t.dir, 'kept-link.tf'));
        fs.symlinkSync(path.join(t.dir, 'hidden', 'kept.tf'), path.join(t.dir, 'kept-link2.tf'));
        const r = await scan([t.dir]);
        const files = r.findings.map((f) => f.file).sort();
        assert.strictEqual(files.filter((f) => f === 'real/inside.tf').length, 1);
        assert.ok(!files.some((f) => f.endsWith('link.tf') && !f.startsWith('kept')), JSON.stringify(files));
        assert.strictEqual(files.filter((f) => f.startsWith('kept-link')).length, 1, JSON.stringify(files));
        assert.strictEqual(r.summary.filesScanned, 2);
      } finally {
        t.cleanup();
      }
    });

    it('lists binary, invalid UTF-8, oversize files and symlink problems as skipped and finishes', async () => {
      const t = tempTree({
        'bin.tf': Buffer.from([0x72, 0x65, 0, 1, 2, 3, 0x62, 0x65, 0x64, 0x72, 0x6f, 0x63, 0x6b]),
        'latin1.tf': Buffer.from('resource "aws_bedrock_guardrail" "\xe9" {}\n', 'latin1'),
        'big.tf': 'resource "aws_bedrock_guardrail" "g" {}\n' + '#'.repeat(3 * 1024 * 1024),
        'utf16.tf': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('resource "aws_bedrock_guardrail" "g" {}\n', 'utf16le')]),
        'ok.tf': AZ,
      });
      const outside = tempTree({ 'secret.tf': AZ });
      try {
        fs.symlinkSync(outside.dir, path.join(t.dir, 'escape'));
        fs.symlinkSync(path.join(outside.dir, 'secret.tf'), path.join(t.dir, 'escape.tf'));
        fs.symlinkSync(t.dir, path.join(t.dir, 'loop'));
        fs.symlinkSync('self2.tf', path.join(t.dir, 'self1.tf'));
        fs.symlinkSync('self1.tf', path.join(t.dir, 'self2.tf'));
        const r = await scan([t.dir]);
        const reasons = Object.fromEntries(r.skipped.map((s) => [s.file, s.reason]));
        assert.strictEqual(reasons['bin.tf'], 'binary');
        assert.strictEqual(reasons['latin1.tf'], 'invalid-encoding');
        assert.strictEqual(reasons['big.tf'], 'too-large');
        assert.strictEqual(reasons['escape'], 'symlink-outside-root');
        assert.strictEqual(reasons['escape.tf'], 'symlink-outside-root');
        assert.strictEqual(reasons['loop'], 'symlink-loop');
        assert.strictEqual(reasons['self1.tf'], 'symlink-loop');
        assert.deepStrictEqual([...new Set(r.findings.map((f) => f.file))].sort(), ['ok.tf', 'utf16.tf']);
        for (const s of r.skipped) assert.ok(s.detail.length > 5);
      } finally {
        t.cleanup();
        outside.cleanup();
      }
    });

    it('reports an unreadable folder as skipped', { skip: process.getuid?.() === 0 && 'root reads everything' }, async () => {
      const t = tempTree({ 'locked/main.tf': AZ, 'main.tf': AZ });
      try {
        fs.chmodSync(path.join(t.dir, 'locked'), 0);
        const r = await scan([t.dir]);
        assert.ok(r.skipped.some((s) => s.file === 'locked' && s.reason === 'unreadable'));
      } finally {
        fs.chmodSync(path.join(t.dir, 'locked'), 0o755);
        t.cleanup();
      }
    });

    it('never parses a file with no keyword', async () => {
      const r = await engine.scanText('main.tf', 'resource "aws_s3_bucket" "b" {}\n');
      assert.strictEqual(r.prefiltered, true);
    });
  });
});

describe('keyword prefilter', () => {
  const pf = new Prefilter([{ keywords: ['translate.googleapis', '.googleapis.com'] }, { keywords: ['googleapis'] }] as unknown as Rule[]);

  it('finds keywords that start inside a longer match and end after it', () => {
    const r = pf.scan('service = "translate.googleapis.com" # googleapis');
    assert.deepStrictEqual([...r.keywords].sort(), ['.googleapis.com', 'googleapis', 'translate.googleapis']);
  });

  it('keeps focus ranges sorted and disjoint when matches overlap', () => {
    const r = pf.scan('service = "translate.googleapis.com" # googleapis');
    assert.deepStrictEqual(r.hits, [11, 35, 39, 49]);
  });
});
