/**
 * JavaScript, TypeScript and TSX through tree-sitter. Emits imports (static `import`, `export ...
 * from`, dynamic `import()`, `require()`, TypeScript `import x = require()`), calls and `new`
 * with string-literal arguments (an object-literal argument's literal properties become
 * `kwargs`), strings (template literals and `+` concatenations joined with `${}`) with the
 * property / variable they are assigned to, and `process.env` / `import.meta.env` reads
 * (member, subscript and destructuring). Comments and directive strings emit nothing.
 */
import type { ArtifactKind } from '../types';
import type { Grammar, TSNode } from '../parsers/treesitter';
import { callStart, calleeName, contextOf, isEnvName, lastName, type SourceContext, type SourceLanguage, type StrInfo, staticString, withHoles, plusOperands, sourceAnalyzer } from './source';


const ARG_LISTS = new Set(['arguments', 'template_string']);
const ENV_OBJECTS = /^(process\.env|import\.meta\.env|Bun\.env)$/;

function literal(node: TSNode): StrInfo | undefined {
  if (node.type === 'string') {
    return { value: node.text.slice(1, -1), start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
  }
  if (node.type === 'template_string') {
    const holes = node.namedChildren.filter((c): c is TSNode => c?.type === 'template_substitution');
    return { value: withHoles(node, node.startIndex + 1, node.endIndex - 1, holes), start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
  }
  return undefined;
}

function propertyName(k: TSNode | null): string | undefined {
  if (!k) return undefined;
  if (k.type === 'string') return k.text.slice(1, -1);
  if (k.type === 'computed_property_name') return staticString(lang('javascript'), k.namedChildren[0])?.value;
  return k.text;
}

function literalValue(node: TSNode | null): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'true':
    case 'false':
    case 'null':
    case 'number':
      return node.text;
    default:
      return staticString(lang('javascript'), node)?.value;
  }
}

function keyOf(this: SourceLanguage, node: TSNode): string | undefined {
  const { parent, child } = contextOf(this, node, new Set(['as_expression', 'satisfies_expression', 'non_null_expression']));
  if (!parent) return undefined;
  switch (parent.type) {
    case 'pair':
      return parent.childForFieldName('value')?.id === child.id ? propertyName(parent.childForFieldName('key')) : undefined;
    case 'variable_declarator':
    case 'public_field_definition':
    case 'property_signature': {
      const n = parent.childForFieldName('name');
      return n && n.id !== child.id ? n.text : undefined;
    }
    case 'assignment_expression': {
      if (parent.childForFieldName('right')?.id !== child.id) return undefined;
      const left = parent.childForFieldName('left');
      if (left?.type === 'subscript_expression') return staticString(this, left.childForFieldName('index'))?.value;
      return left ? lastName(left.text) : undefined;
    }
    case 'jsx_attribute':
      return parent.namedChildren[0]?.text;
    default:
      return undefined;
  }
}

function argsOf(list: TSNode | null): { args: (string | undefined)[]; kwargs: Record<string, string> } {
  const args: (string | undefined)[] = [];
  const kwargs: Record<string, string> = {};
  for (const a of list?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'object') {
      for (const p of a.namedChildren) {
        if (p?.type !== 'pair') continue;
        const k = propertyName(p.childForFieldName('key'));
        const v = literalValue(p.childForFieldName('value'));
        if (k !== undefined && v !== undefined && !(k in kwargs)) kwargs[k] = v;
      }
      args.push(undefined);
    } else {
      args.push(staticString(lang('javascript'), a)?.value);
    }
  }
  return { args, kwargs };
}

function pushImport(ctx: SourceContext, s: TSNode | null | undefined, stmt: TSNode): void {
  const v = ctx.staticString(s);
  if (v && v.value) ctx.push({ kind: 'import', value: v.value, start: stmt.startIndex, end: stmt.endIndex });
}

function envFromPattern(ctx: SourceContext, pattern: TSNode): void {
  for (const p of pattern.namedChildren) {
    if (!p) continue;
    if (p.type === 'shorthand_property_identifier_pattern') ctx.push({ kind: 'env-read', value: p.text, start: p.startIndex, end: p.endIndex });
    else if (p.type === 'pair_pattern' || p.type === 'object_assignment_pattern') {
      const k = p.type === 'pair_pattern' ? p.childForFieldName('key') : p.childForFieldName('left');
      const name = propertyName(k);
      if (k && isEnvName(name)) ctx.push({ kind: 'env-read', value: name, start: k.startIndex, end: k.endIndex });
    }
  }
}

function visit(node: TSNode, ctx: SourceContext): boolean | void {
  switch (node.type) {
    case 'expression_statement': {
      const only = node.namedChildCount === 1 ? node.namedChildren[0] : null;
      if (only && only.type === 'string') return false; // directives ("use strict")
      return true;
    }
    case 'import_statement': {
      const src = node.childForFieldName('source') ?? node.namedChildren.find((c) => c?.type === 'import_require_clause')?.childForFieldName('source');
      pushImport(ctx, src, node);
      // named imports: `import { AzureOpenAI } from "openai"` also gives `openai.AzureOpenAI`
      const from = ctx.staticString(src)?.value;
      const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
      const named = clause?.namedChildren.find((c) => c?.type === 'named_imports');
      if (from) for (const spec of named?.namedChildren ?? []) {
        const n = spec?.type === 'import_specifier' ? spec.childForFieldName('name') : null;
        if (n) ctx.push({ kind: 'import', value: `${from}.${propertyName(n)}`, start: node.startIndex, end: node.endIndex });
      }
      return false;
    }
    case 'export_statement': {
      const src = node.childForFieldName('source');
      if (src) pushImport(ctx, src, node);
      return true;
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const list = node.childForFieldName('arguments');
      if (!fn) return true;
      if (list?.type !== 'arguments') return true; // tagged template
      if (fn.type === 'import' || (fn.type === 'identifier' && fn.text === 'require')) {
        pushImport(ctx, list.namedChildren.find((c) => c && c.type !== 'comment'), node);
        return true;
      }
      const name = calleeName(fn, ARG_LISTS);
      const { args, kwargs } = argsOf(list);
      if (/^Deno\.env\.get$/.test(name) && isEnvName(args[0])) {
        const s = ctx.staticString(list.namedChildren[0])!;
        ctx.push({ kind: 'env-read', value: args[0], start: s.start, end: s.end });
      }
      ctx.pushCall('call', name.replace(/^await /, ''), callStart(node, fn.type === 'member_expression' ? fn.childForFieldName('property') : null, name), node.endIndex, args, kwargs);
      return true;
    }
    case 'new_expression': {
      const ctor = node.childForFieldName('constructor');
      if (!ctor) return true;
      const { args, kwargs } = argsOf(node.childForFieldName('arguments'));
      ctx.pushCall('new', calleeName(ctor, ARG_LISTS).replace(/<.*>$/, ''), node.startIndex, node.endIndex, args, kwargs);
      return true;
    }
    case 'member_expression': {
      const obj = node.childForFieldName('object');
      const prop = node.childForFieldName('property');
      if (obj && prop && ENV_OBJECTS.test(obj.text.replace(/\s+/g, '')) && isEnvName(prop.text)) {
        ctx.push({ kind: 'env-read', value: prop.text, start: prop.startIndex, end: prop.endIndex });
        return false;
      }
      return true;
    }
    case 'subscript_expression': {
      const obj = node.childForFieldName('object');
      if (obj && ENV_OBJECTS.test(obj.text.replace(/\s+/g, ''))) {
        const s = ctx.staticString(node.childForFieldName('index'));
        if (s && isEnvName(s.value)) ctx.push({ kind: 'env-read', value: s.value, start: s.start, end: s.end });
      }
      return true;
    }
    case 'variable_declarator': {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      if (name?.type === 'object_pattern' && value && ENV_OBJECTS.test(value.text.replace(/\s+/g, ''))) envFromPattern(ctx, name);
      // `const { AzureOpenAI } = require("openai")` also gives `openai.AzureOpenAI`
      let call = value;
      while (call?.type === 'await_expression') call = call.namedChildren[0] ?? null;
      const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
      if (name?.type === 'object_pattern' && fn && (fn.type === 'import' || fn.text === 'require')) {
        const from = ctx.staticString(call!.childForFieldName('arguments')?.namedChildren[0])?.value;
        for (const p of name.namedChildren) {
          const k = p?.type === 'shorthand_property_identifier_pattern' ? p : p?.type === 'pair_pattern' ? p.childForFieldName('key') : null;
          if (from && k) ctx.push({ kind: 'import', value: `${from}.${propertyName(k)}`, start: call!.startIndex, end: call!.endIndex });
        }
      }
      return true;
    }
    default:
      return true;
  }
}

const LANGS = new Map<Grammar, SourceLanguage>();

function lang(grammar: 'javascript' | 'typescript' | 'tsx'): SourceLanguage {
  let l = LANGS.get(grammar);
  if (!l) {
    const artifact: ArtifactKind = grammar === 'javascript' ? 'javascript' : 'typescript';
    const made: SourceLanguage = {
      grammar,
      artifact,
      comments: new Set(['comment', 'html_comment']),
      literal,
      concat: plusOperands('binary_expression'),
      transparent: new Set(['parenthesized_expression']),
      keyOf: (n) => keyOf.call(made, n),
      visit,
    };
    l = made;
    LANGS.set(grammar, l);
  }
  return l;
}

export const analyzeJavaScript = sourceAnalyzer(() => lang('javascript'));

export const analyzeTypeScript = sourceAnalyzer(() => lang('typescript'));

export const analyzeTsx = sourceAnalyzer(() => lang('tsx'));
