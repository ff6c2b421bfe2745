/**
 * Findings to Problems-panel diagnostics, and the controller that lints open documents: debounced
 * on edit, at once on open and save, results of stale runs dropped, one file's failure never
 * touching another file's diagnostics. Pure (no `vscode`): the adapter supplies a Sink.
 */
import type { FileDiagnostic, FileResult, Finding, Severity } from '../core/types';
import type { FileEntry, FindingsStore } from './store';

export const SOURCE = 'ai-lockin-audit';

/**
 * How engine severities show in the Problems panel: error -> Error, warning -> Warning,
 * note -> Information. Suppression problems (a directive without a reason, an unknown rule in a
 * directive) are Warnings; parse problems are Hints.
 */
export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITY_MAP: Record<Severity, ProblemSeverity> = { error: 'error', warning: 'warning', note: 'information' };

export interface Range0 {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface DiagnosticData {
  range: Range0;
  message: string;
  severity: ProblemSeverity;
  source: string;
  /** Rule id (or engine diagnostic code) and, for rules, the docs target URI. */
  code: { value: string; target?: string };
  /** Fingerprint of the finding, to find it again for hovers and code actions. */
  fingerprint?: string;
}

/** Engine ranges are 1-based with an exclusive end column; editor ranges are 0-based. */
export function toRange0(r: { startLine: number; startColumn: number; endLine: number; endColumn: number }): Range0 {
  const startLine = Math.max(0, r.startLine - 1);
  const startCharacter = Math.max(0, r.startColumn - 1);
  const endLine = Math.max(startLine, r.endLine - 1);
  let endCharacter = Math.max(0, r.endColumn - 1);
  if (endLine === startLine && endCharacter < startCharacter) endCharacter = startCharacter;
  return { startLine, startCharacter, endLine, endCharacter };
}

export function findingToDiagnostic(f: Finding, docsTarget: (ruleId: string) => string | undefined): DiagnosticData {
  const target = docsTarget(f.ruleId);
  return {
    range: toRange0(f.range),
    message: f.message,
    severity: SEVERITY_MAP[f.severity],
    source: SOURCE,
    code: target ? { value: f.ruleId, target } : { value: f.ruleId },
    fingerprint: f.fingerprint,
  };
}

export function fileDiagnosticToDiagnostic(d: FileDiagnostic): DiagnosticData {
  return { range: toRange0(d.range), message: d.message, severity: d.code === 'parse-error' ? 'hint' : 'warning', source: SOURCE, code: { value: d.code } };
}

const RANK: Record<ProblemSeverity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The diagnostics of one file: active findings (suppressed ones are not problems), then
 * suppression problems, never more than `max` in all. When some are left out, the last slot says
 * how many.
 */
export function diagnosticsFor(result: FileResult, max: number, docsTarget: (ruleId: string) => string | undefined): DiagnosticData[] {
  const all = [
    ...result.findings.filter((f) => !f.suppression).map((f) => findingToDiagnostic(f, docsTarget)),
    ...result.diagnostics.map(fileDiagnosticToDiagnostic),
  ];
  all.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.range.startLine - b.range.startLine || a.range.startCharacter - b.range.startCharacter);
  const cap = Math.max(1, Math.floor(max));
  if (all.length <= cap) return all.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCharacter - b.range.startCharacter);
  const kept = all.slice(0, cap - 1).sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCharacter - b.range.startCharacter);
  kept.push({
    range: { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 },
    message: `${all.length - kept.length} more AI lock-in problem(s) in this file are not shown (setting aiLockinAudit.maxProblemsPerFile is ${cap}); the report lists them all.`,
    severity: 'information',
    source: SOURCE,
    code: { value: 'too-many-problems' },
  });
  return kept;
}

export interface Sink {
  set(uri: string, diagnostics: DiagnosticData[]): void;
  delete(uri: string): void;
  clear(): void;
}

export interface LintOutcome {
  entry: FileEntry;
  maxProblems: number;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ControllerDeps {
  sink: Sink;
  store: FindingsStore;
  /** Lint one document by URI; undefined when the file is not served (closed, disabled, excluded, not a kind the engine reads). */
  lint(uri: string): Promise<LintOutcome | undefined>;
  /** One line to the output channel. */
  log(message: string): void;
  docsTarget(ruleId: string): string | undefined;
  timers?: Timers;
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

export class DiagnosticsController {
  private readonly timers: Timers;
  private readonly pending = new Map<string, unknown>();
  private readonly generation = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  private disposed = false;
  /** Lint runs started (for tests and the output channel's statistics). */
  runs = 0;

  constructor(private readonly deps: ControllerDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  private bump(uri: string): number {
    const g = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, g);
    return g;
  }

  /** Lint after `delayMs` without further calls for the same URI (edits). */
  schedule(uri: string, delayMs: number): void {
    if (this.disposed) return;
    this.cancelTimer(uri);
    this.bump(uri);
    if (delayMs <= 0) {
      void this.lintNow(uri);
      return;
    }
    const h = this.timers.set(() => {
      this.pending.delete(uri);
      void this.lintNow(uri);
    }, delayMs);
    this.pending.set(uri, h);
  }

  private cancelTimer(uri: string): void {
    const h = this.pending.get(uri);
    if (h !== undefined) {
      this.timers.clear(h);
      this.pending.delete(uri);
    }
  }

  /** Lint at once (open, save, settings change). Resolves when the result is applied or dropped. */
  lintNow(uri: string): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.cancelTimer(uri);
    const gen = this.bump(uri);
    this.runs++;
    const p = this.run(uri, gen);
    this.running.set(uri, p);
    void p.finally(() => {
      if (this.running.get(uri) === p) this.running.delete(uri);
    });
    return p;
  }

  private async run(uri: string, gen: number): Promise<void> {
    let outcome: LintOutcome | undefined;
    try {
      outcome = await this.deps.lint(uri);
    } catch (e) {
      if (this.generation.get(uri) !== gen || this.disposed) return;
      const err = e as Error;
      this.deps.log(`[error] ${uri}: ${(err && err.message) || String(e)}`.split('\n')[0]);
      this.forget(uri);
      return;
    }
    if (this.generation.get(uri) !== gen || this.disposed) return; // a newer run or a close superseded this one
    if (!outcome) {
      this.forget(uri);
      return;
    }
    const { entry, maxProblems } = outcome;
    if (entry.result.skipped) this.deps.log(`[skip] ${entry.rel}: ${entry.result.skipped.reason} (${entry.result.skipped.detail})`);
    this.deps.store.set(entry);
    this.deps.sink.set(uri, diagnosticsFor(entry.result, maxProblems, this.deps.docsTarget));
  }

  /** Show the store's entry (audit results) in the Problems panel. */
  publish(entry: FileEntry, maxProblems: number): void {
    this.deps.sink.set(entry.uri, diagnosticsFor(entry.result, maxProblems, this.deps.docsTarget));
  }

  private forget(uri: string): void {
    this.deps.store.delete(uri);
    this.deps.sink.delete(uri);
  }

  /** A document closed: its pending and running lints are dropped and its problems removed. */
  close(uri: string): void {
    this.cancelTimer(uri);
    this.bump(uri);
    this.forget(uri);
  }

  /** Wait for the lints running now (tests, commands that need fresh results). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  hasPending(uri: string): boolean {
    return this.pending.has(uri) || this.running.has(uri);
  }

  clearAll(): void {
    for (const uri of [...this.pending.keys()]) this.cancelTimer(uri);
    for (const uri of [...this.generation.keys()]) this.bump(uri);
    this.deps.sink.clear();
  }

  dispose(): void {
    this.clearAll();
    this.disposed = true;
  }
}
