/**
 * The rule catalog: one YAML file per rule in src/core/rules/catalog/, each with its metadata,
 * match spec and docs. Loaded and validated once; a broken rule is an error naming its file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { coreAssetRoot } from '../assets';
import { loadTerms, type TermsBase } from '../terms';
import { type ArtifactKind, type AtomKind, type Effort, type MatchClause, PROVIDERS, type Rule, SEVERITIES } from '../types';
import { sha256 } from '../util/hash';

export const ATOM_KINDS: readonly AtomKind[] = ['resource-type', 'module-source', 'import', 'call', 'new', 'string', 'env-read', 'key', 'dependency', 'command'];
export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  'terraform', 'bicep', 'arm', 'cloudformation', 'kubernetes', 'helm', 'kustomize', 'compose', 'github-actions',
  'azure-pipelines', 'gitlab-ci', 'yaml', 'json', 'dotenv', 'app-config', 'dependency-manifest', 'python',
  'javascript', 'typescript', 'go', 'java', 'csharp', 'shell', 'powershell', 'makefile',
];
const EFFORTS: readonly Effort[] = ['trivial', 'low', 'medium', 'high'];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class RuleError extends Error {
  /** `at`: where in the rule object the problem is (e.g. ['match', 0, 'value']), for locating its line. */
  constructor(readonly file: string, readonly line: number | undefined, message: string, readonly at: (string | number)[] = [], readonly reason = message) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
  }
}

/** How `validateRule` treats a rule: built-in catalog rules (defaults) or user-defined rules from a config file. */
export interface ValidateOptions {
  /** Checks a pattern, returning an error message or undefined (default: native RegExp syntax). */
  checkPattern?: (pattern: string, flags?: string) => string | undefined;
  /** User rules may omit `docs`. */
  docsOptional?: boolean;
}

export interface Catalog {
  rules: Rule[];
  byId: Map<string, Rule>;
  /** Hash of the catalog and terms: invalidates caches when rules change. */
  version: string;
}

function nativePatternCheck(pattern: string, flags?: string): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
}

function checkPattern(file: string, where: (string | number)[], pattern: unknown, flags: string | undefined, check: NonNullable<ValidateOptions['checkPattern']>): void {
  if (pattern === undefined) return;
  const name = where.map((w, i) => (typeof w === 'number' ? `[${w}]` : i ? `.${w}` : w)).join('');
  if (typeof pattern !== 'string') throw new RuleError(file, undefined, `${name} must be a string pattern`, where);
  const problem = check(pattern, flags);
  if (problem) throw new RuleError(file, undefined, `${name}: ${problem}`, where);
}

/** Validate one rule object (from the catalog or a user's config). */
export function validateRule(raw: unknown, file: string, terms: TermsBase = loadTerms(), options: ValidateOptions = {}): Rule {
  const check = options.checkPattern ?? nativePatternCheck;
  const fail = (msg: string, at: (string | number)[] = []): never => {
    throw new RuleError(file, undefined, msg, at);
  };
  if (!raw || typeof raw !== 'object') fail('a rule must be a mapping');
  const r = raw as Record<string, unknown>;
  for (const k of ['id', 'title', 'provider', 'service', 'severity', 'alternative', 'message', 'docs']) {
    if (k === 'docs' && options.docsOptional && r[k] === undefined) continue;
    if (typeof r[k] !== 'string' || !(r[k] as string).trim()) fail(`missing or empty "${k}"`, r[k] === undefined ? [] : [k]);
  }
  if (!ID.test(r.id as string)) fail(`id "${r.id}" must be lowercase words joined by "-"`, ['id']);
  if (!PROVIDERS.includes(r.provider as never)) fail(`provider "${r.provider}" is not one of ${PROVIDERS.join(', ')}`, ['provider']);
  if (!SEVERITIES.includes(r.severity as never)) fail(`severity "${r.severity}" is not one of ${SEVERITIES.join(', ')}`, ['severity']);
  if (r.effort !== undefined && !EFFORTS.includes(r.effort as never)) fail(`effort "${r.effort}" is not one of ${EFFORTS.join(', ')}`, ['effort']);
  const arts = r.artifacts;
  if (!Array.isArray(arts) || !arts.length) fail('"artifacts" must be a non-empty list', arts === undefined ? [] : ['artifacts']);
  (arts as unknown[]).forEach((a, i) => ARTIFACT_KINDS.includes(a as never) || fail(`unknown artifact kind "${a}"`, ['artifacts', i]));
  const facts = r.facts;
  if (!Array.isArray(facts) || !facts.length) fail('"facts" must list the terms facts the guidance cites', facts === undefined ? [] : ['facts']);
  (facts as unknown[]).forEach((f, i) => terms.byId.has(f as string) || fail(`unknown terms fact "${f}"`, ['facts', i]));
  const kw = r.keywords;
  if (!Array.isArray(kw) || !kw.length) fail('"keywords" must be a non-empty list', kw === undefined ? [] : ['keywords']);
  (kw as unknown[]).forEach((k, i) => (typeof k === 'string' && k === k.toLowerCase() && k.length >= 3) || fail(`keyword "${k}" must be a lowercase string of 3+ characters`, ['keywords', i]));
  const match = r.match;
  if (!Array.isArray(match) || !match.length) fail('"match" must be a non-empty list of clauses', match === undefined ? [] : ['match']);
  (match as unknown[]).forEach((c, i) => {
    if (!c || typeof c !== 'object') fail(`match[${i}] must be a mapping`, ['match', i]);
    const m = c as Record<string, unknown>;
    if (!ATOM_KINDS.includes(m.atom as never)) fail(`match[${i}].atom "${m.atom}" is not one of ${ATOM_KINDS.join(', ')}`, ['match', i, 'atom']);
    if (m.value === undefined && m.arg === undefined && m.key === undefined && m.path === undefined && m.kwarg === undefined && m.text === undefined) fail(`match[${i}] needs at least one pattern`, ['match', i]);
    const flags = typeof m.flags === 'string' ? m.flags : undefined;
    if (flags !== undefined && !/^[imsu]*$/.test(flags)) fail(`match[${i}].flags may only use i, m, s, u`, ['match', i, 'flags']);
    for (const k of ['value', 'text', 'key', 'path', 'arg']) checkPattern(file, ['match', i, k], m[k], flags, check);
    if (m.kwarg !== undefined) {
      if (typeof m.kwarg !== 'object' || !m.kwarg) fail(`match[${i}].kwarg must map names to patterns`, ['match', i, 'kwarg']);
      for (const [k, v] of Object.entries(m.kwarg as object)) checkPattern(file, ['match', i, 'kwarg', k], v, flags, check);
    }
    if (m.artifacts !== undefined) for (const a of m.artifacts as unknown[]) if (!ARTIFACT_KINDS.includes(a as never)) fail(`match[${i}]: unknown artifact kind "${a}"`, ['match', i, 'artifacts']);
    if (m.severity !== undefined && !SEVERITIES.includes(m.severity as never)) fail(`match[${i}].severity "${m.severity}" is not valid`, ['match', i, 'severity']);
  });
  return { ...(r as unknown as Rule), docs: typeof r.docs === 'string' ? r.docs : '', source: file };
}

export function catalogDir(): string {
  return path.join(coreAssetRoot(), 'rules', 'catalog');
}

let cached: Catalog | undefined;

/**
 * The bundled catalog (dist/core-assets/rules/catalog.json): the same rules, validated and
 * serialised at build time, so that a CLI run or a worker thread does not parse 50 YAML files.
 */
export const COMPILED_CATALOG = 'catalog.json';

function loadCompiled(file: string): Catalog {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; rules: Rule[] };
  return { rules: raw.rules, byId: new Map(raw.rules.map((r) => [r.id, r])), version: raw.version };
}

export function loadCatalog(dir = catalogDir()): Catalog {
  if (cached && dir === catalogDir()) return cached;
  const compiled = path.join(path.dirname(dir), COMPILED_CATALOG);
  if (dir === catalogDir() && fs.existsSync(compiled)) return (cached = loadCompiled(compiled));
  const terms = loadTerms();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const rules: Rule[] = [];
  const byId = new Map<string, Rule>();
  const hash: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    hash.push(f, text);
    const doc = parseDocument(text);
    if (doc.errors.length) {
      const e = doc.errors[0];
      throw new RuleError(f, e.linePos?.[0].line, e.message.split('\n')[0]);
    }
    const rule = validateRule(doc.toJS(), f, terms);
    if (f !== `${rule.id}.yaml`) throw new RuleError(f, undefined, `file name must be ${rule.id}.yaml`);
    if (byId.has(rule.id)) throw new RuleError(f, undefined, `duplicate rule id ${rule.id}`);
    byId.set(rule.id, rule);
    rules.push(rule);
  }
  const version = sha256(hash.join('\0') + readTermsText()).slice(0, 12);
  const cat = { rules, byId, version };
  if (dir === catalogDir()) cached = cat;
  return cat;
}

function readTermsText(): string {
  return fs.readFileSync(path.join(coreAssetRoot(), 'terms', 'facts.yaml'), 'utf8');
}

export type { MatchClause };
