/**
 * Python source through tree-sitter-python. Emits imports (`import x` gives `x`; `from x import y`
 * gives `x` and `x.y`), calls with string-literal arguments and literal keyword arguments, string
 * literals (f-strings and `+` concatenations joined with `${}`) with the keyword / key / variable
 * they are assigned to, and environment reads (`os.environ[...]`, `os.getenv(...)`,
 * `os.environ.get(...)`). Comments, docstrings and other bare string statements emit nothing.
 */
import type { TSNode } from '../parsers/treesitter';
import { callStart, calleeName, contextOf, isEnvName, lastName, type SourceContext, type SourceLanguage, type StrInfo, staticString, withHoles, plusOperands, sourceAnalyzer } from './source';


const ARG_LISTS = new Set(['argument_list', 'generator_expression']);
const ENV_CALLS = /^(os\.)?(getenv|environ\.get|environ\.setdefault|environ\.pop)$|^os\.environb?\.get$/;
const ENV_MAPS = /^(os\.)?environb?$/;
const IMPORT_CALLS = /^(__import__|importlib\.import_module|import_module)$/;

function literal(node: TSNode): StrInfo | undefined {
  if (node.type === 'string') {
    const kids = node.children.filter((c): c is TSNode => !!c);
    const open = kids.find((c) => c.type === 'string_start');
    const close = [...kids].reverse().find((c) => c.type === 'string_end');
    if (!open || !close) return undefined;
    const holes = kids.filter((c) => c.type === 'interpolation');
    return { value: withHoles(node, open.endIndex, close.startIndex, holes), start: open.endIndex, end: close.startIndex };
  }
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.filter((c): c is TSNode => !!c).map(literal);
    if (!parts.length || parts.some((p) => !p)) return undefined;
    return { value: parts.map((p) => p!.value).join(''), start: node.startIndex, end: node.endIndex };
  }
  return undefined;
}

/** A literal keyword-argument value as text (`True`, `3`, the static string). */
function literalValue(node: TSNode | null): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'true':
    case 'false':
    case 'none':
    case 'integer':
    case 'float':
      return node.text;
    default:
      return staticString(PYTHON, node)?.value;
  }
}

function keyOf(node: TSNode): string | undefined {
  const { parent, child } = contextOf(PYTHON, node);
  if (!parent) return undefined;
  switch (parent.type) {
    case 'keyword_argument':
      return parent.childForFieldName('value')?.id === child.id ? parent.childForFieldName('name')?.text : undefined;
    case 'pair': {
      if (parent.childForFieldName('value')?.id !== child.id) return undefined;
      const k = parent.childForFieldName('key');
      return k ? (staticString(PYTHON, k)?.value ?? k.text) : undefined;
    }
    case 'assignment':
    case 'augmented_assignment': {
      if (parent.childForFieldName('right')?.id !== child.id) return undefined;
      const left = parent.childForFieldName('left');
      if (!left) return undefined;
      if (left.type === 'subscript') return staticString(PYTHON, left.childForFieldName('subscript'))?.value;
      return lastName(left.text);
    }
    default:
      return undefined;
  }
}

function argsOf(list: TSNode | null): { args: (string | undefined)[]; kwargs: Record<string, string> } {
  const args: (string | undefined)[] = [];
  const kwargs: Record<string, string> = {};
  for (const a of list?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const v = literalValue(a.childForFieldName('value'));
      if (name && v !== undefined) kwargs[name] = v;
    } else if (a.type !== 'list_splat' && a.type !== 'dictionary_splat') {
      args.push(staticString(PYTHON, a)?.value);
    }
  }
  return { args, kwargs };
}

function visit(node: TSNode, ctx: SourceContext): boolean | void {
  switch (node.type) {
    case 'expression_statement': {
      // docstrings and other bare strings are prose, not code
      const only = node.namedChildCount === 1 ? node.namedChildren[0] : null;
      if (only && (only.type === 'string' || only.type === 'concatenated_string')) return false;
      return true;
    }
    case 'import_statement': {
      for (const n of node.childrenForFieldName('name')) {
        const dotted = n?.type === 'aliased_import' ? n.childForFieldName('name') : n;
        if (dotted) ctx.push({ kind: 'import', value: dotted.text.replace(/\s+/g, ''), start: node.startIndex, end: node.endIndex });
      }
      return false;
    }
    case 'import_from_statement': {
      const mod = node.childForFieldName('module_name');
      if (!mod || mod.type === 'relative_import') return false; // local modules
      const base = mod.text.replace(/\s+/g, '');
      ctx.push({ kind: 'import', value: base, start: node.startIndex, end: node.endIndex });
      for (const n of node.childrenForFieldName('name')) {
        const dotted = n?.type === 'aliased_import' ? n.childForFieldName('name') : n;
        if (dotted) ctx.push({ kind: 'import', value: `${base}.${dotted.text}`, start: node.startIndex, end: node.endIndex });
      }
      return false;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      if (!fn) return true;
      const name = calleeName(fn, ARG_LISTS);
      const list = node.childForFieldName('arguments');
      const { args, kwargs } = argsOf(list?.type === 'argument_list' ? list : null);
      const first = list?.namedChildren.find((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument');
      if (IMPORT_CALLS.test(name) && args[0]) ctx.push({ kind: 'import', value: args[0], start: node.startIndex, end: node.endIndex });
      if (ENV_CALLS.test(name) && isEnvName(args[0]) && first) {
        const s = staticString(PYTHON, first)!;
        ctx.push({ kind: 'env-read', value: args[0], start: s.start, end: s.end });
      }
      ctx.pushCall('call', name, callStart(node, fn.type === 'attribute' ? fn.childForFieldName('attribute') : null, name), node.endIndex, args, kwargs);
      return true;
    }
    case 'subscript': {
      const obj = node.childForFieldName('value');
      const sub = node.childForFieldName('subscript');
      if (obj && sub && ENV_MAPS.test(obj.text.replace(/\s+/g, ''))) {
        const s = staticString(PYTHON, sub);
        if (s && isEnvName(s.value)) ctx.push({ kind: 'env-read', value: s.value, start: s.start, end: s.end });
      }
      return true;
    }
    default:
      return true;
  }
}

/**
 * A top-level statement at `offset` starts a document of its own (segments.ts): it starts a line
 * with an ASCII letter or `_`, and the line before does not end in a `\\` continuation (which
 * parses without error at the end of a document but joins the next line inside one). Clauses such
 * as `else:` need no test here: alone, they never parse without error.
 * test/unit/editor-incremental.test.ts checks that parse(R + B) is parse(R) then parse(B).
 */
function boundary(text: string, offset: number): boolean {
  if (text.charCodeAt(offset - 1) !== 10) return false;
  let e = offset - 1;
  if (text.charCodeAt(e - 1) === 13) e--;
  if (text.charCodeAt(e - 1) === 92) return false;
  const c = text.charCodeAt(offset);
  return c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export const PYTHON: SourceLanguage = {
  grammar: 'python',
  artifact: 'python',
  comments: new Set(['comment']),
  literal,
  concat: plusOperands('binary_operator'),
  transparent: new Set(['parenthesized_expression']),
  keyOf,
  visit,
  boundary,
};

export const analyzePython = sourceAnalyzer(PYTHON);
