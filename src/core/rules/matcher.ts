/**
 * Matches analyzer atoms against the rules: clauses compiled once and indexed by atom kind.
 *
 * Patterns are compiled by a pluggable compiler into anything with `test(s): boolean`: the
 * built-in catalog uses native RegExp; user-defined rules from a config file use RE2 semantics
 * (rules/custom.ts), which cannot backtrack catastrophically.
 */
import type { ArtifactKind, Atom, AtomKind, MatchClause, Rule, Severity } from '../types';

/** A compiled pattern: native RegExp and RE2JS both fit. */
export interface PatternTest {
  test(s: string): boolean;
}

export type PatternCompiler = (pattern: string, flags?: string) => PatternTest;

export const nativeRegExp: PatternCompiler = (p, f) => new RegExp(p, f);

interface CompiledClause {
  rule: Rule;
  clause: MatchClause;
  artifacts: ReadonlySet<ArtifactKind>;
  value?: PatternTest;
  text?: PatternTest;
  key?: PatternTest;
  path?: PatternTest;
  arg?: PatternTest;
  kwarg?: [string, PatternTest][];
}

export interface Match {
  rule: Rule;
  atom: Atom;
  message: string;
  severity: Severity;
}

export class Matcher {
  private readonly byKind = new Map<AtomKind, CompiledClause[]>();

  constructor(readonly rules: readonly Rule[], compile: PatternCompiler = nativeRegExp) {
    for (const rule of rules) {
      for (const clause of rule.match) {
        const re = (p?: string) => (p === undefined ? undefined : compile(p, clause.flags));
        const c: CompiledClause = {
          rule,
          clause,
          artifacts: new Set(clause.artifacts ?? rule.artifacts),
          value: re(clause.value),
          text: re(clause.text),
          key: re(clause.key),
          path: re(clause.path),
          arg: re(clause.arg),
          kwarg: clause.kwarg ? Object.entries(clause.kwarg).map(([k, v]) => [k, compile(v, clause.flags)]) : undefined,
        };
        const list = this.byKind.get(clause.atom) ?? [];
        list.push(c);
        this.byKind.set(clause.atom, list);
      }
    }
  }

  /** All rule matches for a file's atoms; one match per rule and atom. `active` limits rules (keyword gating). */
  match(artifact: ArtifactKind, atoms: readonly Atom[], active?: (rule: Rule) => boolean): Match[] {
    const out: Match[] = [];
    // the clauses that apply to this file, decided once (a file has thousands of atoms)
    const applicable = new Map<AtomKind, CompiledClause[]>();
    for (const [kind, clauses] of this.byKind) {
      const list = clauses.filter((c) => c.artifacts.has(artifact) && (!active || active(c.rule)));
      if (list.length) applicable.set(kind, list);
    }
    for (const atom of atoms) {
      const clauses = applicable.get(atom.kind);
      if (!clauses) continue;
      let matchedRules: Set<string> | undefined;
      for (const c of clauses) {
        if (matchedRules?.has(c.rule.id)) continue;
        if (!test(c, atom)) continue;
        (matchedRules ??= new Set()).add(c.rule.id);
        out.push({
          rule: c.rule,
          atom,
          // a function replacement: `$&`, `$'` in workspace text are not replacement patterns
          message: (c.clause.message ?? c.rule.message).replace(/\{value\}/g, () => (atom.value.length > 120 ? `${atom.value.slice(0, 117)}...` : atom.value)),
          severity: c.clause.severity ?? c.rule.severity,
        });
      }
    }
    return out;
  }
}

/**
 * Longest string a pattern is tested against. Bindings (resource types, endpoints, model ids,
 * commands) are short; a multi-megabyte string literal is data, and testing it can overflow the
 * regular-expression stack (a 50 MB JSON string did) or backtrack for long. Longer strings never match.
 */
export const MAX_MATCH_INPUT = 64 * 1024;

function ok(re: PatternTest, s: string): boolean {
  return s.length <= MAX_MATCH_INPUT && re.test(s);
}

function test(c: CompiledClause, atom: Atom): boolean {
  if (c.value && !ok(c.value, atom.value)) return false;
  if (c.text && (atom.text === undefined || !ok(c.text, atom.text))) return false;
  if (c.key && (atom.key === undefined || !ok(c.key, atom.key))) return false;
  if (c.path && (atom.path === undefined || !ok(c.path, atom.path))) return false;
  if (c.arg && !(atom.args ?? []).some((a) => a !== undefined && ok(c.arg!, a))) return false;
  if (c.kwarg) {
    for (const [k, re] of c.kwarg) {
      const v = atom.kwargs?.[k];
      if (v === undefined || !ok(re, v)) return false;
    }
  }
  return true;
}
