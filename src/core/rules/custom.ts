/**
 * User-defined rules: the `customRules:` list of `.ai-lockin-audit.yaml`, each in the shape of a
 * catalog rule (docs optional). They are validated like catalog rules, with errors located at the
 * config file's line, and their patterns are compiled with RE2 semantics (`re2js`): matching is
 * linear in the input, so no pattern in a config file can hang a scan. RE2 has no backreferences
 * or lookaround; a pattern using them is a config error naming its line. Built-in catalog rules
 * keep native RegExp.
 */
import type { RE2JS as RE2 } from 're2js';
import type { Rule } from '../types';
import { loadTerms } from '../terms';
import { Matcher, type PatternCompiler } from './matcher';
import { Prefilter } from '../prefilter';
import { loadCatalog, RuleError, validateRule } from './catalog';

/** Suggested prefix for custom rule ids (they must not clash with a built-in id). */
export const CUSTOM_RULE_PREFIX = 'custom-';
/** Longest pattern a custom rule may use. */
export const MAX_USER_PATTERN_LENGTH = 2000;
/** Most custom rules one config file may define. */
export const MAX_CUSTOM_RULES = 500;

/** RE2, required on first use: only configs with custom rules need it (about 6 ms of start-up otherwise). */
let re2: typeof RE2 | undefined;
function re2Class(): typeof RE2 {
  return (re2 ??= (require('re2js') as typeof import('re2js')).RE2JS);
}

function re2Flags(flags?: string): number {
  const RE2JS = re2Class();
  let f = 0;
  if (flags?.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags?.includes('s')) f |= RE2JS.DOTALL;
  if (flags?.includes('m')) f |= RE2JS.MULTILINE;
  // 'u': RE2 always matches by code point
  return f;
}

/** Compile a user pattern with RE2 semantics (throws on syntax RE2 does not support). */
export const re2Compiler: PatternCompiler = (pattern, flags) => re2Class().compile(pattern, re2Flags(flags));

/** An error message for a user pattern, or undefined when it compiles under RE2. */
export function checkUserPattern(pattern: string, flags?: string): string | undefined {
  if (pattern.length > MAX_USER_PATTERN_LENGTH) return `pattern is ${pattern.length} characters long; at most ${MAX_USER_PATTERN_LENGTH}`;
  try {
    re2Compiler(pattern, flags);
    return undefined;
  } catch (e) {
    const msg = String((e as Error).message).replace(/^error parsing regexp: /, '');
    return `unsupported or invalid pattern (${msg}); custom rules use RE2 syntax: no backreferences or lookaround`;
  }
}

/**
 * Validate the `customRules` list of a config file. `at(path)` gives the config line of a path
 * inside the list (e.g. [2, 'match', 0, 'value']), so that errors name the offending line.
 */
export function parseCustomRules(list: unknown[], file: string, error: (path: (string | number)[], reason: string) => Error): Rule[] {
  if (list.length > MAX_CUSTOM_RULES) throw error([], `at most ${MAX_CUSTOM_RULES} custom rules`);
  const builtin = loadCatalog().byId;
  const terms = loadTerms();
  const seen = new Set<string>();
  return list.map((raw, i) => {
    let rule: Rule;
    try {
      rule = validateRule(raw, file, terms, { checkPattern: checkUserPattern, docsOptional: true });
    } catch (e) {
      if (e instanceof RuleError) throw error([i, ...e.at], `custom rule ${i + 1}: ${e.reason}`);
      throw e;
    }
    if (builtin.has(rule.id)) throw error([i, 'id'], `custom rule id "${rule.id}" is a built-in rule id; use another (e.g. "${CUSTOM_RULE_PREFIX}${rule.id}")`);
    if (seen.has(rule.id)) throw error([i, 'id'], `duplicate custom rule id "${rule.id}"`);
    seen.add(rule.id);
    return { ...rule, docs: rule.docs || `Custom rule defined in ${file.split(/[\\/]/).pop()}.` };
  });
}

/** A config's custom rules, compiled once: their matcher (RE2) and keyword prefilter. */
export interface CustomRuleSet {
  rules: readonly Rule[];
  matcher: Matcher;
  prefilter: Prefilter;
  ids: ReadonlySet<string>;
}

const compiled: CustomRuleSet[] = [];

/** The compiled set for these rules (cached by rule identity: configs merged per call reuse it). */
export function customRuleSet(rules: readonly Rule[] | undefined): CustomRuleSet | undefined {
  if (!rules?.length) return undefined;
  const hit = compiled.find((c) => c.rules.length === rules.length && c.rules.every((r, i) => r === rules[i]));
  if (hit) return hit;
  const set: CustomRuleSet = { rules: [...rules], matcher: new Matcher(rules, re2Compiler), prefilter: new Prefilter(rules), ids: new Set(rules.map((r) => r.id)) };
  compiled.unshift(set);
  if (compiled.length > 8) compiled.pop();
  return set;
}
