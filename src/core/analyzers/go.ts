/**
 * Go source through tree-sitter-go. Emits import paths, calls (`bedrockruntime.NewFromConfig`)
 * with string-literal arguments (keyed fields of composite-literal arguments become `kwargs`,
 * e.g. `Backend: genai.BackendVertexAI`), strings (`+` concatenations joined with `${}`) with the
 * field / variable they are assigned to, and `os.Getenv` / `os.LookupEnv` reads. Comments emit
 * nothing.
 */
import type { TSNode } from '../parsers/treesitter';
import { callStart, calleeName, contextOf, isEnvName, lastName, type SourceContext, type SourceLanguage, type StrInfo, staticString, plusOperands, sourceAnalyzer } from './source';


const ARG_LISTS = new Set(['argument_list']);
const ENV_CALLS = /^os\.(Getenv|LookupEnv)$/;

function literal(node: TSNode): StrInfo | undefined {
  if (node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal') {
    return { value: node.text.slice(1, -1), start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
  }
  return undefined;
}

function keyOf(node: TSNode): string | undefined {
  const { parent, child } = contextOf(GO, node, new Set(['literal_element', 'expression_list']));
  if (!parent) return undefined;
  switch (parent.type) {
    case 'keyed_element': {
      const k = parent.namedChildren[0];
      if (!k || k.id === child.id) return undefined;
      const inner = k.type === 'literal_element' ? k.namedChildren[0] : k;
      return inner ? (staticString(GO, inner)?.value ?? inner.text) : undefined;
    }
    case 'short_var_declaration':
    case 'assignment_statement': {
      const left = parent.childForFieldName('left');
      return left && left.id !== child.id ? lastName(left.namedChildren[0]?.text ?? '') : undefined;
    }
    case 'var_spec':
    case 'const_spec': {
      const n = parent.childForFieldName('name');
      return n?.text;
    }
    default:
      return undefined;
  }
}

/** Keyed fields of a composite literal (possibly behind `&`), literal or identifier values as text. */
function fieldsOf(node: TSNode, into: Record<string, string>): void {
  let n: TSNode | null = node;
  if (n.type === 'unary_expression') n = n.childForFieldName('operand');
  if (n?.type !== 'composite_literal') return;
  const body = n.childForFieldName('body');
  for (const e of body?.namedChildren ?? []) {
    if (e?.type !== 'keyed_element') continue;
    const [k, v] = e.namedChildren;
    const vv = v?.type === 'literal_element' ? v.namedChildren[0] : v;
    if (!k || !vv) continue;
    const value = staticString(GO, vv)?.value ?? (/^(identifier|selector_expression|true|false|int_literal|float_literal)$/.test(vv.type) ? vv.text : undefined);
    if (value !== undefined) into[k.text] = value;
  }
}

function visit(node: TSNode, ctx: SourceContext): boolean | void {
  switch (node.type) {
    case 'import_spec': {
      const p = ctx.staticString(node.childForFieldName('path'));
      if (p) ctx.push({ kind: 'import', value: p.value, start: node.startIndex, end: node.endIndex });
      return false;
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const list = node.childForFieldName('arguments');
      if (!fn) return true;
      const name = calleeName(fn, ARG_LISTS);
      const args: (string | undefined)[] = [];
      const kwargs: Record<string, string> = {};
      for (const a of list?.namedChildren ?? []) {
        if (!a || a.type === 'comment') continue;
        args.push(ctx.staticString(a)?.value);
        fieldsOf(a, kwargs);
      }
      if (ENV_CALLS.test(name) && isEnvName(args[0])) {
        const s = ctx.staticString(list?.namedChildren.find((c) => c && c.type !== 'comment'))!;
        ctx.push({ kind: 'env-read', value: args[0], start: s.start, end: s.end });
      }
      ctx.pushCall('call', name, callStart(node, fn.type === 'selector_expression' ? fn.childForFieldName('field') : null, name), node.endIndex, args, kwargs);
      return true;
    }
    default:
      return true;
  }
}

export const GO: SourceLanguage = {
  grammar: 'go',
  artifact: 'go',
  comments: new Set(['comment']),
  literal,
  concat: plusOperands('binary_expression'),
  transparent: new Set(['parenthesized_expression']),
  keyOf,
  visit,
};

export const analyzeGo = sourceAnalyzer(GO);
