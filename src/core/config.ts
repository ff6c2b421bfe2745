/**
 * The workspace configuration file `.ai-lockin-audit.yaml` (schema: schemas/config.schema.json).
 *
 * Precedence, highest first: CLI flags / editor settings passed as `overrides` > the config file
 * at the root > built-in defaults. Within the file, a `rules` entry wins over a `providers` entry.
 */
import type Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Provider, Rule, Severity } from './types';
import { parseCustomRules } from './rules/custom';
import schema from '../../schemas/config.schema.json';

export const CONFIG_FILE = '.ai-lockin-audit.yaml';
export const CONFIG_FILES = [CONFIG_FILE, '.ai-lockin-audit.yml'];
export type FailOn = Severity | 'never';

export interface Config {
  exclude: string[];
  rules: Record<string, 'off' | 'on' | Severity>;
  providers: Partial<Record<Provider, 'off' | Severity>>;
  acceptedProviders: Provider[];
  failOn?: FailOn;
  maxFileSizeKb: number;
  inlineSuppressions: boolean;
  /** User-defined rules (`customRules:`), validated; their patterns run with RE2 semantics (rules/custom.ts). */
  customRules?: Rule[];
  /** The file this came from, if any. */
  file?: string;
}

export const DEFAULT_MAX_FILE_SIZE_KB = 2048;

export function defaultConfig(): Config {
  return { exclude: [], rules: {}, providers: {}, acceptedProviders: [], maxFileSizeKb: DEFAULT_MAX_FILE_SIZE_KB, inlineSuppressions: true };
}

export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly reason: string) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Parse and validate config text; errors name the line. */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ConfigError(file, lineCounter.linePos(e.pos[0]).line, e.message.split('\n')[0]);
  }
  let value: Record<string, unknown>;
  try {
    value = (doc.toJS({ maxAliasCount: 50 }) ?? {}) as Record<string, unknown>;
  } catch (e) {
    // e.g. an alias bomb over maxAliasCount: a config error, never a crash
    throw new ConfigError(file, undefined, `cannot read the YAML: ${String((e as Error).message).split('\n')[0]}`);
  }
  /** The line of a path in the document (the deepest node of the path that exists). */
  const locate = (segs: (string | number)[]): number | undefined => {
    let node: unknown = doc.contents;
    let line: number | undefined = node && (node as { range?: number[] }).range ? lineCounter.linePos((node as { range: number[] }).range[0]).line : undefined;
    for (const s of segs) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(s));
        if (!pair) break;
        const k = pair.key as { range?: number[] };
        if (k.range) line = lineCounter.linePos(k.range[0]).line;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(s)];
        const r = (node as { range?: number[] } | undefined)?.range;
        if (r) line = lineCounter.linePos(r[0]).line;
      } else break;
    }
    return line;
  };
  // required here, not at the top: only a config file needs the validator (about 5 ms of start-up otherwise)
  validator ??= new ((require('ajv') as typeof import('ajv')).default)({ allErrors: false, strict: false }).compile(schema);
  if (!validator(value)) {
    const err = validator.errors![0];
    const segs = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (err.keyword === 'additionalProperties') segs.push(String((err.params as { additionalProperty: string }).additionalProperty));
    if (err.keyword === 'propertyNames') segs.push(String((err.params as { propertyName: string }).propertyName));
    const line = locate(segs);
    const where = segs.length ? `"${segs.join('.')}"` : 'the file';
    let reason = `${where} ${err.message ?? 'is invalid'}`;
    if (err.keyword === 'enum') reason += `: ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    if (err.keyword === 'additionalProperties') reason = `unknown setting "${segs[segs.length - 1]}"`;
    throw new ConfigError(file, line, reason);
  }
  const c = defaultConfig();
  const customRules = Array.isArray(value.customRules)
    ? parseCustomRules(value.customRules, file, (at, reason) => new ConfigError(file, locate(['customRules', ...at]), reason))
    : undefined;
  return {
    ...c,
    exclude: (value.exclude as string[]) ?? c.exclude,
    rules: (value.rules as Config['rules']) ?? c.rules,
    providers: (value.providers as Config['providers']) ?? c.providers,
    acceptedProviders: (value.acceptedProviders as Provider[]) ?? c.acceptedProviders,
    failOn: value.failOn as FailOn | undefined,
    maxFileSizeKb: (value.maxFileSizeKb as number) ?? c.maxFileSizeKb,
    inlineSuppressions: (value.inlineSuppressions as boolean) ?? c.inlineSuppressions,
    ...(customRules?.length ? { customRules } : {}),
    file,
  };
}

export function loadConfigFile(file: string): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, undefined, `cannot read the config file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseConfig(text, file);
}

/** The config file at a root, or defaults when there is none. */
export function loadRootConfig(root: string): Config {
  for (const name of CONFIG_FILES) {
    const f = path.join(root, name);
    if (fs.existsSync(f)) return loadConfigFile(f);
  }
  return defaultConfig();
}

/** Overlay `over` (CLI flags, editor settings) on `base` (the file). Lists are joined, maps merged key by key. */
export function mergeConfig(base: Config, over: Partial<Config>): Config {
  return {
    exclude: [...base.exclude, ...(over.exclude ?? [])],
    rules: { ...base.rules, ...(over.rules ?? {}) },
    providers: { ...base.providers, ...(over.providers ?? {}) },
    acceptedProviders: [...new Set([...base.acceptedProviders, ...(over.acceptedProviders ?? [])])],
    failOn: over.failOn ?? base.failOn,
    maxFileSizeKb: over.maxFileSizeKb ?? base.maxFileSizeKb,
    inlineSuppressions: over.inlineSuppressions ?? base.inlineSuppressions,
    ...(base.customRules || over.customRules ? { customRules: [...(base.customRules ?? []), ...(over.customRules ?? [])] } : {}),
    file: base.file,
  };
}

/** Effective severity of a finding of `ruleId`/`provider` with default `severity`, or 'off'. */
export function effectiveSeverity(config: Config, ruleId: string, provider: Provider, severity: Severity): Severity | 'off' {
  const r = config.rules[ruleId];
  if (r === 'off') return 'off';
  if (r && r !== 'on') return r;
  const p = config.providers[provider];
  if (p) return p;
  return severity;
}
