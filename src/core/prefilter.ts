/**
 * The keyword prefilter: a file none of whose bytes spell a rule keyword (case-insensitive) is
 * never parsed. One regular expression over the union of the rules' keywords.
 */
import type { Rule } from './types';
import { changedSpan } from './util/span';

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
  /** Length of the longest keyword. */
  private readonly longest: number;

  constructor(rules: readonly Rule[]) {
    // longest first so that alternation prefers the longer keyword
    this.keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    const alt = this.keywords.map(escape).join('|') || '(?!)';
    // keywords are lowercase: the file-level test runs on lowercased text without the i flag
    this.any = new RegExp(trieSource(this.keywords));
    this.all = new RegExp(alt, 'gi');
    this.longest = Math.max(1, ...this.keywords.map((k) => k.length));
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
    const { keywords, hits } = this.scanText(text);
    return { keywords, hits };
  }

  /**
   * `scan` of a text and what an edit of it needs (`scanEdited`): where each keyword occurrence
   * starts and ends. The regular expression finds, at each position where a keyword starts, the
   * longest one (its alternatives are longest first), and resumes one character on.
   */
  scanText(text: string): KeywordScan {
    const starts: number[] = [];
    const ends: number[] = [];
    this.find(text, 0, text.length, starts, ends);
    return this.result(text, starts, ends);
  }

  /**
   * `scanText` of `text`, an edit of `prev.text`, searching only where the edit can change the
   * answer. The occurrence at a position depends on the next `longest` characters: those before
   * the edit that end before it, and those after it, are kept (the latter shifted); the positions
   * from `longest - 1` characters before the change to its end are searched again.
   */
  scanEdited(prev: KeywordScan, text: string): KeywordScan {
    if (prev.text === text) return prev;
    const { start, oldEnd, newEnd } = changedSpan(prev.text, text);
    const from = Math.max(0, start - this.longest + 1);
    const starts: number[] = [];
    const ends: number[] = [];
    let i = 0;
    for (; i < prev.starts.length && prev.starts[i] < from; i++) {
      starts.push(prev.starts[i]);
      ends.push(prev.ends[i]);
    }
    this.find(text, from, newEnd, starts, ends);
    const delta = newEnd - oldEnd;
    for (; i < prev.starts.length; i++) {
      if (prev.starts[i] < oldEnd) continue;
      starts.push(prev.starts[i] + delta);
      ends.push(prev.ends[i] + delta);
    }
    return this.result(text, starts, ends);
  }

  /** Occurrences starting in `[from, to)`, appended. */
  private find(text: string, from: number, to: number, starts: number[], ends: number[]): void {
    // the search stops where no occurrence starting before `to` can reach
    const end = Math.min(text.length, to + this.longest - 1);
    const part = end === text.length ? text : text.slice(0, end);
    this.all.lastIndex = from;
    for (let m = this.all.exec(part); m && m.index < to; m = this.all.exec(part)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
      // resume one character on: a keyword that starts inside this match and ends after it
      // ("translate.googleapis" then ".googleapis.com") is found too
      this.all.lastIndex = m.index + 1;
    }
  }

  /** The keywords and merged ranges of the occurrences (ranges sorted and disjoint). */
  private result(text: string, starts: number[], ends: number[]): KeywordScan {
    const keywords = new Set<string>();
    const hits: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < starts.length; i++) {
      const s = starts[i];
      const e = ends[i];
      if (hits.length && hits[hits.length - 1] >= s) hits[hits.length - 1] = Math.max(hits[hits.length - 1], e);
      else hits.push(s, e);
      const w = text.slice(s, e).toLowerCase();
      if (seen.has(w)) continue;
      seen.add(w);
      keywords.add(w);
      for (const k of this.keywords) if (k.length < w.length && w.includes(k)) keywords.add(k);
    }
    return { text, keywords, hits, starts, ends };
  }
}

/** A text's keyword occurrences (Prefilter.scanText), kept to re-scan an edit of it. */
export interface KeywordScan {
  text: string;
  keywords: Set<string>;
  /** Sorted, disjoint `[start, end, ...]` ranges of the occurrences. */
  hits: number[];
  /** Each occurrence's start (ascending) and end. */
  starts: number[];
  ends: number[];
}
