/**
 * Comment syntax per file kind, and the text edits that write suppression directives.
 * Pure: no `vscode` import (unit-tested under plain node).
 */

export interface CommentSyntax {
  /** Line comment start (`#`, `//`) or block start (`<!--`). */
  start: string;
  /** Block comment end, when the syntax has no line comment (`-->`). */
  end?: string;
}

const HASH: CommentSyntax = { start: '#' };
const SLASH: CommentSyntax = { start: '//' };
const XML: CommentSyntax = { start: '<!--', end: '-->' };

const BY_LANGUAGE: Record<string, CommentSyntax | null> = {
  terraform: HASH,
  'terraform-vars': HASH,
  hcl: HASH,
  yaml: HASH,
  'github-actions-workflow': HASH,
  'azure-pipelines': HASH,
  dockercompose: HASH,
  helm: HASH,
  python: HASH,
  shellscript: HASH,
  powershell: HASH,
  dotenv: HASH,
  properties: HASH,
  'java-properties': HASH,
  makefile: HASH,
  toml: HASH,
  'pip-requirements': HASH,
  javascript: SLASH,
  javascriptreact: SLASH,
  typescript: SLASH,
  typescriptreact: SLASH,
  go: SLASH,
  'go.mod': SLASH,
  java: SLASH,
  csharp: SLASH,
  bicep: SLASH,
  groovy: SLASH,
  kotlin: SLASH,
  jsonc: SLASH,
  xml: XML,
  json: null,
};

const HASH_EXT = ['.tf', '.tfvars', '.hcl', '.yaml', '.yml', '.py', '.pyi', '.sh', '.bash', '.zsh', '.ps1', '.psm1', '.env', '.properties', '.mk', '.toml', '.txt', '.in'];
const SLASH_EXT = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.go', '.java', '.cs', '.bicep', '.bicepparam', '.gradle', '.kts', '.jsonc'];
const XML_EXT = ['.xml', '.csproj', '.fsproj', '.vbproj', '.props', '.config'];

/**
 * The comment syntax to write a directive in, by path first (the engine reads files by path), then
 * by language id. `undefined`: the file kind has no comments (JSON): only config-based disabling applies.
 */
export function commentSyntaxFor(path: string, languageId?: string): CommentSyntax | undefined {
  const base = path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
  if (base.endsWith('.tf.json') || base.endsWith('.tfvars.json') || base.endsWith('.json')) return undefined;
  if (base === 'makefile' || base === 'gnumakefile' || base === 'pipfile' || /^\.env(\.|$)/.test(base)) return HASH;
  if (base === 'go.mod') return SLASH;
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot) : '';
  if (HASH_EXT.includes(ext)) return HASH;
  if (SLASH_EXT.includes(ext)) return SLASH;
  if (XML_EXT.includes(ext)) return XML;
  if (languageId && languageId in BY_LANGUAGE) return BY_LANGUAGE[languageId] ?? undefined;
  return undefined;
}

/** A single text edit in 0-based line/character positions (the adapter turns it into a vscode.TextEdit). */
export interface LineEdit {
  line: number;
  character: number;
  /** Characters to replace from (line, character) on the same line (0: insertion). */
  deleteCount: number;
  text: string;
}

export class SuppressionError extends Error {}

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reasons are one line; comment terminators inside them would end the comment. */
export function cleanReason(reason: string, syntax: CommentSyntax): string {
  let r = reason.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (syntax.end) r = r.split(syntax.end).join('');
  return r;
}

function directive(kind: 'line' | 'file', rule: string, reason: string, syntax: CommentSyntax): string {
  const word = kind === 'file' ? 'ai-lockin-audit-ignore-file' : 'ai-lockin-audit-ignore';
  return `${syntax.start} ${word} ${rule}: ${reason}${syntax.end ? ` ${syntax.end}` : ''}`;
}

function lineBreak(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

function validate(rule: string, reason: string, syntax: CommentSyntax): string {
  if (!RULE_ID.test(rule)) throw new SuppressionError(`not a rule id: ${JSON.stringify(rule)}`);
  const r = cleanReason(reason, syntax);
  if (!r) throw new SuppressionError('a suppression needs a reason');
  return r;
}

/**
 * The edit that suppresses `rule` on 0-based `line`: a directive line above it, at the same
 * indentation (the engine applies a directive alone on a line to the next line). When the line
 * above already holds a directive for this line, the rule is added to it instead.
 */
export function suppressionEdit(text: string, line: number, rule: string, reason: string, syntax: CommentSyntax): LineEdit {
  const r = validate(rule, reason, syntax);
  const lines = text.split(/\r?\n/);
  if (line < 0 || line >= lines.length) throw new SuppressionError(`line ${line + 1} is outside the file`);
  const target = lines[line];
  const indent = /^[ \t]*/.exec(target)![0];
  return { line, character: 0, deleteCount: 0, text: `${indent}${directive('line', rule, r, syntax)}${lineBreak(text)}` };
}

/**
 * The edit that suppresses `rule` in the whole file: a file directive at the top, after a shebang,
 * an XML declaration, a `yaml-language-server` modeline or a Python encoding line.
 */
export function fileSuppressionEdit(text: string, rule: string, reason: string, syntax: CommentSyntax): LineEdit {
  const r = validate(rule, reason, syntax);
  const lines = text.split(/\r?\n/);
  let at = 0;
  while (at < lines.length && at < 2 && /^(#!|<\?xml|# yaml-language-server:|#.*coding[:=])/.test(lines[at])) at++;
  const nl = lineBreak(text);
  if (at >= lines.length) {
    return { line: lines.length - 1, character: lines[lines.length - 1].length, deleteCount: 0, text: `${nl}${directive('file', rule, r, syntax)}` };
  }
  return { line: at, character: 0, deleteCount: 0, text: `${directive('file', rule, r, syntax)}${nl}` };
}

/** Apply line edits to text (for tests and previews). Edits must not overlap. */
export function applyLineEdits(text: string, edits: LineEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const abs = edits.map((e) => ({ at: starts[e.line] + e.character, del: e.deleteCount, text: e.text })).sort((a, b) => b.at - a.at);
  let out = text;
  for (const e of abs) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.del);
  return out;
}
