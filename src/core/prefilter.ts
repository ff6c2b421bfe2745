/**
 * The keyword prefilter: a file none of whose bytes spell a rule keyword (case-insensitive) is
 * never parsed. One regular expression over the union of the rules' keywords.
 */
import type { Rule } from './types';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Prefilter {
  readonly keywords: string[];
  private readonly any: RegExp;
  private readonly all: RegExp;

  constructor(rules: readonly Rule[]) {
    // longest first so that alternation prefers the longer keyword
    this.keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length || a.localeCompare(b));
    const alt = this.keywords.map(escape).join('|') || '(?!)';
    this.any = new RegExp(alt, 'i');
    this.all = new RegExp(alt, 'gi');
  }

  mayMatch(text: string): boolean {
    return this.any.test(text);
  }

  /** The keywords present in a text (lowercase). Overlapping keywords are found through their containing match too. */
  keywordsIn(text: string): Set<string> {
    return this.scan(text).keywords;
  }

  /**
   * One pass: the keywords present, and where they occur as sorted `[start, end, start, end, ...]`
   * offsets, which analyzers use to skip subtrees that hold no keyword.
   */
  scan(text: string): { keywords: Set<string>; hits: number[] } {
    const keywords = new Set<string>();
    const hits: number[] = [];
    const seen = new Set<string>();
    this.all.lastIndex = 0;
    for (let m = this.all.exec(text); m; m = this.all.exec(text)) {
      hits.push(m.index, m.index + m[0].length);
      const w = m[0].toLowerCase();
      if (seen.has(w)) continue;
      seen.add(w);
      keywords.add(w);
      for (const k of this.keywords) if (k.length < w.length && w.includes(k)) keywords.add(k);
    }
    return { keywords, hits };
  }
}
