/**
 * Re-analysis of an edited document by top-level segments (the editor path of languages whose
 * grammar cannot reuse its top-level statements; see `SourceLanguage.boundary`).
 *
 * Why: tree-sitter-python's incremental re-parse reuses almost nothing at the top level (its
 * statement list is built from conflicting, "fragile" reductions and each statement starts with a
 * token lexed where the external scanner is active), so re-parsing a 5,000-line file after a
 * one-character edit costs about half of a full parse, linear in the file.
 *
 * How: after a parse of the whole document without syntax errors, its text is cut into segments at
 * top-level statements that start a line in a state that no preceding text can continue (the
 * language's `boundary` test: column 0, no line continuation before, not an `else`...). Each
 * segment keeps the atoms its statements gave (offsets relative to the segment). After an edit,
 * only the segments the edit touches are parsed again, as a document of their own; the edited
 * region is widened until both its ends are boundaries in the new text. The atoms of the other
 * segments are reused, shifted. The region's parse is accepted only when it has no syntax error,
 * and the keyword ranges outside it (the `focus` of the walk) are the same as before; anything
 * else falls back to the incremental parse of the whole document, which rebuilds the segments.
 *
 * Equivalence: the text before the region is unchanged and ends where the parser is between
 * top-level statements with nothing open (the boundary test holds at the region start in the new
 * text), so the whole-document parse reaches the region start as before; the region parses without
 * error as a document of its own and is followed by a boundary, so its statements are complete
 * there; after it, the parser is again between statements, in the state it had at that segment
 * before, and the rest parses as before. test/unit/editor-incremental.test.ts checks this against
 * fresh scans after hundreds of random edits.
 */
import type { Atom } from '../types';
import { changedSpan } from '../util/span';

/**
 * A region larger than this, or larger than a quarter of its document when over
 * `SMALL_REGION_CHARS`, is not worth parsing apart: the incremental re-parse of the whole document
 * costs less (inside a large class or function, tree-sitter-python reuses most of the tree).
 */
export const MAX_REGION_CHARS = 64 * 1024;
export const SMALL_REGION_CHARS = 2048;

export interface SegmentState {
  /** The text the segments describe. */
  text: string;
  /** The focus (keyword ranges) the atoms were computed with; undefined: the whole tree. */
  focus: readonly number[] | undefined;
  /** Segment start offsets, ascending; the first is 0. */
  starts: number[];
  /** Per segment: atoms in walk order, offsets relative to the segment start; undefined when none. */
  atoms: (Atom[] | undefined)[];
}

/** Largest i with `starts[i] <= offset` (0 when none). */
export function segmentAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function shifted(a: Atom, by: number): Atom {
  return by === 0 ? { ...a } : { ...a, start: a.start + by, end: a.end + by };
}

/**
 * Segments of a parsed text: `boundaries` (ascending offsets, each a top-level node start that
 * passed the language's boundary test; 0 may be absent), `atoms` in walk order (absolute offsets).
 * `base` is added to every offset of the result (a region's place in its document).
 */
export function cutSegments(boundaries: readonly number[], atoms: readonly Atom[], base = 0): { starts: number[]; atoms: (Atom[] | undefined)[] } {
  const starts = [0];
  for (const b of boundaries) if (b > starts[starts.length - 1]) starts.push(b);
  const per: (Atom[] | undefined)[] = new Array(starts.length).fill(undefined);
  for (const a of atoms) {
    const i = segmentAt(starts, a.start);
    (per[i] ??= []).push(shifted(a, -starts[i]));
  }
  return { starts: base ? starts.map((s) => s + base) : starts, atoms: per };
}

/** All atoms of a state, absolute, sorted as analyzers return them. */
export function assemble(state: SegmentState): Atom[] {
  const out: Atom[] = [];
  for (let i = 0; i < state.atoms.length; i++) {
    const list = state.atoms[i];
    if (list) for (const a of list) out.push(shifted(a, state.starts[i]));
  }
  // stable: atoms of equal range keep their walk order, as in a walk of the whole tree
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function sameRanges(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The focus ranges of the text outside `[from, to)` of the new text are those outside
 * `[from, oldTo)` of the old one (after `oldTo`, shifted by `delta`): then every node outside the
 * region is entered or skipped by the walk exactly as before.
 */
function sameFocusOutside(old: readonly number[], now: readonly number[], from: number, oldTo: number, delta: number): boolean {
  // ranges touching [0, from): their starts are < from
  let i = 0;
  for (; i < old.length && old[i] < from; i += 2) if (now[i] !== old[i] || now[i + 1] !== old[i + 1]) return false;
  if (i < now.length && now[i] < from) return false;
  // ranges touching [to, end): their ends are > to
  let j = old.length - 2;
  let k = now.length - 2;
  for (; j >= 0 && old[j + 1] > oldTo; j -= 2, k -= 2) if (k < 0 || now[k] !== old[j] + delta || now[k + 1] !== old[j + 1] + delta) return false;
  if (k >= 0 && now[k + 1] > oldTo + delta) return false;
  return true;
}

export interface RegionPlan {
  /** Region in the new text. */
  start: number;
  end: number;
  /** Segments [first, last] of the old state it replaces. */
  first: number;
  last: number;
  delta: number;
}

/**
 * Which region of `text` to parse again, or undefined when the edit cannot be handled by segments
 * (the caller re-parses the whole document).
 */
export function planRegion(state: SegmentState, text: string, focus: readonly number[] | undefined, boundary: (text: string, offset: number) => boolean): RegionPlan | undefined {
  if ((state.focus === undefined) !== (focus === undefined)) return undefined;
  const { starts } = state;
  const { start, oldEnd, newEnd } = changedSpan(state.text, text);
  const delta = newEnd - oldEnd;
  let first = segmentAt(starts, start);
  let last = segmentAt(starts, Math.max(start, oldEnd - 1));
  const n = starts.length;
  for (;;) {
    const from = starts[first];
    const oldTo = last + 1 < n ? starts[last + 1] : state.text.length;
    const to = last + 1 < n ? oldTo + delta : text.length;
    const size = to - from;
    if (size > MAX_REGION_CHARS || (size > SMALL_REGION_CHARS && size * 4 > text.length)) return undefined;
    const okStart = from === 0 || boundary(text, from);
    const okEnd = to === text.length || boundary(text, to);
    if (okStart && okEnd) {
      if (focus && !sameFocusOutside(state.focus!, focus, from, oldTo, delta)) return undefined;
      return { start: from, end: to, first, last, delta };
    }
    if (!okStart) first--;
    if (!okEnd) last++;
  }
}

/** The state after replacing the planned region by the segments of its new parse. */
export function splice(state: SegmentState, text: string, focus: readonly number[] | undefined, plan: RegionPlan, region: { starts: number[]; atoms: (Atom[] | undefined)[] }): SegmentState {
  const { starts, atoms } = state;
  const tailStarts = starts.slice(plan.last + 1);
  if (plan.delta) for (let i = 0; i < tailStarts.length; i++) tailStarts[i] += plan.delta;
  return {
    text,
    focus: focus ? [...focus] : undefined,
    starts: starts.slice(0, plan.first).concat(region.starts, tailStarts),
    atoms: atoms.slice(0, plan.first).concat(region.atoms, atoms.slice(plan.last + 1)),
  };
}
