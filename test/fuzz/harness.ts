/**
 * Property-based fuzzing of the engine (fast-check). Shared by test/unit/fuzz.test.ts (a few
 * thousand runs inside `npm test`) and scripts/fuzz.ts (`npm run fuzz -- --runs N`).
 *
 * Every analyzer registered in ANALYZERS is fuzzed: a representative file name is found for each
 * id by `classify`, so a new analyzer is covered without touching this file (and a registered id
 * without any representative name fails loudly). Inputs are the rule fixtures, the example
 * workspace and small per-syntax seeds, mutated (bytes flipped, inserted, deleted, unbalanced
 * brackets and quotes, truncation, duplication, keywords spliced in so the prefilter lets them
 * through), plus random token soups and random JSON.
 *
 * The property: `scanBytes` and `scanText` resolve (never throw or reject) with findings or a skip
 * with a known reason, every finding is well formed, and the slowest call and heap growth are
 * recorded and checked against bounds large enough to catch only hangs and blow-ups.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { ANALYZERS } from '../../src/core/analyzers';
import { classify, type AnalyzerId } from '../../src/core/classify';
import type { Engine } from '../../src/core/engine';
import type { FileResult, SkipReason } from '../../src/core/types';

export const SKIP_REASONS: readonly SkipReason[] = ['too-large', 'binary', 'invalid-encoding', 'unreadable', 'symlink-outside-root', 'symlink-loop', 'parse-error', 'too-complex', 'timeout', 'internal-error'];
/** A call slower than this is a hang, not a slow path (speed is measured in benchmarks). */
export const HANG_BOUND_MS = 30_000;
/** Heap growth over a whole fuzz run that means a leak. */
export const HEAP_BOUND_BYTES = 1024 * 1024 * 1024;

/** File names the engine may meet, across dialects; each analyzer id needs at least one. */
const CANDIDATE_NAMES = [
  'main.tf', 'prod.tfvars', 'terragrunt.hcl', 'main.tf.json', 'vars.tfvars.json',
  'main.bicep', 'main.bicepparam', 'azuredeploy.json', 'template.json', 'appsettings.json', 'appsettings.Production.json', 'local.settings.json', 'package.json', 'tsconfig.jsonc',
  'values.yaml', 'Chart.yaml', 'templates/deployment.yaml', 'k8s/deploy.yml', 'kustomization.yaml', 'docker-compose.yml', 'compose.yaml',
  '.github/workflows/ci.yml', 'action.yml', '.gitlab-ci.yml', 'azure-pipelines.yml', 'template.yaml', 'application.yml', 'config.yaml',
  '.env', '.env.production', 'app.env', 'application.properties', 'requirements.txt', 'requirements-dev.in', 'constraints.txt', 'pyproject.toml', 'Pipfile',
  'go.mod', 'pom.xml', 'app.csproj', 'Directory.Packages.props', 'packages.config', 'build.gradle', 'build.gradle.kts', 'settings.gradle.kts',
  'app.py', 'stubs.pyi', 'index.js', 'index.mjs', 'index.cjs', 'App.jsx', 'index.ts', 'index.mts', 'App.tsx', 'main.go', 'Main.java', 'Program.cs',
  'deploy.sh', 'run.bash', 'setup.zsh', 'deploy.ps1', 'module.psm1', 'Makefile', 'GNUmakefile', 'rules.mk',
];

/** Representative names per registered analyzer id (through `classify`). Throws for an id without one. */
export function representativeNames(): Map<AnalyzerId, string[]> {
  const out = new Map<AnalyzerId, string[]>();
  for (const name of CANDIDATE_NAMES) {
    const id = classify(name);
    if (!id || !ANALYZERS[id]) continue;
    const list = out.get(id) ?? [];
    list.push(name);
    out.set(id, list);
  }
  const missing = (Object.keys(ANALYZERS) as AnalyzerId[]).filter((id) => !out.has(id));
  if (missing.length) throw new Error(`fuzz: no representative file name classifies as ${missing.join(', ')}; add one to CANDIDATE_NAMES in test/fuzz/harness.ts`);
  return out;
}

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

/** Small seeds per syntax, so that every parser path has a realistic starting point. */
const BUILTIN_SEEDS: [string, string][] = [
  ['azuredeploy.json', '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.CognitiveServices/accounts","apiVersion":"2023-05-01","kind":"OpenAI","resources":[{"type":"deployments"}]}]}'],
  ['main.tf.json', '{"resource":{"aws_bedrock_guardrail":{"g":{"name":"x"}}},"module":{"m":{"source":"aws-ia/bedrock/aws"}}}'],
  ['package.json', '{"dependencies":{"@aws-sdk/client-bedrock-runtime":"^3.0.0","openai":"4"},"devDependencies":{"@azure/openai":"1"}}'],
  ['template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      Name: !Sub "${AWS::StackName}-bedrock"\n      Role: !GetAtt Role.Arn\n'],
  ['k8s/deploy.yml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: AZURE_OPENAI_ENDPOINT\n              value: https://x.openai.azure.com\n---\nkind: ConfigMap\ndata: &d {a: *d}\n'],
  ['.github/workflows/ci.yml', 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          aws bedrock list-foundation-models\n          # az cognitiveservices account list\n          gcloud ai endpoints list\n'],
  ['docker-compose.yml', 'services:\n  app:\n    image: x\n    environment:\n      - AWS_BEDROCK_MODEL=anthropic.claude\n      - VERTEX_AI_LOCATION=us-central1\n'],
  ['.env', 'export AZURE_OPENAI_API_KEY="abc" # sagemaker\nBEDROCK_MODEL_ID=\'anthropic\'\n# VERTEX=1\n'],
  ['application.properties', 'spring.ai.azure.openai.endpoint=https://x.openai.azure.com\nspring.ai.bedrock.aws.region: us-east-1\n! comment vertex\nkey value\n'],
];

function readTree(dir: string, out: Seed[], rel = ''): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) readTree(p, out, r);
    else if (e.isFile() && fs.statSync(p).size < 256 * 1024) out.push({ name: e.name, bytes: fs.readFileSync(p) });
  }
}

/** Seeds: the rule fixtures (positive and negative), the example workspace, and the built-in seeds. */
export function loadSeeds(root: string): Seed[] {
  const seeds: Seed[] = [];
  readTree(path.join(root, 'test', 'fixtures', 'rules'), seeds);
  readTree(path.join(root, 'examples', 'workspace'), seeds);
  for (const [name, text] of BUILTIN_SEEDS) seeds.push({ name, bytes: Buffer.from(text) });
  return seeds;
}

const NASTY = ['{', '}', '[', ']', '(', ')', '"', "'", '`', '${', '%{', '}}', '<<EOF\n', '<<-EOT\n', '\\', '\n', '\r\n', '\r', '\t', ' ', '#', '//', '/*', '*/', '<!--', '&a ', '*a', '!Ref ', '!!binary ', '---\n', '...\n', ': ', '- ', '? ', '|\n', '>-\n', '=', 'export ', '\0', '\uFEFF', '\uD800', '\uDFFF', '\u202E', '\u2028', '😀', 'é', '\x1b[31m', 'ai-lockin-audit-ignore aws-bedrock-terraform: x', 'ai-lockin-audit-ignore-file ', '{value}', '$&', '__proto__', 'constructor'];

type Op =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'token'; at: number; token: string; times: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'truncate'; at: number }
  | { op: 'dup'; at: number; len: number; to: number }
  | { op: 'keyword'; at: number; keyword: string };

function opArb(keywords: string[]): fc.Arbitrary<Op> {
  const at = fc.nat({ max: 1_000_000 });
  return fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at, bit: fc.nat({ max: 7 }) }),
    fc.record({ op: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    fc.record({ op: fc.constant('token' as const), at, token: fc.constantFrom(...NASTY), times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 500, max: 1500 })) }),
    fc.record({ op: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ op: fc.constant('truncate' as const), at }),
    fc.record({ op: fc.constant('dup' as const), at, len: fc.integer({ min: 1, max: 256 }), to: at }),
    fc.record({ op: fc.constant('keyword' as const), at, keyword: fc.constantFrom(...(keywords.length ? keywords : ['bedrock'])) }),
  );
}

export function mutate(input: Uint8Array, ops: Op[]): Uint8Array {
  let b = Buffer.from(input);
  for (const o of ops) {
    const at = b.length ? o.at % (b.length + 1) : 0;
    switch (o.op) {
      case 'flip':
        if (b.length) b[at % b.length] ^= 1 << o.bit;
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), o.bytes, b.subarray(at)]);
        break;
      case 'token':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(o.token.repeat(o.times)), b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + o.len)]);
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'dup': {
        const slice = b.subarray(at, at + o.len);
        const to = b.length ? o.to % (b.length + 1) : 0;
        b = Buffer.concat([b.subarray(0, to), slice, b.subarray(to)]);
        break;
      }
      case 'keyword':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(o.keyword), b.subarray(at)]);
        break;
    }
  }
  return b;
}

export interface FuzzStats {
  calls: number;
  maxMs: number;
  slowest?: string;
  /** The slowest input itself, to inspect or replay. */
  slowestInput?: { name: string; bytes: Uint8Array };
  heapStart: number;
  maxHeapGrowth: number;
  outcomes: Record<string, number>;
}

export function newStats(): FuzzStats {
  return { calls: 0, maxMs: 0, heapStart: process.memoryUsage().heapUsed, maxHeapGrowth: 0, outcomes: {} };
}

/** The invariants of one engine answer. */
export function checkResult(engine: Engine, name: string, text: string | undefined, r: FileResult): string {
  assert.strictEqual(r.file, name);
  assert.ok(Array.isArray(r.findings) && Array.isArray(r.diagnostics));
  if (r.skipped) {
    assert.ok(SKIP_REASONS.includes(r.skipped.reason), `unknown skip reason ${r.skipped.reason}`);
    assert.ok(r.skipped.detail.length > 0);
    assert.strictEqual(r.findings.length, 0);
    return `skip:${r.skipped.reason}`;
  }
  const lines = text === undefined ? Infinity : text.split('\n').length;
  for (const f of r.findings) {
    assert.ok(engine.catalog.byId.has(f.ruleId) || f.ruleId.startsWith('custom-'), f.ruleId);
    const g = f.range;
    assert.ok(g.startLine >= 1 && g.startColumn >= 1 && g.endLine >= g.startLine && g.endLine <= lines, `range ${JSON.stringify(g)} of ${lines} lines`);
    assert.ok(g.endLine > g.startLine || g.endColumn >= g.startColumn, `range ${JSON.stringify(g)}`);
    assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(f.snippet.length <= 200);
    assert.ok(f.message.length > 0 && f.guidance.length > 0);
  }
  for (const d of r.diagnostics) assert.ok(d.range.startLine >= 1 && d.range.startLine <= lines);
  return r.prefiltered ? 'prefiltered' : r.findings.length ? 'findings' : 'parsed-clean';
}

/** Scan bytes (and the text they decode to) and check both answers; never lets a rejection through silently. */
export async function fuzzOne(engine: Engine, name: string, bytes: Uint8Array, stats: FuzzStats): Promise<void> {
  const t0 = performance.now();
  let r: FileResult;
  try {
    r = await engine.scanBytes(name, bytes);
  } catch (e) {
    throw new Error(`scanBytes(${JSON.stringify(name)}) rejected: ${(e as Error)?.stack ?? e}`);
  }
  const text = Buffer.from(bytes).toString('utf8');
  let rt: FileResult;
  try {
    rt = await engine.scanText(name, text);
  } catch (e) {
    throw new Error(`scanText(${JSON.stringify(name)}) rejected: ${(e as Error)?.stack ?? e}`);
  }
  const ms = performance.now() - t0;
  stats.calls += 2;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.slowest = `${name} (${bytes.length} bytes)`;
    stats.slowestInput = { name, bytes };
  }
  const growth = process.memoryUsage().heapUsed - stats.heapStart;
  if (growth > stats.maxHeapGrowth) stats.maxHeapGrowth = growth;
  const o1 = checkResult(engine, name, undefined, r);
  const o2 = checkResult(engine, name, text, rt);
  stats.outcomes[o1] = (stats.outcomes[o1] ?? 0) + 1;
  stats.outcomes[o2] = (stats.outcomes[o2] ?? 0) + 1;
  assert.ok(ms < HANG_BOUND_MS, `${name}: ${Math.round(ms)} ms`);
  assert.ok(growth < HEAP_BOUND_BYTES, `heap grew by ${Math.round(growth / 1048576)} MiB`);
}

/** Arbitraries for the three kinds of input. */
export function arbitraries(engine: Engine, seeds: Seed[]) {
  const names = [...representativeNames().values()].flat();
  const keywords = engine.prefilter.keywords;
  const nameArb = fc.constantFrom(...names);
  // a seed under its own name, or under any analyzer's name (one syntax fed to another parser)
  const mutated = fc.record({
    seed: fc.constantFrom(...seeds),
    rename: fc.option(nameArb, { freq: 3 }),
    ops: fc.array(opArb(keywords), { minLength: 1, maxLength: 8 }),
  }).map(({ seed, rename, ops }) => ({ name: rename ?? seed.name, bytes: mutate(seed.bytes, ops) }));
  const tokenSoup = fc.record({
    name: nameArb,
    parts: fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.constantFrom(...keywords, 'resource', 'module', 'source', 'Type', 'apiVersion', 'kind'), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 200 }),
  }).map(({ name, parts }) => ({ name, bytes: Buffer.from(parts.join('')) }));
  const jsonish = fc.record({
    name: fc.constantFrom(...names.filter((n) => /json|ya?ml/.test(n))),
    value: fc.jsonValue({ maxDepth: 8 }),
    keyword: fc.constantFrom(...keywords),
  }).map(({ name, value, keyword }) => ({ name, bytes: Buffer.from(JSON.stringify({ [keyword]: value, resources: [value], Resources: { R: { Type: `AWS::${keyword}::X` } } }, null, 1)) }));
  const rawBytes = fc.record({ name: nameArb, bytes: fc.uint8Array({ maxLength: 2048 }) });
  return { mutated, tokenSoup, jsonish, rawBytes };
}

export interface FuzzPlan {
  mutated: number;
  tokenSoup: number;
  jsonish: number;
  rawBytes: number;
}

/** Run the whole plan; throws (with fast-check's counterexample and seed) on the first failure. */
export async function runFuzz(engine: Engine, root: string, plan: FuzzPlan, opts: { seed?: number; stats?: FuzzStats } = {}): Promise<FuzzStats> {
  const stats = opts.stats ?? newStats();
  const arbs = arbitraries(engine, loadSeeds(root));
  for (const kind of ['mutated', 'tokenSoup', 'jsonish', 'rawBytes'] as const) {
    if (!plan[kind]) continue;
    await fc.assert(
      fc.asyncProperty(arbs[kind], async ({ name, bytes }) => {
        await fuzzOne(engine, name, bytes, stats);
      }),
      { numRuns: plan[kind], seed: opts.seed, endOnFailure: true },
    );
  }
  return stats;
}
