/**
 * Shell scripts through tree-sitter-bash, also used for CI `run:`/`script:` steps, container
 * commands and Makefile recipes. Emits:
 *
 * - `command` for every simple command, also inside `$(...)`, pipelines and lists: value = the
 *   program and its arguments as words (quotes removed, wrappers such as `sudo`/`env` dropped),
 *   so a rule can match `^az\s+ml\b` rather than scan a line; the range is the command on its
 *   first line;
 * - `string` for each argument (`key` = the `--flag` it belongs to) and assignment value;
 * - `key` for variable assignments (`export AZURE_OPENAI_ENDPOINT=...`).
 *
 * Comments and heredoc bodies never produce atoms.
 */
import type { Atom } from '../types';
import { type TSNode, walk, withTree } from '../parsers/treesitter';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

const WRAPPERS = new Set(['sudo', 'time', 'nohup', 'exec', 'command', 'env', 'builtin', 'doas']);
const ARG_TYPES = new Set(['word', 'string', 'raw_string', 'concatenation', 'number', 'simple_expansion', 'expansion', 'command_substitution', 'ansi_c_string', 'translated_string', 'arithmetic_expansion']);

/** Static text of a word: quotes removed, expansions kept as written. */
export function wordText(node: TSNode): string {
  switch (node.type) {
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string':
    case 'translated_string': {
      const t = node.text;
      const inner = node.type === 'translated_string' ? t.slice(2, -1) : t.slice(1, -1);
      return inner.replace(/\\(["\\$`])/g, '$1');
    }
    case 'concatenation':
      return node.namedChildren.map((c) => (c ? wordText(c) : '')).join('');
    case 'word':
      return node.text.replace(/\\(.)/g, '$1');
    default:
      return node.text;
  }
}

/** Content range of a word (inside quotes). */
function contentRange(node: TSNode): { start: number; end: number } {
  if (node.type === 'raw_string' || node.type === 'string') return { start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
  if (node.type === 'ansi_c_string' || node.type === 'translated_string') return { start: node.startIndex + 2, end: Math.max(node.startIndex + 2, node.endIndex - 1) };
  return { start: node.startIndex, end: node.endIndex };
}

function firstLineEnd(text: string, start: number, end: number): number {
  const nl = text.indexOf('\n', start);
  let e = nl >= 0 && nl < end ? nl : end;
  while (e > start && /[\s\\]/.test(text[e - 1])) e--;
  return e;
}

/** `NAME=value` or `A=1,B=2` (environment-style pairs); undefined when the word is not one. */
function envPairs(word: string): { name: string; value: string; at: number; valueAt: number }[] | undefined {
  const first = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word);
  if (!first) return undefined;
  // split on commas that start another NAME=
  const out: { name: string; value: string; at: number; valueAt: number }[] = [];
  const re = /(?:^|,)([A-Za-z_][A-Za-z0-9_]*)=/g;
  const starts: { name: string; at: number; valueAt: number }[] = [];
  for (let m = re.exec(word); m; m = re.exec(word)) {
    const at = m.index + (m[0].startsWith(',') ? 1 : 0);
    starts.push({ name: m[1], at, valueAt: at + m[1].length + 1 });
  }
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at - 1 : word.length;
    out.push({ ...s, value: word.slice(s.valueAt, end) });
  });
  return out;
}

function assignmentAtoms(atoms: Atom[], node: TSNode): void {
  const name = node.childForFieldName('name');
  const value = node.childForFieldName('value');
  if (!name || name.type !== 'variable_name') return;
  const text = value ? wordText(value) : '';
  atoms.push({ kind: 'key', value: name.text, start: name.startIndex, end: name.endIndex, text, path: name.text });
  if (value && ARG_TYPES.has(value.type) && value.type !== 'command_substitution') {
    const r = contentRange(value);
    atoms.push({ kind: 'string', value: text, start: r.start, end: r.end, key: name.text });
  }
}

function commandAtoms(atoms: Atom[], node: TSNode, text: string): void {
  const words: { value: string; node: TSNode }[] = [];
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'variable_assignment') {
      assignmentAtoms(atoms, c);
      continue;
    }
    if (c.type === 'command_name') {
      const w = c.namedChildren[0] ?? c;
      words.push({ value: wordText(w), node: w });
      continue;
    }
    if (ARG_TYPES.has(c.type)) words.push({ value: wordText(c), node: c });
  }
  // drop wrappers (sudo -E, env X=1, time ...) in front of the real program
  let i = 0;
  while (i < words.length - 1 && WRAPPERS.has(words[i].value)) {
    i++;
    while (i < words.length - 1 && (words[i].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) {
      // options of sudo/env that take a value: -u user, -g group, -C fd, -u NAME (env)
      if (/^-[ugCDhpr]$/.test(words[i].value)) i++;
      i++;
    }
  }
  const own = words.slice(i);
  if (!own.length) return;
  const start = own[0].node.startIndex;
  atoms.push({ kind: 'command', value: own.map((w) => w.value).join(' '), start, end: firstLineEnd(text, start, node.endIndex) });
  let flag: string | undefined;
  for (const w of own.slice(1)) {
    const r = contentRange(w.node);
    const eq = /^(--?[A-Za-z][\w-]*)=/.exec(w.value);
    if (eq && w.node.type === 'word') {
      const rest = w.value.slice(eq[0].length);
      const pairs = envPairs(rest);
      if (pairs) {
        for (const p of pairs) {
          const base = r.start + eq[0].length;
          atoms.push({ kind: 'key', value: p.name, start: base + p.at, end: base + p.at + p.name.length, text: p.value, path: p.name });
          atoms.push({ kind: 'string', value: p.value, start: base + p.valueAt, end: base + p.valueAt + p.value.length, key: p.name });
        }
      } else {
        atoms.push({ kind: 'string', value: rest, start: r.start + eq[0].length, end: r.end, key: eq[1].replace(/^-+/, '') });
      }
      flag = undefined;
      continue;
    }
    if (/^--?[A-Za-z][\w-]*$/.test(w.value) && w.node.type === 'word') {
      flag = w.value.replace(/^-+/, '');
      continue;
    }
    if (w.node.type !== 'command_substitution') {
      const pairs = envPairs(w.value);
      if (pairs && r.end - r.start === w.value.length) {
        // NAME=value arguments (`docker run -e X=1`, `--set-env-vars=A=1,B=2`, `--settings X=...`)
        for (const p of pairs) {
          atoms.push({ kind: 'key', value: p.name, start: r.start + p.at, end: r.start + p.at + p.name.length, text: p.value, path: p.name });
          atoms.push({ kind: 'string', value: p.value, start: r.start + p.valueAt, end: r.start + p.valueAt + p.value.length, key: p.name });
        }
      } else {
        atoms.push({ kind: 'string', value: w.value, start: r.start, end: r.end, key: flag });
      }
    }
    flag = undefined;
  }
}

/** Atoms of a bash text (offsets are the text's own). */
export async function shellAtoms(text: string, problems?: ParseProblem[]): Promise<Atom[]> {
  const atoms: Atom[] = [];
  await withTree('bash', text, (root) => {
    walk(root, (node) => {
      switch (node.type) {
        case 'comment':
        case 'heredoc_body':
          return false;
        case 'ERROR':
          problems?.push({ start: node.startIndex, end: node.endIndex, message: 'shell syntax error' });
          return true;
        case 'command':
          commandAtoms(atoms, node, text);
          return true; // command substitutions inside arguments
        case 'variable_assignment':
          if (node.parent?.type !== 'command') assignmentAtoms(atoms, node);
          return true;
        default:
          return true;
      }
    });
  });
  return atoms;
}

export async function analyzeShell(input: AnalyzeInput): Promise<AnalyzeOutput> {
  const problems: ParseProblem[] = [];
  const atoms = await shellAtoms(input.text, problems);
  return { artifact: 'shell', atoms, problems };
}
