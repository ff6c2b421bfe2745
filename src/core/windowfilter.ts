/**
 * The byte prefilter's fast path: does a file spell any rule keyword (ASCII case-insensitively)?
 * The same answer as `ByteFilter`'s table walk (bytefilter.ts) at several times its speed, for the
 * keyword sets it can represent: every keyword plain ASCII and at least three characters long.
 *
 * A window is three bytes folded with OR 0x20 (so that the cases of a letter agree). Each keyword
 * is registered under two windows at neighbouring offsets, chosen where they are rarest in ordinary
 * code (ngrams.ts), alone and together: wherever the keyword starts, one of the two begins at an even
 * offset of the file. A window that reaches past a keyword's end matches any byte there (all its
 * folded values are registered).
 *
 * A WebAssembly SIMD loop (simd/windows.wat) hashes the eight windows at even offsets of 16 bytes
 * at a time into a bitset and stops at the first block where a bit is set. This class checks that
 * block exactly: a window whose neighbour (one byte before or after) is registered too is looked
 * up, and the keywords that own it are compared byte by byte. So the answer is exact and the loop
 * only decides where to look. Files are read straight into the module's memory (`buffer`), so
 * they are never copied.
 */
import { NGRAMS } from './ngrams';
import { ASCII_LOWER as LOWER, hasUtf16Bom } from './util/decode';
import { WINDOWS_WASM } from './simd/windows';

/** Layout of the module's memory (windows.wat). */
const BITSET_BYTES = 1 << 17;
/** Where the bytes to test start (16-byte aligned). */
const DATA = BITSET_BYTES;
/** Readable bytes kept after the data (a window reads up to two bytes past the last offset). */
const SLACK = 64;
const PAGE = 65536;
const K = 0x9e3779b1;
const HASH_SHIFT = 12;
const MIN_KEYWORD = 3;

/** Every value a folded byte can take. */
const FOLDED = Array.from({ length: 256 }, (_, i) => i).filter((i) => (i & 0x20) !== 0);

let compiled: WebAssembly.Module | null | undefined;
/** The compiled module, once per thread; null when this runtime has no WebAssembly SIMD. */
function compiledModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = Buffer.from(WINDOWS_WASM, 'base64');
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

interface Frequencies {
  gram: Map<string, number>;
  /** by first two characters, by last two characters */
  head2: Map<string, number>;
  tail2: Map<string, number>;
}
let frequencies: Frequencies | undefined;
function table(): Frequencies {
  if (!frequencies) {
    const f: Frequencies = { gram: new Map(), head2: new Map(), tail2: new Map() };
    const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
    for (const entry of NGRAMS.split('|')) {
      const g = entry.slice(0, 3);
      const n = Number(entry.slice(3));
      f.gram.set(g, n);
      add(f.head2, g.slice(0, 2), n);
      add(f.tail2, g.slice(1), n);
    }
    frequencies = f;
  }
  return frequencies;
}

/**
 * How often the window at offset `q` of `word` is expected per million bytes of ordinary code.
 * The window holds three or two of the word's characters (a position past its ends matches anything).
 */
function windowCost(word: string, q: number): number {
  const f = table();
  const s = word.slice(Math.max(0, q), q + 3);
  // the base keeps unseen windows from being free, so that rarer patterns still win ties
  if (s.length === 3) return 1 + (f.gram.get(s) ?? 0);
  return 50 + ((q < 0 ? f.tail2 : f.head2).get(s) ?? 0);
}

/** A filter's tables: its keywords, the bitset and the owners (window value, count, then count (keyword, offset) pairs). */
export interface PreparedWindows {
  words: string[];
  bits: Int32Array;
  owners: Int32Array;
}

export class WindowFilter {
  private readonly memory: WebAssembly.Memory;
  private readonly scan: (from: number, end: number) => number;
  private mem: Uint8Array;
  private bits: Int32Array;
  private readonly words: Uint8Array[] = [];
  /** folded window value -> (keyword index, offset of the window in the keyword) pairs */
  private readonly owners = new Map<number, Int32Array>();

  /** The filter for `keywords`, or undefined when it cannot represent them (the caller keeps its table walk). */
  static create(keywords: readonly string[]): WindowFilter | undefined {
    const words = [...new Set(keywords.map((k) => k.toLowerCase()))];
    if (!words.length || !words.every((w) => w.length >= MIN_KEYWORD && /^[\x20-\x7e]*$/.test(w))) return undefined;
    const mod = compiledModule();
    if (!mod) return undefined;
    // a keyword that contains another adds nothing to "does the file spell a keyword"
    const minimal = words.filter((w) => !words.some((o) => o !== w && w.includes(o)));
    const filter = new WindowFilter(mod);
    filter.register(minimal);
    return filter;
  }

  /** A filter with the tables of another one (`prepared()`), as a reader worker receives them: nothing to compute. */
  static fromPrepared(prepared: PreparedWindows): WindowFilter | undefined {
    const mod = compiledModule();
    if (!mod) return undefined;
    const filter = new WindowFilter(mod);
    for (const w of prepared.words) filter.words.push(Uint8Array.from(w, (c) => c.charCodeAt(0)));
    filter.bits.set(prepared.bits);
    const o = prepared.owners;
    for (let i = 0; i < o.length; ) {
      const v = o[i];
      const count = o[i + 1];
      filter.owners.set(v, o.slice(i + 2, i + 2 + 2 * count));
      i += 2 + 2 * count;
    }
    return filter;
  }

  /** The tables, to build the same filter elsewhere (`fromPrepared`); structured-clone friendly. */
  prepared(): PreparedWindows {
    const flat: number[] = [];
    for (const [v, list] of this.owners) flat.push(v, list.length / 2, ...list);
    return { words: this.words.map((w) => String.fromCharCode(...w)), bits: this.bits.slice(), owners: Int32Array.from(flat) };
  }

  private constructor(mod: WebAssembly.Module) {
    const instance = new WebAssembly.Instance(mod, {});
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.scan = instance.exports.scan as (from: number, end: number) => number;
    this.mem = new Uint8Array(this.memory.buffer);
    this.bits = new Int32Array(this.memory.buffer, 0, BITSET_BYTES / 4);
  }

  private register(words: string[]): void {
    const owners = new Map<number, number[]>();
    for (const word of words) {
      const index = this.words.length;
      this.words.push(Uint8Array.from(word, (c) => c.charCodeAt(0)));
      const L = word.length;
      // two neighbouring windows, each holding at least two of the keyword's bytes
      let best = -1;
      let bestCost = Infinity;
      for (let o = -1; o <= L - 3; o++) {
        // each window stops the loop where it occurs (the sum), and both do where the keyword's
        // four characters occur, which costs a look from this side (at most the rarer one's)
        const a = windowCost(word, o);
        const b = windowCost(word, o + 1);
        const cost = a + b + 10 * Math.min(a, b);
        if (cost < bestCost) {
          bestCost = cost;
          best = o;
        }
      }
      for (const q of [best, best + 1]) {
        const at = [0, 1, 2].map((j) => (q + j >= 0 && q + j < L ? [word.charCodeAt(q + j) | 0x20] : FOLDED));
        for (const a of at[0]) for (const b of at[1]) for (const c of at[2]) {
          const v = a | (b << 8) | (c << 16);
          const h = Math.imul(v, K) >>> HASH_SHIFT;
          this.bits[h >>> 5] |= 1 << (h & 31);
          let list = owners.get(v);
          if (!list) owners.set(v, (list = []));
          list.push(index, q);
        }
      }
    }
    for (const [v, list] of owners) this.owners.set(v, Int32Array.from(list));
  }

  /** A buffer of `capacity` bytes in the module's memory: a file read into it is tested without a copy. Its first bytes survive a later, larger call; earlier buffers are then detached. */
  buffer(capacity: number): Buffer {
    this.reserve(capacity);
    return Buffer.from(this.memory.buffer, DATA, capacity);
  }

  private reserve(capacity: number): void {
    const need = DATA + capacity + SLACK;
    if (need > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / PAGE));
      // growing detaches the views of the old buffer
      this.mem = new Uint8Array(this.memory.buffer);
      this.bits = new Int32Array(this.memory.buffer, 0, BITSET_BYTES / 4);
    }
  }

  /** True when `bytes[0, length)` spell a keyword (ASCII case-insensitive), or start with a UTF-16 byte order mark (the text prefilter decides those). */
  test(bytes: Uint8Array, length = bytes.length): boolean {
    const n = Math.min(length, bytes.length);
    if (n >= 2 && hasUtf16Bom(bytes)) return true;
    if (bytes.buffer !== this.memory.buffer || bytes.byteOffset !== DATA) {
      this.reserve(n);
      this.mem.set(bytes.subarray(0, n), DATA);
    }
    const end = DATA + (n & ~15);
    for (let p = DATA; ; p += 16) {
      p = this.scan(p, end);
      if (p >= end) break;
      if (this.check(p - DATA, p - DATA + 16, n)) return true;
    }
    return this.check(n & ~15, n, n);
  }

  /** The folded window starting at data offset `s`. */
  private window(s: number): number {
    const M = this.mem;
    const at = DATA + s;
    return (M[at] | (M[at + 1] << 8) | (M[at + 2] << 16)) | 0x202020;
  }

  private registered(v: number): boolean {
    const h = Math.imul(v, K) >>> HASH_SHIFT;
    return ((this.bits[h >>> 5] >>> (h & 31)) & 1) !== 0;
  }

  /** Does a keyword occur with one of its windows starting at an even offset in [from, to)? */
  private check(from: number, to: number, n: number): boolean {
    for (let s = from; s < to && s < n; s += 2) {
      const v = this.window(s);
      if (!this.registered(v)) continue;
      // a keyword's other window starts one byte before or after (one that would start before
      // the data matches any byte there, so the byte before the data, in the bitset, will do)
      if (!this.registered(this.window(s - 1)) && !this.registered(this.window(s + 1))) continue;
      const list = this.owners.get(v);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) if (this.equals(this.words[list[i]], s - list[i + 1], n)) return true;
    }
    return false;
  }

  /** Does `word` occur at `start` (within [0, n))? */
  private equals(word: Uint8Array, start: number, n: number): boolean {
    if (start < 0 || start + word.length > n) return false;
    const M = this.mem;
    const at = DATA + start;
    let j = 0;
    while (j < word.length && LOWER[M[at + j]] === word[j]) j++;
    return j === word.length;
  }
}
