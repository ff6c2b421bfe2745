/**
 * The keyword prefilter over raw bytes: does a file spell any rule keyword (ASCII
 * case-insensitively)? Most files of a workspace do not, and are never decoded or parsed.
 *
 * The question is answered in one pass with no allocation and no decoding. Every byte maps to a
 * small class (each character keywords use has its own, upper and lower case share one, all
 * other bytes are class 0). Each keyword is represented by two overlapping windows of three
 * classes, chosen where its characters are rarest in ordinary code (ngrams.ts); since the two
 * windows end at neighbouring offsets, sampling every second offset of the file is enough to meet
 * one of them. A sampled window that is in the keywords' set (a bit test) is verified byte by byte
 * against the keywords that own it, so the answer is exact: the same as searching the decoded
 * UTF-8 text for the keywords with a case-insensitive (ASCII) regular expression.
 *
 * Keywords that are not plain ASCII make the filter answer "maybe" for every file (the text
 * prefilter then decides), as does a UTF-16 file (its bytes do not spell ASCII keywords).
 *
 * When every keyword is at least three characters long and WebAssembly SIMD is available, the
 * same question is answered by `WindowFilter` (windowfilter.ts), several times faster; this table
 * walk remains for the other keyword sets and runtimes.
 */
import { NGRAMS } from './ngrams';
import { ASCII_LOWER as LOWER, hasUtf16Bom } from './util/decode';
import { WindowFilter, type PreparedWindows } from './windowfilter';

/** Classes are 6 bits: a window of three is an 18-bit index. */
const CLASS_BITS = 6;
const MAX_CLASSES = 1 << CLASS_BITS;
const WINDOW_SPACE = 1 << (3 * CLASS_BITS);

let frequencies: Map<string, number> | undefined;
function frequency(gram: string): number {
  if (!frequencies) {
    frequencies = new Map();
    for (const entry of NGRAMS.split('|')) frequencies.set(entry.slice(0, 3), Number(entry.slice(3)));
  }
  return frequencies.get(gram) ?? 0;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;


export class ByteFilter {
  /** byte -> class (0: a byte no keyword contains). */
  private readonly classes = new Uint8Array(256);
  /** One bit per window of three classes: set when some keyword owns the window (allocated for the table walk only). */
  private bits = new Int32Array(0);
  /** window -> where its owners start in `owned` (-1: none; allocated for the table walk only) */
  private head = new Int32Array(0);
  /** per window: count, then (keyword index, offset of the window's last byte in the keyword) pairs */
  private owned = new Int32Array(0);
  private readonly words: Uint8Array[] = [];
  /** False when the filter cannot decide on bytes (non-ASCII keywords): every file is "maybe". */
  readonly exact: boolean;
  /** The SIMD filter, when it can represent the keywords. */
  private readonly fast: WindowFilter | undefined;

  /**
   * `simd: false` keeps the table walk; `prepared` gives the SIMD filter's tables for these same
   * keywords, computed by another thread's filter (`prepared()`).
   */
  constructor(keywords: readonly string[], options: { simd?: boolean; prepared?: PreparedWindows } = {}) {
    const words = [...new Set(keywords.map((k) => k.toLowerCase()).filter((k) => k.length > 0))];
    this.exact = words.every((w) => /^[\x20-\x7e]*$/.test(w));
    if (!this.exact) return;
    this.fast = options.simd === false ? undefined : options.prepared ? WindowFilter.fromPrepared(options.prepared) : WindowFilter.create(words);
    if (this.fast) return;
    this.bits = new Int32Array(WINDOW_SPACE >>> 5);
    this.head = new Int32Array(WINDOW_SPACE).fill(-1);
    let next = 1;
    for (const w of words) {
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        if (this.classes[c]) continue;
        // more distinct characters than classes: share classes (more windows to verify, same answers)
        const cls = next < MAX_CLASSES ? next++ : 1 + (c % (MAX_CLASSES - 1));
        this.classes[c] = cls;
        if (c >= 97 && c <= 122) this.classes[c - 32] = cls;
      }
    }
    const owners = new Map<number, number[]>();
    for (const w of words) this.add(w, owners);
    let size = 0;
    for (const list of owners.values()) size += 1 + list.length;
    this.owned = new Int32Array(size);
    let at = 0;
    for (const [t, list] of owners) {
      this.head[t] = at;
      this.owned[at++] = list.length / 2;
      this.owned.set(list, at);
      at += list.length;
    }
  }

  /** Register `word` under the two neighbouring windows (offsets o, o+1) where it is rarest. */
  private add(word: string, owners: Map<number, number[]>): void {
    const index = this.words.length;
    this.words.push(Uint8Array.from(word, (c) => c.charCodeAt(0)));
    const L = word.length;
    // a window may reach past the word's ends (short words): those positions match any class
    let best = 0;
    let bestCost = Infinity;
    // windows o and o + 1 each hold at least one byte of the word
    for (let o = -2; o <= L - 2; o++) {
      const cost = this.windowCost(word, o) + this.windowCost(word, o + 1);
      if (cost < bestCost) {
        bestCost = cost;
        best = o;
      }
    }
    for (const o of [best, best + 1]) {
      const options = [0, 1, 2].map((j) => {
        const p = o + j;
        return p >= 0 && p < L ? [this.classes[word.charCodeAt(p)]] : [...Array(MAX_CLASSES).keys()];
      });
      for (const a of options[0]) for (const b of options[1]) for (const c of options[2]) {
        const t = (a << (2 * CLASS_BITS)) | (b << CLASS_BITS) | c;
        this.bits[t >>> 5] |= 1 << (t & 31);
        let list = owners.get(t);
        if (!list) owners.set(t, (list = []));
        list.push(index, o + 2);
      }
    }
  }

  /** How often the window at offset `o` of `word` is expected in ordinary text (wildcards cost most). */
  private windowCost(word: string, o: number): number {
    if (o < 0 || o + 3 > word.length) return 1e9 * (Math.max(0, -o) + Math.max(0, o + 3 - word.length));
    return frequency(word.slice(o, o + 3));
  }

  /** The SIMD filter's tables, for a reader worker's filter of the same keywords (undefined: the table walk answers). */
  prepared(): PreparedWindows | undefined {
    return this.fast?.prepared();
  }

  /** Which implementation answers: the SIMD windows or the table walk. */
  get kind(): 'simd' | 'table' {
    return this.fast ? 'simd' : 'table';
  }

  /**
   * A buffer of at least `capacity` bytes to read files into, whose first `keep` bytes are those of
   * `previous` (the buffer this returned before). With the SIMD filter it lies in the filter's
   * memory, so testing it copies nothing; `previous` is then no longer usable.
   */
  buffer(capacity: number, previous?: Buffer, keep = 0): Buffer {
    if (this.fast) return this.fast.buffer(capacity);
    const b = Buffer.allocUnsafe(capacity);
    if (previous && keep) previous.copy(b, 0, 0, keep);
    return b;
  }

  /**
   * True when `bytes[0, length)` spell a keyword (ASCII case-insensitive), or when the filter cannot
   * decide on bytes (non-ASCII keywords, UTF-16 byte order mark).
   */
  test(bytes: Uint8Array, length = bytes.length): boolean {
    if (!this.exact) return true;
    if (this.fast) return this.fast.test(bytes, length);
    const n = Math.min(length, bytes.length);
    if (n >= 2 && hasUtf16Bom(bytes)) return true;
    if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0 && n >= 256 ? sampledWords(bytes, n, this.classes, this.bits, this.head, this.owned, this.words) : sampled(bytes, 2, n, this.classes, this.bits, this.head, this.owned, this.words)) return true;
    // windows that reach past either end (short words at the start or end of the file)
    return this.edge(bytes, n, 0) || this.edge(bytes, n, 1) || this.edge(bytes, n, n) || this.edge(bytes, n, n + 1);
  }

  private edge(bytes: Uint8Array, n: number, i: number): boolean {
    if (i >= 2 && i < n) return false;
    const C = this.classes;
    const t = ((i >= 2 && i - 2 < n ? C[bytes[i - 2]] : 0) << 12) | ((i >= 1 && i - 1 < n ? C[bytes[i - 1]] : 0) << 6) | (i < n ? C[bytes[i]] : 0);
    return (this.bits[t >>> 5] & (1 << (t & 31))) !== 0 && verify(bytes, n, i, t, this.head, this.owned, this.words, this.classes, this.bits);
  }
}

/** The hot loop: every second offset from `from`, the window ending there, a bit test, and on a hit the owners. */
function sampled(bytes: Uint8Array, from: number, n: number, C: Uint8Array, B: Int32Array, H: Int32Array, O: Int32Array, W: Uint8Array[]): boolean {
  for (let i = from; i < n; i += 2) {
    const t = (C[bytes[i - 2]] << 12) | (C[bytes[i - 1]] << 6) | C[bytes[i]];
    if ((B[t >>> 5] & (1 << (t & 31))) !== 0 && verify(bytes, n, i, t, H, O, W, C, B)) return true;
  }
  return false;
}

/**
 * The same samples read four bytes at a time (aligned little-endian words): word k gives the
 * windows ending at 4k + 2 and, with the next word's first byte, at 4k + 4. About half again as
 * fast as byte loads. The bytes after the last whole word but one go through `sampled`.
 */
function sampledWords(bytes: Uint8Array, n: number, C: Uint8Array, B: Int32Array, H: Int32Array, O: Int32Array, W: Uint8Array[]): boolean {
  const M = n >>> 2;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, M);
  let cur = words[0];
  for (let k = 0; k + 1 < M; k++) {
    const next = words[k + 1];
    const c2 = C[(cur >>> 16) & 255];
    const t1 = (C[cur & 255] << 12) | (C[(cur >>> 8) & 255] << 6) | c2;
    const t2 = (c2 << 12) | (C[cur >>> 24] << 6) | C[next & 255];
    if ((((B[t1 >>> 5] >>> (t1 & 31)) | (B[t2 >>> 5] >>> (t2 & 31))) & 1) !== 0) {
      if (verify(bytes, n, 4 * k + 2, t1, H, O, W, C, B) || verify(bytes, n, 4 * k + 4, t2, H, O, W, C, B)) return true;
    }
    cur = next;
  }
  return sampled(bytes, 4 * M - 2, n, C, B, H, O, W);
}

/** Does a keyword owning window `t` (ending at `i`) occur there? */
function verify(bytes: Uint8Array, n: number, i: number, t: number, H: Int32Array, O: Int32Array, W: Uint8Array[], C: Uint8Array, B: Int32Array): boolean {
  let q = H[t];
  if (q < 0) return false;
  // every keyword owns two neighbouring windows: unless the window ending one byte before or
  // after is in the set too, no keyword is here (a cheap test that spares most comparisons)
  const c1 = i >= 1 && i - 1 < n ? C[bytes[i - 1]] : 0;
  const c0 = i < n ? C[bytes[i]] : 0;
  const before = ((i >= 3 && i - 3 < n ? C[bytes[i - 3]] : 0) << 12) | ((i >= 2 && i - 2 < n ? C[bytes[i - 2]] : 0) << 6) | c1;
  const after = (c1 << 12) | (c0 << 6) | (i + 1 < n ? C[bytes[i + 1]] : 0);
  if ((((B[before >>> 5] >>> (before & 31)) | (B[after >>> 5] >>> (after & 31))) & 1) === 0) return false;
  for (const end = q + 1 + 2 * O[q++]; q < end; q += 2) {
    const word = W[O[q]];
    const start = i - O[q + 1];
    if (start < 0 || start + word.length > n) continue;
    let j = 0;
    while (j < word.length && LOWER[bytes[start + j]] === word[j]) j++;
    if (j === word.length) return true;
  }
  return false;
}
