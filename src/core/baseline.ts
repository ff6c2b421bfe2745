/**
 * Baselines: a committed file of accepted findings, so that CI reports only what is new.
 *
 * Entries are matched by `Finding.fingerprint` (rule, file, the finding's line text with
 * whitespace normalised, and its occurrence among identical lines), which does not change when
 * code moves up or down. Matching is a multiset: an entry accepts one finding, so a second copy of
 * an accepted line is new. Matched findings become suppressed with kind `baseline`: counted in
 * every report, never dropped. The file is JSON, sorted and indented so that diffs are reviewable.
 */
import * as fs from 'fs';
import * as path from 'path';
import { summarize } from './scan';
import type { Finding, ScanResult } from './types';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** Where the finding was when the baseline was written; informational, not matched. */
  line: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: { name: string; version: string };
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || a.line - b.line || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A baseline accepting every active finding of `result` and every finding it already suppressed by baseline. */
export function createBaseline(result: ScanResult): Baseline {
  const accepted = [...result.findings, ...result.suppressed.filter((f) => f.suppression?.kind === 'baseline')];
  return {
    version: BASELINE_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    entries: accepted.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, line: f.range.startLine })).sort(compareEntries),
  };
}

/** Stable text: fixed key order, sorted entries, one entry per line, trailing newline. */
export function serializeBaseline(b: Baseline): string {
  const entries = [...b.entries].sort(compareEntries).map((e) => `    ${JSON.stringify({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file, line: e.line })}`);
  return `{\n  "version": ${b.version},\n  "tool": ${JSON.stringify({ name: b.tool.name, version: b.tool.version })},\n  "entries": [${entries.length ? `\n${entries.join(',\n')}\n  ` : ''}]\n}\n`;
}

export function parseBaseline(text: string, file: string): Baseline {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`baseline ${file} is not valid JSON (${(e as Error).message}): fix it, or write a new one with --write-baseline ${file}`);
  }
  const o = v as Partial<Baseline>;
  if (!o || typeof o !== 'object' || o.version !== BASELINE_VERSION || !Array.isArray(o.entries)) {
    throw new BaselineError(`baseline ${file} is not an ai-lockin-audit baseline of version ${BASELINE_VERSION}: write a new one with --write-baseline ${file}`);
  }
  o.entries.forEach((e, i) => {
    if (!e || typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string' || typeof e.file !== 'string') {
      throw new BaselineError(`baseline ${file}: entry ${i + 1} needs "fingerprint", "ruleId" and "file" strings: fix it, or write a new baseline with --write-baseline ${file}`);
    }
  });
  return { version: BASELINE_VERSION, tool: o.tool ?? { name: 'ai-lockin-audit', version: 'unknown' }, entries: o.entries };
}

export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(
      code === 'ENOENT'
        ? `baseline ${file} does not exist: create it with --write-baseline ${file}, or check the path (relative to ${process.cwd()})`
        : `cannot read baseline ${file} (${code ?? (e as Error).message}): check its permissions`,
    );
  }
  return parseBaseline(text, file);
}

export function writeBaseline(file: string, b: Baseline): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, serializeBaseline(b));
  } catch (e) {
    throw new BaselineError(`cannot write baseline ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): choose a writable path`);
  }
}

export interface BaselineOutcome {
  result: ScanResult;
  /** Findings the baseline accepted. */
  matched: number;
  /** Entries that matched nothing (fixed or changed code). */
  stale: number;
  entries: number;
}

/** Move the active findings the baseline accepts to `suppressed` (kind `baseline`). */
export function applyBaseline(result: ScanResult, baseline: Baseline, file: string): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(e.fingerprint, (remaining.get(e.fingerprint) ?? 0) + 1);
  const findings: Finding[] = [];
  const newlySuppressed: Finding[] = [];
  for (const f of result.findings) {
    const n = remaining.get(f.fingerprint) ?? 0;
    if (n > 0) {
      remaining.set(f.fingerprint, n - 1);
      newlySuppressed.push({ ...f, suppression: { kind: 'baseline', reason: `accepted in baseline ${file}` } });
    } else findings.push(f);
  }
  const stale = [...remaining.values()].reduce((a, b) => a + b, 0);
  const suppressed = [...result.suppressed, ...newlySuppressed].sort((a, b) => cmp(a.file, b.file) || a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn || cmp(a.ruleId, b.ruleId));
  const s = result.summary;
  return {
    result: { ...result, findings, suppressed, summary: summarize(findings, suppressed.length, s.filesScanned, s.filesSkipped) },
    matched: newlySuppressed.length,
    stale,
    entries: baseline.entries.length,
  };
}
