/**
 * Hostile files: each case ends in findings or a skip with a reason, the scan finishes, and the
 * test process's memory stays within a generous bound. Figures (RSS, heap, peak RSS) are printed
 * as test diagnostics. Big files are made in os.tmpdir() and removed afterwards.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it, type TestContext } from 'node:test';
import { Engine, defaultConfig, scan, type ScanResult, type FileResult, MAX_NESTING, parseBudgets } from '../../src/core';
import fc from 'fast-check';
import { parseDirectives } from '../../src/core/suppress';
import { LineIndex } from '../../src/core/util/lines';
import { CLI, tempTree } from './helpers';

const engine = new Engine();
const MiB = 1024 * 1024;
/** Generous: catches a blow-up (a copy per nesting level, an expanded alias bomb), not a slow path. */
const MEMORY_BOUND = 1536 * MiB;

interface Mem {
  rss: number;
  heap: number;
  maxRss: number;
}
function mem(): Mem {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** Run `fn`, report its memory figures, assert the growth stays under `bound`. */
async function measured<T>(t: TestContext, label: string, fn: () => Promise<T>, bound = MEMORY_BOUND): Promise<T> {
  const before = mem();
  const t0 = Date.now();
  const out = await fn();
  const after = mem();
  const mb = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
  t.diagnostic(`${label}: ${Date.now() - t0} ms; rss ${mb(before.rss)} -> ${mb(after.rss)}; heap ${mb(before.heap)} -> ${mb(after.heap)}; peak rss ${mb(after.maxRss)}`);
  assert.ok(after.rss - before.rss < bound, `${label}: rss grew by ${mb(after.rss - before.rss)}`);
  assert.ok(after.heap - before.heap < bound, `${label}: heap grew by ${mb(after.heap - before.heap)}`);
  return out;
}

/** Findings or a skip with a reason; never both missing for a file the engine reads. */
function settled(r: FileResult): string {
  if (r.skipped) {
    assert.ok(r.skipped.reason && r.skipped.detail, 'a skip has a reason and a detail');
    return `skipped:${r.skipped.reason}`;
  }
  assert.ok(Array.isArray(r.findings));
  return r.prefiltered ? 'prefiltered' : `findings:${r.findings.length}`;
}

function skipOf(r: ScanResult, file: string): string | undefined {
  return r.skipped.find((s) => s.file === file)?.reason;
}

function bigTemp(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-hostile-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const BILLION_LAUGHS = [
  'name: bedrock-laughs',
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghijklmnopqrstu'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghijklmnopqrstu'[i]}`).join(', ')}]`),
  '',
].join('\n');

describe('hostile input', () => {
  it('YAML alias bomb (billion laughs, 9^20 nodes if expanded): aliases are never expanded', async (t) => {
    const r = await measured(t, 'alias bomb', () => engine.scanText('deploy/values.yaml', BILLION_LAUGHS), 64 * MiB);
    assert.match(settled(r), /^findings:/);
    // the same bomb as a config file: a config error, not a crash
    const cfg = tempTree({ '.ai-lockin-audit.yaml': `exclude: []\n${BILLION_LAUGHS.replace('name: bedrock-laughs\n', '')}`, 'main.tf': '' });
    try {
      const run = spawnSync(process.execPath, [CLI, 'scan', cfg.dir], { encoding: 'utf8', timeout: 60_000 });
      assert.strictEqual(run.status, 2, run.stderr);
      assert.match(run.stderr, /\.ai-lockin-audit\.yaml/);
    } finally {
      cfg.cleanup();
    }
  });

  it('a 100 MB file is skipped as too-large without being read', async (t) => {
    const tmp = bigTemp();
    try {
      const f = path.join(tmp.dir, 'huge.tf');
      const fd = fs.openSync(f, 'w');
      fs.writeSync(fd, 'resource "aws_bedrock_guardrail" "g" {}\n');
      fs.ftruncateSync(fd, 100 * 1000 * 1000);
      fs.closeSync(fd);
      const r = await measured(t, '100 MB file', () => scan([tmp.dir]), 32 * MiB);
      assert.strictEqual(skipOf(r, 'huge.tf'), 'too-large');
      // even when the limit is raised past it, the engine's own guards hold (binary: NUL padding)
      const raised = await measured(t, '100 MB file, maxFileSizeKb raised', () => scan([tmp.dir], { overrides: { maxFileSizeKb: 200 * 1024 } }));
      assert.strictEqual(skipOf(raised, 'huge.tf'), 'binary');
    } finally {
      tmp.cleanup();
    }
  });

  it('a file with a single 50 MB line: too-large by default; with the limit raised, parsed or skipped as too-complex', async (t) => {
    const tmp = bigTemp();
    try {
      const line = 'x'.repeat(50 * 1000 * 1000);
      fs.writeFileSync(path.join(tmp.dir, 'line.tf'), `x = "bedrock${line}"`);
      fs.writeFileSync(path.join(tmp.dir, 'line.json'), `["bedrock", "${line}"]`);
      fs.writeFileSync(path.join(tmp.dir, 'line.yaml'), `key: bedrock${line}\n`);
      fs.writeFileSync(path.join(tmp.dir, '.env'), `BEDROCK=${line}\n`);
      const r = await measured(t, '50 MB line, default limit', () => scan([tmp.dir]), 64 * MiB);
      for (const f of ['line.tf', 'line.json', 'line.yaml', '.env']) assert.strictEqual(skipOf(r, f), 'too-large', f);
      const raised = await measured(t, '50 MB line, maxFileSizeKb 64 MiB', () => scan([tmp.dir], { overrides: { maxFileSizeKb: 64 * 1024 } }));
      assert.strictEqual(skipOf(raised, 'line.tf'), 'too-complex', 'tree-sitter never sees 50 MB');
      for (const f of ['line.json', 'line.yaml', '.env']) assert.strictEqual(skipOf(raised, f), undefined, f);
      assert.strictEqual(raised.summary.filesScanned, 3);
    } finally {
      tmp.cleanup();
    }
  });

  const N = 100_000;
  const deep: [string, string][] = [
    ['deep.json', `{"bedrock": ${'['.repeat(N)}${']'.repeat(N)}}`],
    ['deep-objects.json', `{"bedrock": ${'{"a":'.repeat(N)}1${'}'.repeat(N)}}`],
    ['deep.yaml', `bedrock: ${'['.repeat(N)}${']'.repeat(N)}\n`],
    ['deep-map.yaml', `bedrock: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\n`],
    ['deep-unclosed.yaml', `bedrock: ${'['.repeat(N)}\n`],
    ['deep.tf', `x = "bedrock"\ny = ${'['.repeat(N)}${']'.repeat(N)}\n`],
    ['deep-call.tf', `x = "bedrock"\ny = ${'f('.repeat(N)}1${')'.repeat(N)}\n`],
    ['deep.tf.json', `{"resource": ${'['.repeat(N)}${']'.repeat(N)}, "x": "bedrock"}`],
    ['deep.py', `import boto3  # bedrock\nx = ${'('.repeat(N)}1${')'.repeat(N)}\n`],
    ['deep.ts', `const bedrock = ${'['.repeat(N)}${']'.repeat(N)};\n`],
    ['pom.xml', `<project><!-- azure-ai -->${'<a>'.repeat(N)}${'</a>'.repeat(N)}</project>`],
    ['app.csproj', `<Project><PackageReference Include="Azure.AI.OpenAI" />${'<a>'.repeat(N)}</Project>`],
  ];
  for (const [file, text] of deep) {
    it(`nested ${N} levels deep (brackets or XML elements) in ${file}: skipped as too-complex, no stack overflow`, async (t) => {
      const r = await measured(t, file, () => engine.scanText(file, text), 256 * MiB);
      if (!engine.analyzerFor(file)) {
        // no analyzer reads this kind of file yet: nothing is parsed at all
        assert.deepStrictEqual([r.findings, r.skipped], [[], undefined]);
        return;
      }
      assert.strictEqual(r.skipped?.reason, 'too-complex', JSON.stringify(r.skipped));
    });
  }

  it('20,000 findings on one 1 MB line (minified or generated) cost linear work, fingerprints unchanged', { timeout: 60_000 }, async (t) => {
    const text = `<Project>${'<PackageReference Include="Azure.AI.OpenAI" />'.repeat(20_000)}</Project>`;
    const r = await measured(t, '20k findings on one line', () => engine.scanText('app.csproj', text), 512 * MiB);
    assert.strictEqual(r.findings.length, 20_000);
    assert.strictEqual(new Set(r.findings.map((f) => f.fingerprint)).size, 20_000, 'occurrences tell identical findings apart');
    const f = r.findings[19_999];
    const norm = text.replace(/\s+/g, ' ').trim();
    assert.strictEqual(f.fingerprint, createHash('sha256').update(`${f.ruleId}\0app.csproj\0${norm}\0${20_000}`).digest('hex').slice(0, 32), 'same fingerprint formula as before');
    assert.ok(f.snippet.length <= 200);
  });

  it('XML built to make the tokenizer rescan (unclosed <! x 500,000) stays linear', { timeout: 60_000 }, async (t) => {
    for (const [file, text] of [['pom.xml', `<project><!-- azure-ai -->${'<!a'.repeat(500_000)}`], ['app.csproj', `<Project><PackageReference Include="Azure.AI.OpenAI" />${'<a b="1" '.repeat(200_000)}`]]) {
      const r = await measured(t, `${file} ${text.length} chars`, () => engine.scanText(file, text), 512 * MiB);
      assert.match(settled(r), /^(findings|skipped):/);
    }
  });

  it(`nesting up to ${MAX_NESTING} levels is still parsed`, async () => {
    const d = MAX_NESTING - 10;
    const r = await engine.scanText('main.tf.json', `{"resource": {"aws_bedrock_guardrail": {"g": {"x": ${'['.repeat(d)}${']'.repeat(d)}}}}}`);
    assert.deepStrictEqual(r.findings.map((f) => f.ruleId), ['aws-bedrock-terraform']);
  });

  it('deep YAML block nesting (indentation, not brackets) parses without a stack overflow', async (t) => {
    const lines = ['bedrock: 1'];
    for (let i = 0; i < 1500; i++) lines.push(`${' '.repeat(i)}k${i}:`);
    lines.push(`${' '.repeat(1500)}v: 1`);
    const r = await measured(t, 'YAML 1500-level block nesting', () => engine.scanText('deep-block.yaml', lines.join('\n')));
    assert.match(settled(r), /^(findings|skipped):/);
  });

  it('YAML explicit-key nesting (? ? ? …, found by the fuzzer: 1.8 KB took 8 s and 2 GB) stays cheap', async (t) => {
    for (const unit of ['? ', '- ', '? - ', '? a: ']) {
      for (const n of [900, 30_000]) {
        const text = `services:\n  app:\n    image: x\n   ${unit.repeat(n)} environment:\n      - AWS_BEDROCK_MODEL=x\n`;
        const r = await measured(t, `YAML ${JSON.stringify(unit)} x ${n}`, () => engine.scanText('azure-pipelines.yml', text), 256 * MiB);
        assert.match(settled(r), /^(findings:|skipped:(parse-error|too-complex))/);
      }
    }
  });

  it('2 MB of HCL bracket garbage is cancelled by the parse budget or parsed, and HCL still works after', async (t) => {
    const text = 'x = "bedrock"\n' + '}{)(]["'.repeat(290_000);
    const r = await measured(t, 'HCL garbage', () => engine.scanText('garbage.tf', text));
    assert.match(settled(r), /^(findings:|skipped:(too-complex|timeout))/);
    const ok = await engine.scanText('main.tf', 'resource "aws_bedrock_guardrail" "g" {}\n');
    assert.deepStrictEqual(ok.findings.map((f) => f.ruleId), ['aws-bedrock-terraform'], 'the WASM parser survives');
  });

  it('tree-sitter error-recovery storms (<!-- x 20,000 in .go and .cs, superlinear) are cancelled, and parsing works after', { timeout: 120_000 }, async (t) => {
    const storms: [string, string][] = [
      ['storm.go', `package main\nimport "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"\nvar k = Envi${'<!--'.repeat(20_000)}\n`],
      ['Storm.cs', `using Azure.AI.OpenAI;\nvar key = Envi${'<!--'.repeat(20_000)}\n`],
    ];
    const check = async () => {
      for (const [file, text] of [['ok.go', 'package main\nimport "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"\n'], ['main.tf', 'resource "aws_bedrock_guardrail" "g" {}\n']]) {
        const ok = await engine.scanText(file, text);
        assert.ok(ok.findings.length >= 1, `${file} still parses after a cancelled parse: ${JSON.stringify(ok.skipped)}`);
      }
    };
    // default budgets: the slow-progress check (parseBudgets.slowAfterMs) calls it a storm
    for (const [file, text] of storms) {
      const r = await measured(t, `${file} storm, default budgets`, () => engine.scanText(file, text), 768 * MiB);
      assert.strictEqual(r.skipped?.reason, 'too-complex', JSON.stringify(r.skipped));
    }
    await check();
    // a host may lower the time budget (an editor scanning as the user types)
    const saved = parseBudgets.timeMs;
    parseBudgets.timeMs = 500;
    try {
      const r = await measured(t, 'go storm, 500 ms budget', () => engine.scanText(storms[0][0], storms[0][1]), 768 * MiB);
      assert.strictEqual(r.skipped?.reason, 'timeout', JSON.stringify(r.skipped));
    } finally {
      parseBudgets.timeMs = saved;
    }
    await check();
  });

  it('suppression comments built to backtrack (long whitespace runs, repeated directives) parse in linear time', { timeout: 60_000 }, async (t) => {
    const tf = 'resource "aws_bedrock_guardrail" "g" {}';
    const lines = [
      `${tf} # ai-lockin-audit-ignore aws-bedrock-terraform: ok${' \t'.repeat(200_000)}*/x`,
      `# ai-lockin-audit-ignore aws-bedrock-terraform: x${' '.repeat(400_000)}y`,
      `# ${'ai-lockin-audit-ignore '.repeat(40_000)}`,
      `${'#'.repeat(100_000)}${' '.repeat(100_000)}xai-lockin-audit-ignore a: b`,
      `# ai-lockin-audit-ignore ${'a , '.repeat(100_000)}!`,
    ];
    for (const line of lines) {
      const r = await measured(t, `directive line of ${line.length} chars`, () => engine.scanText('main.tf', `${tf}\n${line}\n`), 256 * MiB);
      assert.match(settled(r), /^findings:/);
    }
  });

  it('the linear directive parser agrees with the former regular expression (property, short lines)', async () => {
    const FORMER = /(?:#|\/\/|\/\*|<!--|--|;|<#|\bREM\b|')\s*ai-lockin-audit-ignore(-file)?\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?::\s*(.*?))?\s*(?:\*\/|-->|#>)?\s*$/;
    const tokens = ['#', '//', '/*', '*/', '<!--', '-->', '--', ';', '<#', '#>', 'REM', "'", ' ', '  ', '\t', 'ai-lockin-audit-ignore', 'ai-lockin-audit-ignore-file', '-file', 'aws-bedrock-terraform', 'a', ',', ', ', ':', ': ', 'reason', 'x', 'REMx', 'resource "aws_bedrock_guardrail" "g" {}'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...tokens), { maxLength: 12 }), async (parts) => {
        const line = parts.join('');
        const m = FORMER.exec(line);
        const lines = new LineIndex(line);
        const d = parseDirectives(line, lines)[0];
        if (!m) return assert.strictEqual(d, undefined, JSON.stringify(line));
        assert.ok(d, JSON.stringify(line));
        assert.deepStrictEqual([d.start, d.scope, d.rules, d.reason], [m.index, m[1] ? 'file' : 'line', m[2].split(',').map((x) => x.trim()), (m[3] ?? '').trim()], JSON.stringify(line));
      }),
      { numRuns: 3000 },
    );
  });

  it('binary files with source extensions are skipped as binary or invalid-encoding', async () => {
    const random = Buffer.alloc(64 * 1024);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    const noNul = Buffer.from(random.map((b) => b || 1));
    const files: Record<string, Buffer> = {};
    for (const ext of ['tf', 'json', 'yaml', 'env', 'properties', 'py', 'ts', 'go', 'java', 'cs', 'sh']) {
      files[`bin.${ext}`] = Buffer.concat([Buffer.from('bedrock '), random]);
      files[`nonul.${ext}`] = Buffer.concat([Buffer.from('bedrock '), noNul]);
    }
    const t = tempTree(files);
    try {
      const r = await scan([t.dir]);
      for (const f of Object.keys(files)) {
        if (!engine.analyzerFor(f)) continue;
        assert.strictEqual(skipOf(r, f), f.startsWith('bin.') ? 'binary' : 'invalid-encoding', f);
      }
      assert.strictEqual(r.skipped.length, Object.keys(files).filter((f) => engine.analyzerFor(f)).length);
    } finally {
      t.cleanup();
    }
  });

  it('invalid UTF-8, and UTF-16 with byte order marks (valid: scanned; broken: invalid-encoding)', async () => {
    const tf = 'resource "aws_bedrock_guardrail" "g" {}\n';
    const be = Buffer.from(tf, 'utf16le').swap16();
    const t = tempTree({
      'overlong.tf': Buffer.concat([Buffer.from(tf), Buffer.from([0xc0, 0xaf])]),
      'truncated.tf': Buffer.concat([Buffer.from(tf), Buffer.from([0xe2, 0x82])]),
      'surrogate.tf': Buffer.concat([Buffer.from(tf), Buffer.from([0xed, 0xa0, 0x80])]),
      'utf8bom.tf': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(tf)]),
      'le.tf': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tf, 'utf16le')]),
      'be.tf': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      'le-odd.tf': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tf, 'utf16le'), Buffer.from([0x41])]),
      'le-lone-surrogate.tf': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tf, 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
      'bom-only.tf': Buffer.from([0xff, 0xfe]),
    });
    try {
      const r = await scan([t.dir]);
      for (const f of ['overlong.tf', 'truncated.tf', 'surrogate.tf', 'le-odd.tf', 'le-lone-surrogate.tf']) assert.strictEqual(skipOf(r, f), 'invalid-encoding', f);
      assert.deepStrictEqual([...new Set(r.findings.map((f) => f.file))].sort(), ['be.tf', 'le.tf', 'utf8bom.tf']);
      const bom = r.findings.find((f) => f.file === 'utf8bom.tf')!;
      const plain = r.findings.find((f) => f.file === 'le.tf')!;
      assert.deepStrictEqual(bom.range, plain.range, 'the BOM is not a column');
    } finally {
      t.cleanup();
    }
  });

  it('symlink loops, links out of the root and to devices are skipped with reasons and never followed', async () => {
    const t = tempTree({ 'main.tf': 'resource "aws_bedrock_guardrail" "g" {}\n', 'a/b/c.tf': '' });
    const outside = tempTree({ 'secret.tf': 'resource "aws_sagemaker_model" "m" {}\n' });
    try {
      fs.symlinkSync(t.dir, path.join(t.dir, 'a/b/up'));
      fs.symlinkSync(path.join(t.dir, 'a'), path.join(t.dir, 'a/b/back'));
      fs.symlinkSync('x1.tf', path.join(t.dir, 'x2.tf'));
      fs.symlinkSync('x2.tf', path.join(t.dir, 'x1.tf'));
      fs.symlinkSync(outside.dir, path.join(t.dir, 'out'));
      fs.symlinkSync(path.join(outside.dir, 'secret.tf'), path.join(t.dir, 'secret.tf'));
      fs.symlinkSync('../' + path.basename(outside.dir), path.join(t.dir, 'rel-out'));
      fs.symlinkSync('/dev/zero', path.join(t.dir, 'zero.tf'));
      fs.symlinkSync('/proc/self/fd/0', path.join(t.dir, 'stdin.tf'));
      const r = await scan([t.dir]);
      assert.strictEqual(skipOf(r, 'a/b/up'), 'symlink-loop');
      assert.strictEqual(skipOf(r, 'a/b/back'), 'symlink-loop');
      assert.strictEqual(skipOf(r, 'x1.tf'), 'symlink-loop');
      for (const f of ['out', 'secret.tf', 'zero.tf']) assert.strictEqual(skipOf(r, f), 'symlink-outside-root', f);
      assert.ok(['symlink-outside-root', 'unreadable'].includes(skipOf(r, 'stdin.tf') ?? ''), 'stdin.tf');
      assert.deepStrictEqual(r.findings.map((f) => f.file), ['main.tf']);
      assert.ok(!r.skipped.some((s) => s.file.includes('secret.tf') && s.reason !== 'symlink-outside-root'));
    } finally {
      t.cleanup();
      outside.cleanup();
    }
  });

  const AS_NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  const nobody = spawnSync('setpriv', [...AS_NOBODY, process.execPath, CLI, '--version']).status === 0;
  it('an unreadable folder, scanned by an unprivileged user (setpriv as nobody), is a skip and the scan finishes', { skip: !nobody && 'setpriv, or a CLI nobody may run, not available' }, (tc) => {
    const t = tempTree({ 'locked/main.tf': 'resource "aws_bedrock_guardrail" "g" {}\n', 'open/main.tf': 'resource "aws_bedrock_guardrail" "g" {}\n', 'unreadable.tf': 'resource "aws_bedrock_guardrail" "g" {}\n' });
    try {
      fs.chmodSync(t.dir, 0o755);
      fs.chmodSync(path.join(t.dir, 'open'), 0o755);
      if (spawnSync('setpriv', [...AS_NOBODY, 'test', '-r', path.join(t.dir, 'open', 'main.tf')]).status !== 0) {
        tc.skip(`nobody cannot reach ${os.tmpdir()}`);
        return;
      }
      fs.chmodSync(path.join(t.dir, 'locked'), 0o000);
      fs.chmodSync(path.join(t.dir, 'unreadable.tf'), 0o000);
      const run = spawnSync('setpriv', [...AS_NOBODY, process.execPath, CLI, 'scan', t.dir, '-f', 'json', '--fail-on', 'never'], { encoding: 'utf8', timeout: 120_000 });
      assert.strictEqual(run.status, 0, run.stderr);
      const j = JSON.parse(run.stdout) as ScanResult;
      assert.strictEqual(skipOf(j, 'locked'), 'unreadable');
      assert.strictEqual(skipOf(j, 'unreadable.tf'), 'unreadable');
      assert.deepStrictEqual(j.findings.map((f) => f.file), ['open/main.tf']);
    } finally {
      fs.chmodSync(path.join(t.dir, 'locked'), 0o755);
      t.cleanup();
    }
  });

  it('a folder whose listing fails (injected readdir error, in-process) is a skip and the scan finishes', async () => {
    const t = tempTree({ 'bad/main.tf': 'resource "aws_bedrock_guardrail" "g" {}\n', 'good/main.tf': 'resource "aws_bedrock_guardrail" "g" {}\n' });
    // the module object itself (the namespace import's properties are getters)
    const nodeFs = require('fs') as { readdirSync: unknown };
    const real = fs.readdirSync;
    try {
      nodeFs.readdirSync = ((p: fs.PathLike, o: unknown) => {
        if (String(p).endsWith(`${path.sep}bad`)) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return (real as (p: fs.PathLike, o: unknown) => unknown)(p, o);
      }) as never;
      const r = await scan([t.dir]);
      assert.strictEqual(skipOf(r, 'bad'), 'unreadable');
      assert.match(r.skipped.find((s) => s.file === 'bad')!.detail, /EACCES/);
      assert.deepStrictEqual(r.findings.map((f) => f.file), ['good/main.tf']);
    } finally {
      nodeFs.readdirSync = real;
      t.cleanup();
    }
  });

  it('files deleted, replaced or grown during the scan (deterministic, via onFile) end as skips or findings', async () => {
    const tf = 'resource "aws_bedrock_guardrail" "g" {}\n';
    const files: Record<string, string> = { 'z.tf': tf };
    for (let i = 0; i < 30; i++) files[`m${String(i).padStart(2, '0')}.tf`] = tf;
    files['sub/inner.tf'] = tf;
    const t = tempTree(files);
    try {
      let first = true;
      const r = await scan([t.dir], {
        onFile: () => {
          if (!first) return;
          first = false;
          // discovery has listed the root but not yet stat'ed or read the rest
          for (let i = 0; i < 30; i += 3) fs.rmSync(path.join(t.dir, `m${String(i).padStart(2, '0')}.tf`));
          for (let i = 1; i < 30; i += 3) fs.writeFileSync(path.join(t.dir, `m${String(i).padStart(2, '0')}.tf`), Buffer.from([0, 1, 2, 3]));
          for (let i = 2; i < 30; i += 3) fs.writeFileSync(path.join(t.dir, `m${String(i).padStart(2, '0')}.tf`), tf + '#'.repeat(3 * MiB));
          fs.rmSync(path.join(t.dir, 'sub'), { recursive: true });
        },
      });
      const reasons = new Map(r.skipped.map((s) => [s.file, s.reason]));
      for (let i = 0; i < 30; i++) {
        const f = `m${String(i).padStart(2, '0')}.tf`;
        const expected = ['unreadable', 'binary', 'too-large'][i % 3];
        assert.strictEqual(reasons.get(f), expected, `${f}: ${JSON.stringify([...reasons])}`);
      }
      // the folder is gone: its listing fails, or (when discovery listed it already) its file's read does
      assert.ok(reasons.get('sub') === 'unreadable' || reasons.get('sub/inner.tf') === 'unreadable', JSON.stringify([...reasons]));
      assert.deepStrictEqual(r.findings.map((f) => f.file), ['z.tf']);
    } finally {
      t.cleanup();
    }
  });

  it('files racing with a writer that deletes and recreates them (non-deterministic) never fail the scan', async (t) => {
    const tf = 'resource "aws_bedrock_guardrail" "g" {}\n';
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`d${i % 10}/f${i}.tf`] = tf;
    const tmp = tempTree(files);
    let stop = false;
    const churn = (async () => {
      let n = 0;
      while (!stop) {
        const f = path.join(tmp.dir, `d${n % 10}`, `f${n % 200}.tf`);
        try {
          if (n % 2) fs.rmSync(f, { force: true });
          else fs.writeFileSync(f, n % 4 ? tf : Buffer.alloc(10, 0));
        } catch {
          // the folder may be gone for a moment
        }
        n++;
        await new Promise((res) => setImmediate(res));
      }
      return n;
    })();
    try {
      for (let round = 0; round < 2; round++) {
        const r = await scan([tmp.dir], {});
        assert.strictEqual(r.summary.filesScanned + r.summary.filesSkipped <= 200, true);
        for (const s of r.skipped) assert.ok(['unreadable', 'binary'].includes(s.reason), `${s.file}: ${s.reason}`);
      }
    } finally {
      stop = true;
      t.diagnostic(`writer made ${await churn} changes`);
      tmp.cleanup();
    }
  });

  it('50,000 files in one folder: the scan finishes with bounded memory', async (t) => {
    const tmp = bigTemp();
    try {
      const dir = path.join(tmp.dir, 'many');
      fs.mkdirSync(dir);
      for (let i = 0; i < 50_000; i++) {
        const body = i % 1000 === 0 ? `resource "aws_bedrock_guardrail" "g${i}" {}\n` : `resource "aws_s3_bucket" "b${i}" {}\n`;
        fs.writeFileSync(path.join(dir, `f${i}.tf`), body);
      }
      const r = await measured(t, '50k files', () => scan([tmp.dir]), 512 * MiB);
      assert.strictEqual(r.summary.filesScanned, 50_000);
      assert.strictEqual(r.findings.length, 50);
      assert.strictEqual(r.skipped.length, 0);
    } finally {
      tmp.cleanup();
    }
  });
});
