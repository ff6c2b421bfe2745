/**
 * Per-line text a finding needs (snippet, normalised line, fingerprint), computed once per line
 * and rule rather than once per finding: a minified or generated file can put thousands of
 * findings on one line of megabytes, and per-finding work on the whole line was quadratic
 * (20,000 package references on one 1 MB line took two minutes). Fingerprints are unchanged:
 * sha256(`${ruleId}\0${file}\0${normalisedLine}\0${occurrence}`), hashed incrementally.
 */
import { createHash, type Hash } from 'crypto';
import type { LineIndex } from './lines';

export interface LineFacts {
  /** The line trimmed, at most 200 characters. */
  snippet: string;
  /** Whitespace runs collapsed, trimmed: what fingerprints hash. */
  norm: string;
}

export class LineTexts {
  private readonly byLine = new Map<number, LineFacts>();
  private readonly prefixes = new Map<string, Map<number, Hash>>();
  /** Occurrences per rule of each normalised line (identical lines are told apart by order). */
  private readonly occurrences = new Map<string, Map<string, number>>();

  constructor(private readonly lines: LineIndex, private readonly file: string) {}

  line(line0: number): LineFacts {
    let f = this.byLine.get(line0);
    if (!f) {
      const text = this.lines.lineText(line0);
      f = { snippet: text.trim().slice(0, 200), norm: text.replace(/\s+/g, ' ').trim() };
      this.byLine.set(line0, f);
    }
    return f;
  }

  /** The next occurrence number of this rule on a line with this normalised text (1-based). */
  nextOccurrence(ruleId: string, norm: string): number {
    let m = this.occurrences.get(ruleId);
    if (!m) this.occurrences.set(ruleId, (m = new Map()));
    const n = (m.get(norm) ?? 0) + 1;
    m.set(norm, n);
    return n;
  }

  fingerprint(ruleId: string, line0: number, occurrence: number): string {
    let perLine = this.prefixes.get(ruleId);
    if (!perLine) this.prefixes.set(ruleId, (perLine = new Map()));
    let h = perLine.get(line0);
    if (!h) {
      h = createHash('sha256').update(`${ruleId}\0${this.file}\0`).update(this.line(line0).norm).update('\0');
      perLine.set(line0, h);
    }
    return h.copy().update(String(occurrence)).digest('hex').slice(0, 32);
  }
}
