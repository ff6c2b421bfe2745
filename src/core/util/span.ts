/**
 * The single changed span between two versions of a text (the editor's previous and current
 * text): the common prefix, and where the change ends in each. Called on every edit of a large
 * file, so the common ends are found by comparing slices (a native comparison of the characters)
 * in shrinking blocks, then character by character: about 20 µs for 150 KB, against 0.5 ms for a
 * loop over every character.
 */
export interface ChangedSpan {
  /** Length of the common prefix: where the change starts in both texts. */
  start: number;
  /** End of the change in the old text (the common suffix starts here). */
  oldEnd: number;
  /** End of the change in the new text. */
  newEnd: number;
}

const BLOCK = 16384;
const MIN_BLOCK = 16;

export function changedSpan(before: string, after: string): ChangedSpan {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  for (let step = BLOCK; step >= MIN_BLOCK; step >>= 2) {
    while (prefix + step <= max && before.slice(prefix, prefix + step) === after.slice(prefix, prefix + step)) prefix += step;
  }
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // the suffix does not reach into the prefix of the shorter text
  const room = max - prefix;
  const bl = before.length;
  const al = after.length;
  let suffix = 0;
  for (let step = BLOCK; step >= MIN_BLOCK; step >>= 2) {
    while (suffix + step <= room && before.slice(bl - suffix - step, bl - suffix) === after.slice(al - suffix - step, al - suffix)) suffix += step;
  }
  while (suffix < room && before.charCodeAt(bl - 1 - suffix) === after.charCodeAt(al - 1 - suffix)) suffix++;
  return { start: prefix, oldEnd: bl - suffix, newEnd: al - suffix };
}

/** Row and column (0-based) of `offset`, walking lines from a known position `from` at or before it. */
export function positionFrom(text: string, offset: number, from: { offset: number; row: number; lineStart: number } = { offset: 0, row: 0, lineStart: 0 }): { row: number; column: number; lineStart: number } {
  let row = from.row;
  let lineStart = from.lineStart;
  for (let i = text.indexOf('\n', from.offset); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart, lineStart };
}
