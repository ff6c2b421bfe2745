/**
 * `node out/bench/editor.js [--rounds N]`: where the editor's re-scan of one 5,000-line file after
 * an edit spends its time. The file and the 200 edits are those of `editorLatency()` in run.ts.
 * Each round replays the edits and times, per edit:
 *   - end to end: `Engine({ incremental: true }).scanText` (what the editor calls);
 *   - the engine's passes: NUL test, the keyword re-scan around the edit, bracket guard, line
 *     index, directives;
 *   - the Python segment path (analyzers/segments.ts): changed span, region plan, the region's
 *     parse, the analyzer as a whole;
 *   - for reference, the whole-document path: the edit, `tree.edit`, incremental re-parse
 *     (with and without the progress callback), a full parse, the walk of the whole tree;
 * and prints per phase the median over rounds of each phase's p50 and p95 over the 200 edits.
 * The machine may be shared: rounds alternate and medians are reported.
 */
import { Engine } from '../src/core';
import { ANALYZERS } from '../src/core/analyzers';
import { preParseCheck, ParseBudget } from '../src/core/guard';
import { PYTHON } from '../src/core/analyzers/python';
import { planRegion } from '../src/core/analyzers/segments';
import { changedSpan } from '../src/core/util/span';
import { analyzeSource, type SourceLanguage } from '../src/core/analyzers/source';
import { editOf, getParser, type Tree } from '../src/core/parsers/treesitter';
import { parseDirectives } from '../src/core/suppress';
import { LineIndex } from '../src/core/util/lines';

export const EDITOR_FILE = 'app/service.py';
export const EDITOR_LINES = 5000;
export const EDITOR_EDITS = 200;

/** The 5,000 lines of the editor benchmark's Python file, before any edit. */
export function editorFile(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < EDITOR_LINES; i++) lines.push(i % 500 === 0 ? 'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com")' : `value_${i} = compute(${i}, "plain text ${i}")  # comment ${i}`);
  return lines;
}

/** Edit `e` (0-based) of the sequence: append a comment to another line each time; edits accumulate. */
export function editorEdit(lines: string[], e: number): void {
  const at = (e * 37) % lines.length;
  lines[at] = `${lines[at]} # edit ${e}`;
}

/** The texts after each edit (the first element is the text before any edit). */
export function editorTexts(): string[] {
  const lines = editorFile();
  const out = [lines.join('\n')];
  for (let e = 0; e < EDITOR_EDITS; e++) {
    editorEdit(lines, e);
    out.push(lines.join('\n'));
  }
  return out;
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
const now = () => process.hrtime.bigint();
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** End to end: the editor's call after each edit, p50/p95 over the edits. */
export async function endToEnd(texts = editorTexts()): Promise<number[]> {
  const engine = new Engine({ incremental: true });
  await engine.scanText(EDITOR_FILE, texts[0]);
  const times: number[] = [];
  for (let e = 1; e < texts.length; e++) {
    const t0 = now();
    await engine.scanText(EDITOR_FILE, texts[e]);
    times.push(ms(t0));
  }
  engine.forget(EDITOR_FILE);
  return times;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

type Phases = Record<string, number[]>;

/** The phases of one replay of the edits. */
async function phases(texts: string[]): Promise<Phases> {
  const engine = new Engine();
  const prefilter = engine.prefilter;
  const parser = await getParser('python');
  const out: Phases = {};
  const rec = (k: string, v: number) => (out[k] ??= []).push(v);
  const analyze = ANALYZERS.python!;
  const wholeDocument: SourceLanguage = { ...PYTHON, boundary: undefined };
  let tree: Tree = parser.parse(texts[0])!;
  let treePlain: Tree = parser.parse(texts[0])!;
  const key = `bench-segments-${process.hrtime.bigint()}`;
  const keyWhole = `${key}-whole`;
  let scanned = prefilter.scanText(texts[0]);
  await analyze({ path: EDITOR_FILE, text: texts[0], focus: scanned.hits, cacheKey: key });
  let hitsBefore = scanned.hits;
  for (let e = 1; e < texts.length; e++) {
    const before = texts[e - 1];
    const text = texts[e];
    // the engine's passes over the whole text (a text that spells a keyword skips mayMatch)
    let t0 = now();
    text.includes('\0');
    rec('engine: NUL test', ms(t0));
    t0 = now();
    preParseCheck(text);
    rec('engine: guard preParseCheck', ms(t0));
    t0 = now();
    scanned = prefilter.scanEdited(scanned, text);
    const { hits } = scanned;
    rec('engine: keyword re-scan around the edit (scanEdited)', ms(t0));
    t0 = now();
    const lines = new LineIndex(text);
    rec('engine: LineIndex', ms(t0));
    t0 = now();
    parseDirectives(text, lines);
    rec('engine: parseDirectives', ms(t0));
    // the segment path (every line of this file starts a segment)
    t0 = now();
    changedSpan(before, text);
    rec('segments: changed span (prefix + suffix)', ms(t0));
    t0 = now();
    const plan = planRegion({ text: before, focus: hitsBefore, starts: lineStarts(before), atoms: [] }, text, hits, PYTHON.boundary!);
    rec('segments: line starts + planRegion (bench only)', ms(t0));
    if (plan) {
      const region = text.slice(plan.start, plan.end);
      t0 = now();
      parser.parse(region)!.delete();
      rec('segments: parse of the edited region', ms(t0));
    }
    t0 = now();
    await analyze({ path: EDITOR_FILE, text, focus: hits, cacheKey: key });
    rec('segments: python analyzer (span, region parse, walk, splice)', ms(t0));
    hitsBefore = hits;
    // the whole-document path, for reference
    t0 = now();
    const edit = editOf(before, text);
    rec('whole document: edit (changed span, row/column walk)', ms(t0));
    t0 = now();
    tree.edit(edit);
    rec('whole document: tree.edit', ms(t0));
    t0 = now();
    const budget = new ParseBudget('bench');
    rec('whole document: ParseBudget (process.memoryUsage)', ms(t0));
    t0 = now();
    const next = parser.parse(text, tree, { progressCallback: budget.progress })!;
    rec('whole document: incremental parse (progress callback)', ms(t0));
    tree.delete();
    tree = next;
    treePlain.edit(edit);
    t0 = now();
    const nextPlain = parser.parse(text, treePlain)!;
    rec('whole document: incremental parse (no callback)', ms(t0));
    treePlain.delete();
    treePlain = nextPlain;
    if (e % 10 === 0) {
      t0 = now();
      parser.parse(text)!.delete();
      rec('whole document: full parse (every 10th edit)', ms(t0));
      // the walk of the whole kept tree: the second call finds the tree parsed for this text
      await analyzeSource(wholeDocument, text, hits, keyWhole);
      t0 = now();
      await analyzeSource(wholeDocument, text, hits, keyWhole);
      rec('whole document: analyzer walk, focus (every 10th edit)', ms(t0));
    }
  }
  tree.delete();
  treePlain.delete();
  engine.forget(key);
  engine.forget(keyWhole);
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const rounds = Number(args[args.indexOf('--rounds') + 1]) || 5;
  const texts = editorTexts();
  const e2e: { p50: number; p95: number }[] = [];
  const all: Record<string, { p50: number[]; p95: number[] }> = {};
  await endToEnd(texts); // warm up
  for (let r = 0; r < rounds; r++) {
    const t = await endToEnd(texts);
    e2e.push({ p50: pct(t, 50), p95: pct(t, 95) });
    const ph = await phases(texts);
    for (const [k, v] of Object.entries(ph)) {
      const a = (all[k] ??= { p50: [], p95: [] });
      a.p50.push(pct(v, 50));
      a.p95.push(pct(v, 95));
    }
  }
  const f = (x: number) => x.toFixed(3).padStart(8);
  console.log(`editor: ${EDITOR_LINES}-line ${EDITOR_FILE}, ${EDITOR_EDITS} edits, ${rounds} rounds (medians over rounds)`);
  console.log(`${'end to end: Engine({ incremental: true }).scanText'.padEnd(64)} p50 ${f(median(e2e.map((x) => x.p50)))} ms  p95 ${f(median(e2e.map((x) => x.p95)))} ms   (rounds p95: ${e2e.map((x) => x.p95.toFixed(2)).join(', ')})`);
  for (const [k, v] of Object.entries(all)) console.log(`${k.padEnd(64)} p50 ${f(median(v.p50))} ms  p95 ${f(median(v.p95))} ms`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`bench: ${(e as Error).stack ?? e}`);
    process.exitCode = 1;
  });
}
