/**
 * Guards against hostile input: cheap checks before any parser runs, and budgets while a parser
 * runs, so that no file can crash the engine, exhaust the stack, or take the process's memory.
 *
 * - `preParseCheck`: one linear pass over the text measuring bracket nesting. Recursive parsers
 *   and converters (jsonc-parser, `yaml` flow collections, tree-sitter error recovery) cost stack
 *   or memory in proportion to nesting; real files nest a few dozen levels, so a file nested past
 *   `MAX_NESTING` is skipped as `too-complex` instead of parsed.
 * - `ParseBudget`: a tree-sitter progress callback that cancels a parse running longer than
 *   `PARSE_TIME_BUDGET_MS` (`timeout`) or growing the process's external (WASM) memory by more than
 *   `PARSE_MEMORY_BUDGET_BYTES` (`too-complex`). The WASM heap of web-tree-sitter can never shrink
 *   and an allocation failure aborts the WASM instance for the rest of the process, so the parse
 *   must stop well before that.
 * - `TooComplexError`: thrown by parsers when a budget is exceeded; the engine turns it into a skip
 *   with its reason.
 */
import type { SkipReason } from './types';

/** Deepest bracket nesting ((, [, {) a file may have before it is skipped. */
export const MAX_NESTING = 1000;
/** Largest text (UTF-16 code units) handed to a tree-sitter grammar. */
export const TREE_SITTER_MAX_CHARS = 4 * 1024 * 1024;
/** Wall-clock budget of one tree-sitter parse. */
export const PARSE_TIME_BUDGET_MS = 10_000;
/** Growth of external memory (the WASM heap) one tree-sitter parse may cause. */
export const PARSE_MEMORY_BUDGET_BYTES = 768 * 1024 * 1024;

export class TooComplexError extends Error {
  constructor(readonly reason: Extract<SkipReason, 'too-complex' | 'timeout'>, message: string) {
    super(message);
    this.name = 'TooComplexError';
  }
}

/** A reason not to parse this text at all, or undefined. Linear time, no allocation. */
export function preParseCheck(text: string): { reason: SkipReason; detail: string } | undefined {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ( [ {  and  ) ] }
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        if (max > MAX_NESTING) {
          return { reason: 'too-complex', detail: `brackets nest more than ${MAX_NESTING} levels deep (at offset ${i}); not parsed` };
        }
      }
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/**
 * The budgets in force for every tree-sitter parse of this process. A host may lower them (an
 * editor scanning on each keystroke wants a shorter time budget than a CI run): some grammars'
 * error recovery is superlinear, e.g. 8 KB of `<!--` in a .go file takes seconds to parse.
 */
export const parseBudgets = {
  timeMs: PARSE_TIME_BUDGET_MS,
  memoryBytes: PARSE_MEMORY_BUDGET_BYTES,
  /** After this long, a parse advancing slower than `minBytesPerMs` is an error-recovery storm: cancelled as too-complex. */
  slowAfterMs: 2000,
  /** 64 bytes/ms = 64 KB/s; healthy parses run at megabytes per second. */
  minBytesPerMs: 64,
};

/** Progress callback for tree-sitter's `parse` that enforces the time and memory budgets. */
export class ParseBudget {
  private readonly t0 = Date.now();
  /** Memory outside the JS heap (WASM) 16 ms into the parse: read then, not at the start (process.memoryUsage is not free, and most parses end sooner). */
  private external0 = -1;
  /** Set when the parse was cancelled: why. */
  exceeded?: TooComplexError;

  constructor(private readonly label: string, private readonly timeMs = parseBudgets.timeMs, private readonly memoryBytes = parseBudgets.memoryBytes) {}

  /** Returns true to cancel the parse. Checks are throttled: the callback runs thousands of times per second. */
  private maxOffset = 0;

  private lastMemoryCheck = 0;

  readonly progress = (state?: { currentOffset: number }): boolean => {
    if (this.exceeded) return true;
    if (state && state.currentOffset > this.maxOffset) this.maxOffset = state.currentOffset;
    // the callback's frequency depends on the input (whitespace runs call it rarely): time is
    // checked on every call, memory (a costlier call) at most every 16 ms
    const ms = Date.now() - this.t0;
    if (ms > this.timeMs) {
      this.exceeded = new TooComplexError('timeout', `${this.label}: parse cancelled after ${ms} ms (budget ${this.timeMs} ms)`);
      return true;
    }
    if (ms > parseBudgets.slowAfterMs && this.maxOffset / ms < parseBudgets.minBytesPerMs) {
      this.exceeded = new TooComplexError('too-complex', `${this.label}: parse cancelled: ${this.maxOffset} bytes in ${ms} ms (error recovery storm)`);
      return true;
    }
    if (ms < 16) return false;
    if (this.external0 < 0) {
      // the baseline is taken 16 ms into the parse: what the first milliseconds allocate is not counted
      this.external0 = process.memoryUsage().external;
      this.lastMemoryCheck = ms;
      return false;
    }
    if (ms - this.lastMemoryCheck < 16) return false;
    this.lastMemoryCheck = ms;
    const grown = process.memoryUsage().external - this.external0;
    if (grown > this.memoryBytes) {
      this.exceeded = new TooComplexError('too-complex', `${this.label}: parse cancelled after using ${Math.round(grown / 1048576)} MiB (budget ${Math.round(this.memoryBytes / 1048576)} MiB)`);
      return true;
    }
    return false;
  };
}
