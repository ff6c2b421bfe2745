/**
 * The keyword prefilter: a file none of whose bytes spell a rule keyword (case-insensitive) is
 * never parsed. One regular expression over the union of the rules' keywords.
 */
import type { Rule } from './types';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression source matching any of `words`, factored as a trie (`a(?:b|c)`): fewer alternatives to try at each position. */
export function trieSource(words: readonly string[]): string {
  interface T {
    [c: string]: T;
  }
  const root: T = {};
  const END = '\0';
  for (const w of words) {
    let n = root;
    for (const c of w) n = n[c] ??= {};
    n[END] = {};
  }
  const emit = (n: T): string => {
    const keys = Object.keys(n).filter((k) => k !== END).sort();
    if (!keys.length) return '';
    const alts = keys.map((k) => escape(k) + emit(n[k]));
    const s = alts.length > 1 ? `(?:${alts.join('|')})` : alts[0];
    return END in n ? `(?:${s})?` : s;
  };
  return emit(root) || '(?!)';
}

export class Prefilter {
  readonly keywords: string[];
  private readonly any: RegExp;
  private readonly all: RegExp;

  constructor(rules: readonly Rule[]) {
    // longest first so that alternation prefers the longer keyword
    this.keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    const alt = this.keywords.map(escape).join('|') || '(?!)';
    // keywords are lowercase: the file-level test runs on lowercased text without the i flag
    this.any = new RegExp(trieSource(this.keywords));
    this.all = new RegExp(alt, 'gi');
  }

  mayMatch(text: string): boolean {
    return this.any.test(text.toLowerCase());
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
      // resume one character on: a keyword that starts inside this match and ends after it
      // ("translate.googleapis" then ".googleapis.com") is found too; ranges stay sorted and disjoint
      this.all.lastIndex = m.index + 1;
      const end = m.index + m[0].length;
      if (hits.length && hits[hits.length - 1] >= m.index) hits[hits.length - 1] = Math.max(hits[hits.length - 1], end);
      else hits.push(m.index, end);
      const w = m[0].toLowerCase();
      if (seen.has(w)) continue;
      seen.add(w);
      keywords.add(w);
      for (const k of this.keywords) if (k.length < w.length && w.includes(k)) keywords.add(k);
    }
    return { keywords, hits };
  }
}
