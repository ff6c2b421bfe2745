/**
 * Java source through tree-sitter-java. Emits imports (`com.azure.ai.openai.OpenAIClientBuilder`,
 * `x.y.*`), method invocations (`BedrockRuntimeClient.builder`) and object creations (`new
 * OpenAIClientBuilder`) with string-literal arguments, strings (text blocks; `+` concatenations
 * joined with `${}`) with the variable / annotation element they are assigned to, and
 * `System.getenv` reads. Comments emit nothing.
 */
import type { Atom } from '../types';
import type { TSNode } from '../parsers/treesitter';
import { callStart, calleeName, contextOf, isEnvName, lastName, type SourceContext, type SourceLanguage, type StrInfo, plusOperands, sourceAnalyzer } from './source';


const ARG_LISTS = new Set(['argument_list', 'type_arguments']);

function literal(node: TSNode): StrInfo | undefined {
  if (node.type !== 'string_literal') return undefined;
  if (node.text.startsWith('"""')) {
    // text block: content starts on the line after the opening delimiter
    const lead = /^"""[ \t]*\r?\n?/.exec(node.text)![0].length;
    const start = node.startIndex + lead;
    return { value: node.text.slice(lead, -3), start, end: Math.max(start, node.endIndex - 3) };
  }
  return { value: node.text.slice(1, -1), start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
}

function keyOf(node: TSNode): string | undefined {
  const { parent, child } = contextOf(JAVA, node);
  if (!parent) return undefined;
  switch (parent.type) {
    case 'variable_declarator': {
      const n = parent.childForFieldName('name');
      return n && n.id !== child.id ? n.text : undefined;
    }
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      return left && left.id !== child.id ? lastName(left.text) : undefined;
    }
    case 'element_value_pair': {
      const k = parent.childForFieldName('key');
      return k && k.id !== child.id ? k.text : undefined;
    }
    default:
      return undefined;
  }
}

function argsOf(ctx: SourceContext, list: TSNode | null): (string | undefined)[] {
  const args: (string | undefined)[] = [];
  for (const a of list?.namedChildren ?? []) {
    if (!a || a.type === 'line_comment' || a.type === 'block_comment') continue;
    args.push(ctx.staticString(a)?.value);
  }
  return args;
}

function visit(node: TSNode, ctx: SourceContext): boolean | void {
  switch (node.type) {
    case 'import_declaration': {
      const name = node.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier');
      if (name) {
        const star = node.namedChildren.some((c) => c?.type === 'asterisk');
        ctx.push({ kind: 'import', value: name.text.replace(/\s+/g, '') + (star ? '.*' : ''), start: node.startIndex, end: node.endIndex });
      }
      return false;
    }
    case 'package_declaration':
      return false;
    case 'method_invocation': {
      const obj = node.childForFieldName('object');
      const name = node.childForFieldName('name');
      if (!name) return true;
      const callee = obj ? `${calleeName(obj, ARG_LISTS)}.${name.text}` : name.text;
      const list = node.childForFieldName('arguments');
      const args = argsOf(ctx, list);
      if (/^(java\.lang\.)?System\.getenv$/.test(callee) && isEnvName(args[0])) {
        const s = ctx.staticString(list?.namedChildren.find((c) => c && !/comment/.test(c.type)))!;
        ctx.push({ kind: 'env-read', value: args[0], start: s.start, end: s.end });
      }
      const atom: Atom = { kind: 'call', value: callee.length > 200 ? callee.slice(-200) : callee, start: callStart(node, name, callee), end: node.endIndex, args };
      ctx.push(atom);
      return true;
    }
    case 'object_creation_expression': {
      const type = node.childForFieldName('type');
      if (!type) return true;
      const value = type.text.replace(/<[\s\S]*>$/, '').replace(/\s+/g, '');
      ctx.push({ kind: 'new', value, start: node.startIndex, end: node.endIndex, args: argsOf(ctx, node.childForFieldName('arguments')) });
      return true;
    }
    default:
      return true;
  }
}

export const JAVA: SourceLanguage = {
  grammar: 'java',
  artifact: 'java',
  comments: new Set(['line_comment', 'block_comment']),
  literal,
  concat: plusOperands('binary_expression'),
  transparent: new Set(['parenthesized_expression']),
  keyOf,
  visit,
};

export const analyzeJava = sourceAnalyzer(JAVA);
