/**
 * Tree-sitter in WASM (web-tree-sitter), grammars loaded once and lazily: the runtime on the
 * first parse, each grammar on the first file of its language.
 */
import { Language, Parser } from 'web-tree-sitter';
import type { Node as TSNode, Tree } from 'web-tree-sitter';
import { wasmPath } from '../assets';

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

/** Parse, hand the tree to `fn`, always free the WASM memory. */
export async function withTree<T>(grammar: Grammar, text: string, fn: (root: TSNode) => T): Promise<T> {
  const parser = await getParser(grammar);
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter ${grammar}: parse returned no tree`);
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
