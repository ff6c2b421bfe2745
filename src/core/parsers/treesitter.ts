/**
 * Tree-sitter in WASM (web-tree-sitter), grammars loaded once and lazily: the runtime on the
 * first parse, each grammar on the first file of its language.
 */
import { Language, Parser } from 'web-tree-sitter';
import type { Edit, Node as TSNode, Tree } from 'web-tree-sitter';
import { wasmPath } from '../assets';
import { ParseBudget, TooComplexError, TREE_SITTER_MAX_CHARS } from '../guard';
import { changedSpan, positionFrom } from '../util/span';

export type { TSNode, Tree };

export type Grammar =
  | 'hcl'
  | 'python'
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'go'
  | 'java'
  | 'c-sharp'
  | 'bash'
  | 'powershell';

let runtime: Promise<void> | undefined;
const parsers = new Map<Grammar, Promise<Parser>>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (name: string) => wasmPath(name) });
  return runtime;
}

export function getParser(grammar: Grammar): Promise<Parser> {
  let p = parsers.get(grammar);
  if (!p) {
    p = (async () => {
      await initRuntime();
      const lang = await Language.load(wasmPath(`tree-sitter-${grammar}.wasm`));
      const parser = new Parser();
      parser.setLanguage(lang);
      return parser;
    })();
    parsers.set(grammar, p);
    p.catch(() => parsers.delete(grammar));
  }
  return p;
}

/**
 * Trees kept for incremental re-parsing in the editor: the last tree of a few documents. An edit
 * re-parses only what changed (tree-sitter reuses the rest), which keeps a large file's re-scan
 * after a keystroke within a few milliseconds.
 */
const INCREMENTAL_ENTRIES = 16;
const incremental = new Map<string, { grammar: Grammar; text: string; tree: Tree }>();

/** How `before` became `after`, as tree-sitter's edit (one changed span between a common prefix and suffix). */
export function editOf(before: string, after: string): Edit {
  const { start, oldEnd, newEnd } = changedSpan(before, after);
  // one walk to the start; both texts are the same up to there
  const at = positionFrom(before, start);
  const from = { offset: start, row: at.row, lineStart: at.lineStart };
  const oldEndAt = positionFrom(before, oldEnd, from);
  const newEndAt = positionFrom(after, newEnd, from);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: { row: at.row, column: at.column },
    oldEndPosition: { row: oldEndAt.row, column: oldEndAt.column },
    newEndPosition: { row: newEndAt.row, column: newEndAt.column },
  };
}

/** Forget the kept tree of a document (closed in the editor). */
export function forgetTree(cacheKey: string): void {
  const e = incremental.get(cacheKey);
  if (e) {
    e.tree.delete();
    incremental.delete(cacheKey);
  }
}

/** Set once the WASM instance has aborted (out of memory): it cannot be used again in this process. */
let aborted: string | undefined;

/**
 * Parse, hand the tree to `fn`, free the WASM memory. With a `cacheKey` (the editor's document),
 * the tree is kept and the next parse of the same key is incremental. Hostile input is bounded
 * (see guard.ts): text over `TREE_SITTER_MAX_CHARS` is not parsed, and a parse over its time or
 * memory budget, or stuck in error recovery, is cancelled; both throw `TooComplexError`.
 */
export async function withTree<T>(grammar: Grammar, text: string, fn: (root: TSNode) => T, cacheKey?: string): Promise<T> {
  if (aborted) throw new Error(`tree-sitter is unavailable after an earlier failure (${aborted})`);
  if (text.length > TREE_SITTER_MAX_CHARS) {
    if (cacheKey) forgetTree(cacheKey);
    throw new TooComplexError('too-complex', `${text.length} characters is over the ${TREE_SITTER_MAX_CHARS} the ${grammar} syntax parser accepts`);
  }
  const parser = await getParser(grammar);
  const kept = cacheKey ? incremental.get(cacheKey) : undefined;
  let old: Tree | undefined;
  if (kept && kept.grammar === grammar) {
    if (kept.text === text) return fn(kept.tree.rootNode);
    old = kept.tree;
    old.edit(editOf(kept.text, text));
  } else if (kept) forgetTree(cacheKey!);
  const budget = new ParseBudget(`tree-sitter ${grammar}`);
  let tree: Tree | null;
  try {
    tree = parser.parse(text, old, { progressCallback: budget.progress });
  } catch (e) {
    // An emscripten abort ("Aborted()") leaves the WASM instance unusable: remember it so later
    // files fail fast with a clear reason instead of a stream of aborts.
    if (/Aborted\(/.test(String((e as Error)?.message))) aborted = String((e as Error).message).split('.')[0];
    throw e;
  }
  if (!tree) {
    if (cacheKey) forgetTree(cacheKey); // the kept tree was edited for a text it never parsed
    if (budget.exceeded) {
      parser.reset();
      throw budget.exceeded;
    }
    throw new Error(`tree-sitter ${grammar}: parse returned no tree`);
  }
  if (old) old.delete();
  if (!cacheKey) {
    try {
      return fn(tree.rootNode);
    } finally {
      tree.delete();
    }
  }
  incremental.delete(cacheKey);
  incremental.set(cacheKey, { grammar, text, tree });
  if (incremental.size > INCREMENTAL_ENTRIES) forgetTree(incremental.keys().next().value!);
  return fn(tree.rootNode);
}

/** True when `[start, end)` overlaps one of the sorted `[s, e, s, e, ...]` ranges. */
export function overlaps(ranges: readonly number[], start: number, end: number): boolean {
  const i = firstEndingAfter(ranges, start);
  return i < ranges.length / 2 && ranges[2 * i] < end;
}

/** Index of the first range of `ranges` (sorted start, end pairs) that ends after `at`. */
function firstEndingAfter(ranges: readonly number[], at: number): number {
  let lo = 0;
  let hi = ranges.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid + 1] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first offset at or after `at` that lies in one of `ranges` (sorted start, end pairs). */
function nextFocus(ranges: readonly number[], at: number): number | undefined {
  const i = firstEndingAfter(ranges, at);
  return i < ranges.length / 2 ? Math.max(at, ranges[2 * i]) : undefined;
}

/**
 * The walk with keyword ranges: from each node, straight to the children that reach the next
 * range (tree-sitter finds the child in its own memory; stepping sibling by sibling costs a call
 * each, thousands in a long file). An explicit stack: trees can be deeper than the JS stack.
 */
function walkFocused(root: TSNode, visit: (node: TSNode) => boolean | void, focus: readonly number[]): void {
  if (!overlaps(focus, root.startIndex, root.endIndex)) return;
  if (root.isNamed && visit(root) === false) return;
  const stack: { node: TSNode; end: number; at: number | undefined }[] = [{ node: root, end: root.endIndex, at: nextFocus(focus, root.startIndex) }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const child = top.at !== undefined && top.at < top.end ? top.node.firstChildForIndex(top.at) : null;
    if (!child) {
      stack.pop();
      continue;
    }
    // the child ends after `at` (tree-sitter's contract), so `at` moves forward
    const start = child.startIndex;
    const end = child.endIndex;
    top.at = nextFocus(focus, end);
    if (!overlaps(focus, start, end)) continue;
    if (child.isNamed && visit(child) === false) continue;
    stack.push({ node: child, end, at: nextFocus(focus, start) });
  }
}

/**
 * Depth-first walk over named nodes (no recursion, no per-node arrays). `visit` returns false to
 * skip a subtree. With `focus` (keyword ranges), subtrees that overlap none are skipped without
 * being materialised: most of a large file is never visited.
 */
export function walk(root: TSNode, visit: (node: TSNode) => boolean | void, focus?: readonly number[]): void {
  if (focus) return walkFocused(root, visit, focus);
  const cursor = root.walk();
  try {
    let descend = true;
    for (;;) {
      if (descend) {
        const node = cursor.currentNode;
        const go = node.isNamed ? visit(node) !== false : true;
        if (go && cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!cursor.gotoParent()) return;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
}
