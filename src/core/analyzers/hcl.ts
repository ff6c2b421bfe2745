/**
 * Terraform / HCL (.tf, .tfvars, .hcl) through tree-sitter-hcl. Emits resource and data source
 * types, module sources and every string literal with the attribute or object key it is
 * assigned to. Comments are never visited.
 */
import type { Atom } from '../types';
import { type TSNode, walk, withTree } from '../parsers/treesitter';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

/** Static content of a string_lit / heredoc: literal parts joined, interpolations as `${}`. */
function templateText(node: TSNode): { value: string; start: number; end: number } {
  let value = '';
  let start = -1;
  let end = -1;
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'template_literal') value += c.text;
    else if (c.type === 'template_interpolation' || c.type === 'template_directive') value += '${}';
    else continue;
    if (start < 0) start = c.startIndex;
    end = c.endIndex;
  }
  if (start < 0) {
    // empty string: report at the quotes
    start = node.startIndex;
    end = node.endIndex;
  }
  return { value, start, end };
}

/** Container env blocks whose `name` attribute names an environment variable. */
const ENV_BLOCKS = new Set(['env', 'environment_variable', 'environment_variables']);

/** The string literal an expression consists of, if it is one (with or without interpolation). */
function stringOf(expr: TSNode | null | undefined): TSNode | undefined {
  const inner = expr?.namedChildren[0];
  if (inner?.type === 'literal_value' && inner.namedChildren[0]?.type === 'string_lit') return inner.namedChildren[0];
  if (inner?.type === 'template_expr' && inner.namedChildren[0]?.type === 'quoted_template') return inner.namedChildren[0];
  return undefined;
}

/** A value's static text for a key atom: string content, or other literal text (numbers, bools). */
function scalarText(expr: TSNode): string | undefined {
  const s = stringOf(expr);
  if (s) return templateText(s).value;
  const inner = expr.namedChildren[0];
  return inner?.type === 'literal_value' ? inner.text : undefined;
}

function keyOf(node: TSNode): string | undefined {
  // string_lit -> literal_value|template_expr -> expression -> (attribute | object_elem | tuple ...)
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'attribute') return p.namedChildren[0]?.text;
    if (p.type === 'object_elem') {
      const k = p.childForFieldName('key') ?? p.namedChildren[0];
      if (!k) return undefined;
      const t = k.text;
      return t.replace(/^"|"$/g, '');
    }
    if (p.type === 'block' || p.type === 'function_call') return undefined;
  }
  return undefined;
}

export async function analyzeHcl(input: AnalyzeInput): Promise<AnalyzeOutput> {
  const atoms: Atom[] = [];
  const problems: ParseProblem[] = [];
  await withTree('hcl', input.text, (root) => {
    walk(root, (node) => {
      switch (node.type) {
        case 'comment':
          return false;
        case 'ERROR':
          problems.push({ start: node.startIndex, end: node.endIndex, message: 'HCL syntax error' });
          return true;
        case 'block': {
          const kids = node.namedChildren;
          const type = kids[0]?.type === 'identifier' ? kids[0].text : undefined;
          const labels = kids.filter((k): k is TSNode => !!k && (k.type === 'string_lit' || k.type === 'identifier')).slice(1);
          const first = labels[0];
          if ((type === 'resource' || type === 'data') && first) {
            const t = first.type === 'string_lit' ? templateText(first) : { value: first.text, start: first.startIndex, end: first.endIndex };
            atoms.push({ kind: 'resource-type', value: t.value, start: t.start, end: t.end, key: type });
          } else if (type === 'module') {
            const body = kids.find((k) => k?.type === 'body');
            for (const attr of body?.namedChildren ?? []) {
              if (attr?.type !== 'attribute' || attr.namedChildren[0]?.text !== 'source') continue;
              let str: TSNode | undefined;
              walk(attr, (n) => {
                if (n.type === 'string_lit') str = n;
                return !str;
              });
              if (str) {
                const t = templateText(str);
                atoms.push({ kind: 'module-source', value: t.value, start: t.start, end: t.end });
              }
            }
          }
          return true;
        }
        case 'object_elem': {
          // object keys are configuration keys: `variables = { SAGEMAKER_ENDPOINT_NAME = ... }`
          const k = node.childForFieldName('key') ?? node.namedChildren[0];
          const v = node.childForFieldName('val');
          const lit = k?.namedChildren[0];
          const bare = lit?.type === 'variable_expr' && lit.namedChildren.length === 1 ? lit : undefined;
          const quoted = lit?.type === 'literal_value' && lit.namedChildren[0]?.type === 'string_lit' ? lit.namedChildren[0] : undefined;
          if (k && (bare || quoted)) {
            const kt = quoted ? templateText(quoted) : { value: k.text, start: k.startIndex, end: k.endIndex };
            atoms.push({ kind: 'key', value: kt.value, start: kt.start, end: kt.end, text: v ? scalarText(v) : undefined });
          }
          return true;
        }
        case 'attribute': {
          // env entries of container blocks: `env { name = "VERTEX_INDEX_ENDPOINT" value = ... }`
          const name = node.namedChildren[0]?.text;
          const block = node.parent?.parent;
          if (name === 'name' && block?.type === 'block' && ENV_BLOCKS.has(block.namedChildren[0]?.text ?? '')) {
            const str = stringOf(node.namedChildren[1]);
            if (str) {
              const t = templateText(str);
              const valueAttr = node.parent?.namedChildren.find((a) => a?.type === 'attribute' && a.namedChildren[0]?.text === 'value');
              atoms.push({ kind: 'key', value: t.value, start: t.start, end: t.end, text: valueAttr?.namedChildren[1] ? scalarText(valueAttr.namedChildren[1]) : undefined });
            }
          }
          return true;
        }
        case 'string_lit':
        case 'quoted_template':
        case 'heredoc_template': {
          const t = templateText(node);
          if (node.parent?.type === 'block') return false; // block labels: handled above
          atoms.push({ kind: 'string', value: t.value, start: t.start, end: t.end, key: keyOf(node) });
          return false;
        }
        default:
          return true;
      }
    }, input.focus);
  }, input.cacheKey);
  return { artifact: 'terraform', atoms, problems };
}
