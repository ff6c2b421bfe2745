/**
 * Detection quality, measured: runs the engine over the labelled corpus (test/corpus/<name>/
 * workspace/, labels in test/corpus/<name>/expected.yaml) and reports precision and recall per
 * provider, per artifact kind and overall, with every false positive and false negative.
 *
 *   npm run quality [-- --min-precision 0.97 --min-recall 0.95 --corpus DIR --only NAME --json]
 *
 * Matching: findings are first deduplicated by location (file, start line, provider). A finding
 * satisfies a label when file and provider agree and its start line is the label's `line`, or
 * lies within the label's `lines: [a, b]` range when one is given. One finding satisfies one
 * label; further findings inside an already satisfied label's range are not false positives.
 * `google-ai` labels live in `informational` and count neither way; `google-ai` findings are
 * reported beside the scores, never inside them.
 *
 * Exit status: 0 when overall precision and recall reach the thresholds, 1 when not, 2 when the
 * corpus itself is inconsistent (a label points past the end of its file, or its `text` is not
 * on the labelled line).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { ANALYZERS } from '../src/core/analyzers';
import { classify, type AnalyzerId } from '../src/core/classify';
import { type ArtifactKind, type Finding, type Provider, PROVIDERS, scan } from '../src/core';

export const MIN_PRECISION = 0.97;
export const MIN_RECALL = 0.95;

/** A labelled location: the ground truth. */
export interface Label {
  file: string;
  /** 1-based line of the location. */
  line: number;
  /** Inclusive tolerance range for multi-line constructs; defaults to [line, line]. */
  lines?: [number, number];
  provider: Provider;
  service?: string;
  artifact?: ArtifactKind;
  /** A fragment that must occur on the labelled line (or range): keeps labels honest when files change. */
  text?: string;
  /** Set by the loader. */
  workspace?: string;
}

export interface Expected {
  findings: Label[];
  informational: Label[];
  notes?: string;
}

/** A finding reduced to what matching needs. */
export interface Observed {
  workspace?: string;
  file: string;
  line: number;
  provider: Provider;
  ruleId: string;
  artifact: ArtifactKind;
}

export interface Match {
  label: Label;
  finding: Observed;
}

export interface WorkspaceResult {
  workspace: string;
  matches: Match[];
  falsePositives: Observed[];
  falseNegatives: Label[];
  /** Findings on already satisfied labels (same location or inside a range): neither TP nor FP. */
  absorbed: Observed[];
  informational: { matched: Match[]; missed: Label[]; unlabelled: Observed[] };
}

export interface Counts {
  labels: number;
  findings: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Tally {
  overall: Counts;
  byProvider: Record<string, Counts>;
  byArtifact: Record<string, Counts>;
}

function range(l: Label): [number, number] {
  return l.lines ?? [l.line, l.line];
}

function within(l: Label, line: number): boolean {
  const [a, b] = range(l);
  return line >= a && line <= b;
}

/** One finding per (file, line, provider): the first by rule id, so results are stable. */
export function dedupe(findings: Observed[]): Observed[] {
  const byLoc = new Map<string, Observed>();
  for (const f of [...findings].sort((a, b) => a.ruleId.localeCompare(b.ruleId))) {
    const k = `${f.file}\0${f.line}\0${f.provider}`;
    if (!byLoc.has(k)) byLoc.set(k, f);
  }
  return [...byLoc.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.provider.localeCompare(b.provider));
}

/**
 * Pair labels with findings. Narrow labels choose first, each the nearest free finding to its
 * `line`, so a wide range cannot take the finding an exact label needs.
 */
function pair(labels: Label[], findings: Observed[]): { matches: Match[]; freeFindings: Observed[]; missed: Label[] } {
  const used = new Set<Observed>();
  const matches: Match[] = [];
  const missed: Label[] = [];
  const order = [...labels].sort((a, b) => {
    const [a0, a1] = range(a);
    const [b0, b1] = range(b);
    return a1 - a0 - (b1 - b0) || a.file.localeCompare(b.file) || a.line - b.line;
  });
  for (const l of order) {
    let best: Observed | undefined;
    for (const f of findings) {
      if (used.has(f) || f.file !== l.file || f.provider !== l.provider || !within(l, f.line)) continue;
      if (!best || Math.abs(f.line - l.line) < Math.abs(best.line - l.line)) best = f;
    }
    if (best) {
      used.add(best);
      matches.push({ label: l, finding: best });
    } else missed.push(l);
  }
  return { matches, freeFindings: findings.filter((f) => !used.has(f)), missed };
}

/** Score one workspace. */
export function matchWorkspace(workspace: string, expected: Expected, findings: Observed[]): WorkspaceResult {
  const unique = dedupe(findings);
  const scored = unique.filter((f) => f.provider !== 'google-ai');
  const info = unique.filter((f) => f.provider === 'google-ai');
  const main = pair(expected.findings, scored);
  const covered = (f: Observed) => main.matches.some((m) => m.label.file === f.file && m.label.provider === f.provider && within(m.label, f.line));
  const absorbed = main.freeFindings.filter(covered);
  const falsePositives = main.freeFindings.filter((f) => !covered(f));
  const inf = pair(expected.informational, info);
  return {
    workspace,
    matches: main.matches,
    falsePositives,
    falseNegatives: main.missed,
    absorbed,
    informational: { matched: inf.matches, missed: inf.missed, unlabelled: inf.freeFindings },
  };
}

function counts(tpFindings: number, fp: number, tpLabels: number, fn: number): Counts {
  const findings = tpFindings + fp;
  const labels = tpLabels + fn;
  return {
    labels,
    findings,
    tp: tpLabels,
    fp,
    fn,
    precision: findings === 0 ? 1 : tpFindings / findings,
    recall: labels === 0 ? 1 : tpLabels / labels,
  };
}

/**
 * Precision of a group counts the findings made in it (by the finding's provider / artifact),
 * recall the labels in it (by the label's provider / artifact).
 */
export function tally(results: WorkspaceResult[], artifactOfLabel: (l: Label) => string = (l) => l.artifact ?? 'unknown'): Tally {
  type Acc = { tpF: number; fp: number; tpL: number; fn: number };
  const acc = (m: Map<string, Acc>, k: string) => {
    let a = m.get(k);
    if (!a) m.set(k, (a = { tpF: 0, fp: 0, tpL: 0, fn: 0 }));
    return a;
  };
  const byP = new Map<string, Acc>();
  const byA = new Map<string, Acc>();
  const all: Acc = { tpF: 0, fp: 0, tpL: 0, fn: 0 };
  for (const r of results) {
    for (const m of r.matches) {
      all.tpF++;
      all.tpL++;
      acc(byP, m.finding.provider).tpF++;
      acc(byP, m.label.provider).tpL++;
      acc(byA, m.finding.artifact).tpF++;
      acc(byA, artifactOfLabel(m.label)).tpL++;
    }
    for (const f of r.falsePositives) {
      all.fp++;
      acc(byP, f.provider).fp++;
      acc(byA, f.artifact).fp++;
    }
    for (const l of r.falseNegatives) {
      all.fn++;
      acc(byP, l.provider).fn++;
      acc(byA, artifactOfLabel(l)).fn++;
    }
  }
  const toRecord = (m: Map<string, Acc>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, a]) => [k, counts(a.tpF, a.fp, a.tpL, a.fn)]));
  return { overall: counts(all.tpF, all.fp, all.tpL, all.fn), byProvider: toRecord(byP), byArtifact: toRecord(byA) };
}

// ---------------------------------------------------------------------------------------------
// Corpus loading

const SIMPLE_KINDS: Partial<Record<AnalyzerId, ArtifactKind>> = {
  hcl: 'terraform',
  'terraform-json': 'terraform',
  bicep: 'bicep',
  dotenv: 'dotenv',
  properties: 'app-config',
  requirements: 'dependency-manifest',
  toml: 'dependency-manifest',
  gomod: 'dependency-manifest',
  'xml-manifest': 'dependency-manifest',
  gradle: 'dependency-manifest',
  python: 'python',
  javascript: 'javascript',
  typescript: 'typescript',
  tsx: 'typescript',
  go: 'go',
  java: 'java',
  csharp: 'csharp',
  shell: 'shell',
  powershell: 'powershell',
  makefile: 'makefile',
};

/** Artifact kind of a corpus file: the engine's classification, and its dialect detection for YAML and JSON. */
export async function inferArtifact(rel: string, text: string): Promise<ArtifactKind | undefined> {
  const id = classify(rel);
  if (!id) return undefined;
  if (id === 'yaml' || id === 'json') {
    const analyzer = ANALYZERS[id];
    if (!analyzer) return id;
    try {
      return (await analyzer({ path: rel, text })).artifact;
    } catch {
      return id;
    }
  }
  return SIMPLE_KINDS[id];
}

export class CorpusError extends Error {}

function checkLabel(l: unknown, where: string, informational: boolean): Label {
  const o = l as Record<string, unknown>;
  if (!o || typeof o !== 'object') throw new CorpusError(`${where}: a label must be a mapping`);
  if (typeof o.file !== 'string' || !o.file) throw new CorpusError(`${where}: label without file`);
  if (!Number.isInteger(o.line) || (o.line as number) < 1) throw new CorpusError(`${where}: ${o.file}: line must be a positive integer`);
  if (!PROVIDERS.includes(o.provider as Provider)) throw new CorpusError(`${where}: ${o.file}:${o.line}: unknown provider ${String(o.provider)}`);
  if (informational !== (o.provider === 'google-ai')) throw new CorpusError(`${where}: ${o.file}:${o.line}: google-ai labels belong in informational, and only they`);
  if (o.lines !== undefined) {
    const r = o.lines as unknown[];
    if (!Array.isArray(r) || r.length !== 2 || !r.every((n) => Number.isInteger(n)) || (r[0] as number) > (o.line as number) || (r[1] as number) < (o.line as number)) {
      throw new CorpusError(`${where}: ${o.file}:${o.line}: lines must be [a, b] with a <= line <= b`);
    }
  }
  return o as unknown as Label;
}

export interface Workspace {
  name: string;
  root: string;
  expected: Expected;
}

export const DEFAULT_CORPUS = path.join(__dirname, '..', '..', 'test', 'corpus');

/** Load and check every workspace of the corpus (labels must point at real lines holding their `text`). */
export async function loadCorpus(corpusDir = DEFAULT_CORPUS, only?: string[]): Promise<Workspace[]> {
  const out: Workspace[] = [];
  const names = fs.readdirSync(corpusDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const name of names) {
    if (only?.length && !only.includes(name)) continue;
    const dir = path.join(corpusDir, name);
    const expFile = path.join(dir, 'expected.yaml');
    const root = path.join(dir, 'workspace');
    if (!fs.existsSync(expFile) || !fs.existsSync(root)) throw new CorpusError(`${name}: needs expected.yaml and workspace/`);
    const raw = (parseYaml(fs.readFileSync(expFile, 'utf8')) ?? {}) as Record<string, unknown>;
    const where = path.relative(process.cwd(), expFile);
    const expected: Expected = {
      findings: ((raw.findings as unknown[]) ?? []).map((l) => checkLabel(l, where, false)),
      informational: ((raw.informational as unknown[]) ?? []).map((l) => checkLabel(l, where, true)),
      notes: typeof raw.notes === 'string' ? raw.notes : undefined,
    };
    const seen = new Set<string>();
    const texts = new Map<string, string[]>();
    for (const l of [...expected.findings, ...expected.informational]) {
      l.workspace = name;
      const key = `${l.file}:${l.line}:${l.provider}`;
      if (seen.has(key)) throw new CorpusError(`${where}: duplicate label ${key}`);
      seen.add(key);
      let lines = texts.get(l.file);
      if (!lines) {
        const abs = path.join(root, l.file);
        if (!fs.existsSync(abs)) throw new CorpusError(`${where}: no such file ${l.file}`);
        const text = fs.readFileSync(abs, 'utf8');
        lines = text.split(/\r?\n/);
        texts.set(l.file, lines);
        const artifact = await inferArtifact(l.file, text);
        for (const m of [...expected.findings, ...expected.informational]) if (m.file === l.file && !m.artifact && artifact) m.artifact = artifact;
      }
      const [a, b] = range(l);
      if (b > lines.length) throw new CorpusError(`${where}: ${key} is past the end of the file (${lines.length} lines)`);
      if (l.text !== undefined && !lines.slice(a - 1, b).some((s) => s.includes(l.text!))) {
        throw new CorpusError(`${where}: ${key}: "${l.text}" is not on line ${a === b ? a : `${a}-${b}`} (found: ${lines[l.line - 1].trim().slice(0, 80)})`);
      }
    }
    out.push({ name, root, expected });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running and reporting

export interface QualityReport {
  workspaces: WorkspaceResult[];
  tally: Tally;
  files: number;
  labels: number;
  /** Files the engine skipped (a label in one of them can never be found). */
  skipped: string[];
}

export function toObserved(workspace: string, f: Finding): Observed {
  return { workspace, file: f.file, line: f.range.startLine, provider: f.provider, ruleId: f.ruleId, artifact: f.artifact };
}

/** Scan every workspace with default settings (inline suppressions off: the corpus has none to honour) and score it. */
export async function runQuality(corpusDir = DEFAULT_CORPUS, only?: string[]): Promise<QualityReport> {
  const workspaces = await loadCorpus(corpusDir, only);
  const results: WorkspaceResult[] = [];
  let files = 0;
  const skipped: string[] = [];
  for (const ws of workspaces) {
    const r = await scan([ws.root], { overrides: { inlineSuppressions: false } });
    files += r.summary.filesScanned + r.summary.filesSkipped;
    for (const s of r.skipped) skipped.push(`${ws.name}/${s.file}: ${s.reason} (${s.detail})`);
    const findings = [...r.findings, ...r.suppressed].map((f) => toObserved(ws.name, f));
    results.push(matchWorkspace(ws.name, ws.expected, findings));
  }
  const labels = workspaces.reduce((n, w) => n + w.expected.findings.length, 0);
  return { workspaces: results, tally: tally(results), files, labels, skipped };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(title: string, rows: Record<string, Counts>): string[] {
  const head = [title.padEnd(30), 'labels', 'found', '  TP', '  FP', '  FN', 'precision', 'recall'];
  const out = [head.join('  ')];
  for (const [k, c] of Object.entries(rows)) {
    out.push([k.padEnd(30), String(c.labels).padStart(6), String(c.findings).padStart(5), String(c.tp).padStart(4), String(c.fp).padStart(4), String(c.fn).padStart(4), (c.findings ? pct(c.precision) : 'n/a').padStart(9), (c.labels ? pct(c.recall) : 'n/a').padStart(6)].join('  '));
  }
  return out;
}

export function renderReport(report: QualityReport, minPrecision = MIN_PRECISION, minRecall = MIN_RECALL): string {
  const t = report.tally;
  const lines: string[] = [];
  lines.push(`Corpus: ${report.workspaces.length} workspaces, ${report.files} files read by the engine, ${report.labels} labelled locations`);
  lines.push('');
  lines.push(...table('provider', t.byProvider));
  lines.push('');
  lines.push(...table('artifact', t.byArtifact));
  lines.push('');
  lines.push(...table('workspace', Object.fromEntries(report.workspaces.map((w) => [w.workspace, tally([w]).overall]))));
  lines.push('');
  lines.push(...table('overall', { overall: t.overall }));
  const byLoc = (a: { file: string; line: number }, b: { file: string; line: number }) => a.file.localeCompare(b.file) || a.line - b.line;
  const fp = report.workspaces.flatMap((w) => [...w.falsePositives].sort(byLoc).map((f) => `  ${w.workspace}/${f.file}:${f.line} ${f.provider} ${f.ruleId}`));
  const fn = report.workspaces.flatMap((w) => [...w.falseNegatives].sort(byLoc).map((l) => `  ${w.workspace}/${l.file}:${l.line} ${l.provider}${l.service ? ` (${l.service})` : ''}${l.artifact ? ` [${l.artifact}]` : ''}`));
  if (report.skipped.length) lines.push('', `Skipped by the engine (${report.skipped.length}):`, ...report.skipped.map((s) => `  ${s}`));
  lines.push('', `False positives (${fp.length}):`, ...(fp.length ? fp : ['  none']));
  lines.push('', `False negatives (${fn.length}):`, ...(fn.length ? fn : ['  none']));
  const im = report.workspaces.reduce((n, w) => n + w.informational.matched.length, 0);
  const il = report.workspaces.reduce((n, w) => n + w.informational.matched.length + w.informational.missed.length, 0);
  const iu = report.workspaces.flatMap((w) => w.informational.unlabelled.map((f) => `  ${w.workspace}/${f.file}:${f.line} ${f.ruleId}`));
  lines.push('', `Informational (google-ai, not scored): ${im}/${il} labelled locations reported; ${iu.length} unlabelled`, ...iu);
  const ok = t.overall.precision >= minPrecision && t.overall.recall >= minRecall;
  lines.push('', `${ok ? 'PASS' : 'FAIL'}: precision ${pct(t.overall.precision)} (min ${pct(minPrecision)}), recall ${pct(t.overall.recall)} (min ${pct(minRecall)})`);
  return lines.join('\n');
}

export function passes(t: Tally, minPrecision = MIN_PRECISION, minRecall = MIN_RECALL): boolean {
  return t.overall.precision >= minPrecision && t.overall.recall >= minRecall;
}

interface Args {
  minPrecision: number;
  minRecall: number;
  corpus: string;
  only: string[];
  json: boolean;
}

export function parseArgs(argv: string[]): Args {
  const a: Args = { minPrecision: MIN_PRECISION, minRecall: MIN_RECALL, corpus: DEFAULT_CORPUS, only: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const ratio = (v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${arg} must be a number between 0 and 1`);
      return n;
    };
    if (arg === '--min-precision') a.minPrecision = ratio(next());
    else if (arg === '--min-recall') a.minRecall = ratio(next());
    else if (arg === '--corpus') a.corpus = path.resolve(next());
    else if (arg === '--only') a.only.push(...next().split(','));
    else if (arg === '--json') a.json = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return a;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`quality: ${(e as Error).message}\n`);
    return 2;
  }
  let report: QualityReport;
  try {
    report = await runQuality(args.corpus, args.only);
  } catch (e) {
    if (e instanceof CorpusError) {
      process.stderr.write(`quality: corpus error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.json) process.stdout.write(JSON.stringify({ tally: report.tally, workspaces: report.workspaces }, null, 2) + '\n');
  else process.stdout.write(renderReport(report, args.minPrecision, args.minRecall) + '\n');
  return passes(report.tally, args.minPrecision, args.minRecall) ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`quality: ${(e as Error).stack ?? e}\n`);
      process.exit(2);
    },
  );
}
