/**
 * Tree-sitter in WASM (web-tree-sitter), grammars loaded once and lazily: the runtime on the
 * first parse, each grammar on the first file of its language.
 */
import { Language, Parser } from 'web-tree-sitter';
import type { Node as TSNode, Tree } from 'web-tree-sitter';
import { wasmPath } from '../assets';
import { ParseBudget, TooComplexError, TREE_SITTER_MAX_CHARS } from '../guard';

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

/** Set once the WASM instance has aborted (out of memory): it cannot be used again in this process. */
let aborted: string | undefined;

/**
 * Parse, hand the tree to `fn`, always free the WASM memory. Hostile input is bounded (see
 * guard.ts): text over `TREE_SITTER_MAX_CHARS` is not parsed, and a parse over its time or memory
 * budget is cancelled; both throw `TooComplexError`.
 */
export async function withTree<T>(grammar: Grammar, text: string, fn: (root: TSNode) => T): Promise<T> {
  if (aborted) throw new Error(`tree-sitter is unavailable after an earlier failure (${aborted})`);
  if (text.length > TREE_SITTER_MAX_CHARS) {
    throw new TooComplexError('too-complex', `${text.length} characters is over the ${TREE_SITTER_MAX_CHARS} the ${grammar} syntax parser accepts`);
  }
  const parser = await getParser(grammar);
  const budget = new ParseBudget(`tree-sitter ${grammar}`);
  let tree: Tree | null;
  try {
    tree = parser.parse(text, null, { progressCallback: budget.progress });
  } catch (e) {
    // An emscripten abort ("Aborted()") leaves the WASM instance unusable: remember it so later
    // files fail fast with a clear reason instead of a stream of aborts.
    if (/Aborted\(/.test(String((e as Error)?.message))) aborted = String((e as Error).message).split('.')[0];
    throw e;
  }
  if (!tree) {
    if (budget.exceeded) {
      parser.reset();
      throw budget.exceeded;
    }
    throw new Error(`tree-sitter ${grammar}: parse returned no tree`);
  }
  try {
    return fn(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Depth-first walk over named nodes with a cursor (no recursion, no per-node arrays). `visit` returns false to skip a subtree. */
export function walk(root: TSNode, visit: (node: TSNode) => boolean | void): void {
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
