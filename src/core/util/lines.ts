import type { Range } from '../types';

/** Maps UTF-16 offsets of a text to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line0: number): number {
    return this.starts[line0];
  }

  /** Text of a 0-based line without its line break. */
  lineText(line0: number): string {
    const s = this.starts[line0];
    const e = line0 + 1 < this.starts.length ? this.starts[line0 + 1] - 1 : this.text.length;
    const t = this.text.slice(s, e);
    return t.endsWith('\r') ? t.slice(0, -1) : t;
  }

  range(start: number, end: number): Range {
    const l1 = this.lineOf(start);
    const l2 = this.lineOf(Math.max(start, end));
    return {
      startLine: l1 + 1,
      startColumn: start - this.starts[l1] + 1,
      endLine: l2 + 1,
      endColumn: Math.max(start, end) - this.starts[l2] + 1,
    };
  }
}
