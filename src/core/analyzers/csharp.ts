/**
 * C# source through tree-sitter-c-sharp. Emits `using` directives (the namespace, not the
 * alias), invocations (`builder.Services.AddAzureOpenAIChatCompletion`) with string-literal
 * arguments (named arguments become `kwargs`), object creations (`new AzureOpenAIClient`),
 * strings (verbatim, raw and interpolated strings; `+` concatenations joined with `${}`) with the
 * variable / property / named argument they are assigned to, and
 * `Environment.GetEnvironmentVariable` reads. Comments emit nothing.
 */
import type { TSNode } from '../parsers/treesitter';
import { callStart, calleeName, contextOf, isEnvName, lastName, type SourceContext, type SourceLanguage, type StrInfo, staticString, withHoles, plusOperands, sourceAnalyzer } from './source';


const ARG_LISTS = new Set(['argument_list', 'type_argument_list']);

function literal(node: TSNode): StrInfo | undefined {
  switch (node.type) {
    case 'string_literal': {
      const close = node.text.lastIndexOf('"');
      return { value: node.text.slice(1, close), start: node.startIndex + 1, end: node.startIndex + Math.max(1, close) };
    }
    case 'verbatim_string_literal':
      return { value: node.text.slice(2, -1), start: node.startIndex + 2, end: Math.max(node.startIndex + 2, node.endIndex - 1) };
    case 'raw_string_literal': {
      const content = node.namedChildren.find((c) => c?.type === 'raw_string_content');
      if (!content) return { value: '', start: node.startIndex, end: node.endIndex };
      return { value: content.text, start: content.startIndex, end: content.endIndex };
    }
    case 'interpolated_string_expression': {
      const m = /^[$@]+("+)/.exec(node.text);
      if (!m) return undefined;
      const start = node.startIndex + m[0].length;
      const end = Math.max(start, node.endIndex - m[1].length);
      const holes = node.namedChildren.filter((c): c is TSNode => c?.type === 'interpolation');
      return { value: withHoles(node, start, end, holes), start, end };
    }
    default:
      return undefined;
  }
}

function keyOf(node: TSNode): string | undefined {
  const { parent, child } = contextOf(CSHARP, node);
  if (!parent) return undefined;
  switch (parent.type) {
    case 'argument':
      return parent.childForFieldName('name')?.text;
    case 'variable_declarator': {
      const n = parent.childForFieldName('name');
      return n && n.id !== child.id ? n.text : undefined;
    }
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      if (!left || left.id === child.id) return undefined;
      if (left.type === 'element_binding_expression') return staticString(CSHARP, left.namedChildren[0]?.namedChildren[0])?.value;
      return lastName(left.text);
    }
    case 'anonymous_object_creation_expression': {
      const prev = child.previousNamedSibling;
      return prev?.type === 'identifier' ? prev.text : undefined;
    }
    case 'property_declaration':
      return parent.childForFieldName('name')?.text;
    default:
      return undefined;
  }
}

function argsOf(ctx: SourceContext, list: TSNode | null): { args: (string | undefined)[]; kwargs: Record<string, string>; first?: TSNode } {
  const args: (string | undefined)[] = [];
  const kwargs: Record<string, string> = {};
  let first: TSNode | undefined;
  for (const a of list?.namedChildren ?? []) {
    if (a?.type !== 'argument') continue;
    const name = a.childForFieldName('name');
    const expr = a.namedChildren.find((c) => c && c.id !== name?.id);
    if (name) {
      const v = !expr ? undefined : (/^(boolean_literal|integer_literal|real_literal|null_literal)$/.test(expr.type) ? expr.text : ctx.staticString(expr)?.value);
      if (v !== undefined) kwargs[name.text] = v;
    } else {
      first ??= expr ?? undefined;
      args.push(ctx.staticString(expr)?.value);
    }
  }
  return { args, kwargs, first };
}

function visit(node: TSNode, ctx: SourceContext): boolean | void {
  switch (node.type) {
    case 'using_directive': {
      const alias = node.childForFieldName('name');
      const ns = [...node.namedChildren].reverse().find((c) => c && c.id !== alias?.id && (c.type === 'qualified_name' || c.type === 'identifier'));
      if (ns) ctx.push({ kind: 'import', value: ns.text.replace(/\s+/g, ''), start: node.startIndex, end: node.endIndex });
      return false;
    }
    case 'namespace_declaration':
    case 'file_scoped_namespace_declaration':
      return true;
    case 'invocation_expression': {
      const fn = node.childForFieldName('function');
      if (!fn) return true;
      const name = calleeName(fn, ARG_LISTS);
      const { args, kwargs, first } = argsOf(ctx, node.childForFieldName('arguments'));
      if (/^(System\.)?Environment\.GetEnvironmentVariable$/.test(name) && isEnvName(args[0]) && first) {
        const s = ctx.staticString(first)!;
        ctx.push({ kind: 'env-read', value: args[0], start: s.start, end: s.end });
      }
      ctx.pushCall('call', name, callStart(node, fn.type === 'member_access_expression' ? fn.childForFieldName('name') : null, name), node.endIndex, args, kwargs);
      return true;
    }
    case 'object_creation_expression': {
      const type = node.childForFieldName('type');
      if (!type) return true;
      const { args, kwargs } = argsOf(ctx, node.childForFieldName('arguments'));
      ctx.pushCall('new', type.text.replace(/<[\s\S]*>$/, '').replace(/\s+/g, ''), node.startIndex, node.endIndex, args, kwargs);
      return true;
    }
    default:
      return true;
  }
}

export const CSHARP: SourceLanguage = {
  grammar: 'c-sharp',
  artifact: 'csharp',
  comments: new Set(['comment']),
  literal,
  concat: plusOperands('binary_expression'),
  transparent: new Set(['parenthesized_expression']),
  keyOf,
  visit,
};

export const analyzeCSharp = sourceAnalyzer(CSHARP);
