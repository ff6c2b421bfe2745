/**
 * Makefiles: recipe lines are parsed as shell (tree-sitter-bash) on a copy of the file in which
 * everything that is not recipe text is blanked, so offsets stay the file's own. Make variable
 * assignments (`NAME ?= value`, `export NAME := value`) give `key` and `string` atoms. Make
 * comments never produce atoms; shell comments in recipes are the shell's.
 */
import type { Atom } from '../types';
import { shellAtoms } from './shell';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

const ASSIGN = /^(\s*(?:(?:export|override|private)\s+)*)([A-Za-z_][A-Za-z0-9_.-]*)(\s*(?:::=|:=|\?=|\+=|!=|=)\s*)(.*)$/;
const RULE = /^[^\s#=][^=]*?:(?!=)/;
const DIRECTIVE = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|define|endef|undefine|vpath|\.PHONY)\b/;

/** The recipe text of a Makefile, same length as the input, everything else blanked. */
export function recipeText(text: string): string {
  const out: string[] = [];
  let inRule = false;
  let continued = false;
  let continuedAssign = false;
  for (const raw of text.split('\n')) {
    const line = raw;
    const blank = line.replace(/[^\r]/g, ' ');
    if (continued || (inRule && line.startsWith('\t'))) {
      // recipe line: drop the tab and the @ - + prefixes, $$ is a literal $, $(VAR) a variable
      let body = line;
      if (!continued) {
        body = line.startsWith('\t') ? ' ' + line.slice(1) : line;
        body = body.replace(/^(\s*)([@+-]+)/, (_, ws: string, p: string) => ws + ' '.repeat(p.length));
      }
      body = body.replace(/\$\$/g, ' $').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '$${$1}');
      out.push(body);
      continued = /\\\r?$/.test(line);
      continue;
    }
    if (continuedAssign) {
      out.push(blank);
      continuedAssign = /\\\r?$/.test(line);
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      out.push(blank);
      continue;
    }
    if (DIRECTIVE.test(line)) {
      out.push(blank);
      continue;
    }
    if (ASSIGN.test(line)) {
      out.push(blank);
      continuedAssign = /\\\r?$/.test(line);
      continue;
    }
    inRule = RULE.test(line);
    // `target: prereq ; command`
    const semi = inRule ? line.indexOf(';') : -1;
    out.push(semi >= 0 ? ' '.repeat(semi + 1) + line.slice(semi + 1) : blank);
  }
  return out.join('\n');
}

export async function analyzeMakefile(input: AnalyzeInput): Promise<AnalyzeOutput> {
  const problems: ParseProblem[] = [];
  const atoms: Atom[] = [];
  // variable assignments outside recipes
  let offset = 0;
  let inRule = false;
  for (const raw of input.text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('\t') && inRule) {
      offset += raw.length + 1;
      continue;
    }
    const m = !line.trim().startsWith('#') ? ASSIGN.exec(line) : null;
    if (m) {
      inRule = false;
      const keyStart = offset + m[1].length;
      let value = m[4];
      const hash = value.search(/(^|[^\\])#/);
      if (hash >= 0) value = value.slice(0, hash + (hash > 0 ? 1 : 0));
      value = value.trimEnd();
      atoms.push({ kind: 'key', value: m[2], start: keyStart, end: keyStart + m[2].length, text: value, path: m[2] });
      const vs = keyStart + m[2].length + m[3].length;
      if (value) atoms.push({ kind: 'string', value, start: vs, end: vs + value.length, key: m[2] });
    } else if (line.trim() && !line.startsWith('\t')) {
      inRule = RULE.test(line);
    }
    offset += raw.length + 1;
  }
  for (const a of await shellAtoms(recipeText(input.text), problems)) atoms.push(a);
  return { artifact: 'makefile', atoms, problems };
}
