/**
 * Line-oriented key/value files: .env (KEY=VALUE, `export KEY=VALUE`, quoted values) and Java
 * .properties (`key=value`, `key: value`, `key value`). Comment lines never yield atoms.
 */
import type { Atom, ArtifactKind } from '../types';
import type { AnalyzeInput, AnalyzeOutput } from './types';

const DOTENV = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;
const PROPERTIES = /^(\s*)([^\s=:#!][^=:\s]*)(\s*[=:]\s*|\s+)(.*)$/;

function unquote(raw: string): { value: string; shift: number } {
  const m = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(raw);
  if (m) return { value: m[2], shift: 1 };
  const hash = raw.search(/\s#/);
  return { value: (hash >= 0 ? raw.slice(0, hash) : raw).trimEnd(), shift: 0 };
}

function analyzeLines(input: AnalyzeInput, pattern: RegExp, artifact: ArtifactKind, comment: RegExp): AnalyzeOutput {
  const atoms: Atom[] = [];
  const text = input.text;
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (!comment.test(line)) {
      const m = pattern.exec(line);
      if (m) {
        const keyStart = offset + m[1].length;
        const key = m[2];
        const valueStart = keyStart + key.length + m[3].length;
        const { value, shift } = artifact === 'dotenv' ? unquote(m[4]) : { value: m[4].trimEnd(), shift: 0 };
        atoms.push({ kind: 'key', value: key, start: keyStart, end: keyStart + key.length, text: value, path: key });
        if (value) atoms.push({ kind: 'string', value, start: valueStart + shift, end: valueStart + shift + value.length, key });
      }
    }
    offset += rawLine.length + 1;
  }
  return { artifact, atoms };
}

export function analyzeDotenv(input: AnalyzeInput): AnalyzeOutput {
  return analyzeLines(input, DOTENV, 'dotenv', /^\s*(#|$)/);
}

export function analyzeProperties(input: AnalyzeInput): AnalyzeOutput {
  return analyzeLines(input, PROPERTIES, 'app-config', /^\s*([#!]|$)/);
}
