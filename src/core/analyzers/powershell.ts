/**
 * PowerShell (.ps1, .psm1, CI `pwsh:` steps) through tree-sitter-powershell. Emits:
 *
 * - `command` for every command invocation: value = the command name and its elements as words
 *   (`New-AzCognitiveServicesAccount -ResourceGroupName rg ...`, `az ml workspace create ...`);
 * - `string` for string literals (`key` = the `-Parameter`, the variable or hashtable key they
 *   are assigned to);
 * - `key` for environment assignments `$env:NAME = ...`.
 *
 * Comments (`#`, `<# #>`) never produce atoms.
 */
import type { Atom } from '../types';
import { type TSNode, walk, withTree } from '../parsers/treesitter';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

function unquote(text: string): { value: string; shift: number; tail: number } {
  const here = /^@(["'])\r?\n([\s\S]*?)\r?\n\1@$/.exec(text);
  if (here) return { value: here[2], shift: text.indexOf('\n') + 1, tail: 2 };
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0]) {
    const q = text[0];
    const inner = text.slice(1, -1);
    return { value: q === "'" ? inner.replace(/''/g, "'") : inner.replace(/`(.)/g, '$1'), shift: 1, tail: 1 };
  }
  return { value: text, shift: 0, tail: 0 };
}

function stringNode(node: TSNode): TSNode | undefined {
  // array_literal_expression > unary_expression > string_literal, and the like: a single chain
  let n: TSNode | null = node;
  for (let d = 0; n && d < 12; d++) {
    if (n.type === 'string_literal') return n;
    if (n.namedChildCount !== 1) return undefined;
    n = n.namedChildren[0];
  }
  return undefined;
}

function variableName(text: string): string {
  return text.replace(/^\$\{?/, '').replace(/\}$/, '').replace(/^(env|script|global|local|private):/i, '');
}

/** The key a string literal is assigned to: a command parameter, a variable, a hashtable key. */
function keyOf(node: TSNode): string | undefined {
  let child: TSNode = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'command_elements') {
      let prev = child.previousNamedSibling;
      while (prev && prev.type === 'command_argument_sep') prev = prev.previousNamedSibling;
      return prev?.type === 'command_parameter' ? prev.text.replace(/^-+/, '').replace(/:$/, '') : undefined;
    }
    if (p.type === 'assignment_expression') {
      const left = p.namedChildren[0];
      return left ? variableName(left.text.trim()) : undefined;
    }
    if (p.type === 'hash_entry') {
      const k = p.namedChildren[0];
      return k ? unquote(k.text.trim()).value : undefined;
    }
    if (p.type === 'command' || p.type === 'script_block' || p.type === 'statement_block') return undefined;
  }
  return undefined;
}

function commandAtom(atoms: Atom[], node: TSNode, text: string): void {
  const name = node.childForFieldName('command_name') ?? node.namedChildren.find((c) => c?.type === 'command_name' || c?.type === 'command_name_expr');
  if (!name) return;
  const words = [unquote(name.text).value];
  const elements = node.namedChildren.find((c) => c?.type === 'command_elements');
  for (const c of elements?.namedChildren ?? []) {
    if (!c || c.type === 'command_argument_sep') continue;
    const s = stringNode(c);
    words.push(s ? unquote(s.text).value : c.text);
  }
  const start = name.startIndex;
  const nl = text.indexOf('\n', start);
  let end = nl >= 0 && nl < node.endIndex ? nl : node.endIndex;
  while (end > start && /[\s`]/.test(text[end - 1])) end--;
  atoms.push({ kind: 'command', value: words.join(' '), start, end });
}

export async function powershellAtoms(text: string, problems?: ParseProblem[]): Promise<Atom[]> {
  const atoms: Atom[] = [];
  await withTree('powershell', text, (root) => {
    walk(root, (node) => {
      switch (node.type) {
        case 'comment':
          return false;
        case 'ERROR':
          problems?.push({ start: node.startIndex, end: node.endIndex, message: 'PowerShell syntax error' });
          return true;
        case 'command':
          commandAtom(atoms, node, text);
          return true;
        case 'assignment_expression': {
          const left = node.namedChildren[0];
          const m = left ? /^\$\{?env:([A-Za-z_][A-Za-z0-9_]*)\}?$/i.exec(left.text.trim()) : null;
          if (left && m) {
            const value = node.childForFieldName('value');
            const s = value ? stringNode(value) : undefined;
            const at = left.startIndex + left.text.indexOf(m[1]);
            atoms.push({ kind: 'key', value: m[1], start: at, end: at + m[1].length, text: s ? unquote(s.text).value : value?.text, path: m[1] });
          }
          return true;
        }
        case 'string_literal': {
          const u = unquote(node.text);
          atoms.push({ kind: 'string', value: u.value, start: node.startIndex + u.shift, end: Math.max(node.startIndex + u.shift, node.endIndex - u.tail), key: keyOf(node) });
          return false;
        }
        default:
          return true;
      }
    });
  });
  return atoms;
}

export async function analyzePowershell(input: AnalyzeInput): Promise<AnalyzeOutput> {
  const problems: ParseProblem[] = [];
  const atoms = await powershellAtoms(input.text, problems);
  return { artifact: 'powershell', atoms, problems };
}
