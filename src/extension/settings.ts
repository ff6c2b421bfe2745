/**
 * Editor settings (`aiLockinAudit.*`) to the engine's config overrides. Pure (no `vscode`):
 * the adapter reads each setting per resource at use time and passes only the values a user set.
 */
import type { Config } from '../core/config';
import type { Provider, Severity } from '../core/types';

export const SECTION = 'aiLockinAudit';

export type SeverityOverride = 'off' | Severity;

/** Settings as read for one resource; `undefined` means "not set by the user". */
export interface RawSettings {
  enable?: unknown;
  severityOverrides?: unknown;
  exclude?: unknown;
  acceptedProviders?: unknown;
  debounceMs?: unknown;
  maxFileSizeKb?: unknown;
  maxProblemsPerFile?: unknown;
  runAuditOnStartup?: unknown;
  baseUrlEnvVar?: unknown;
}

export interface ExtensionSettings {
  enable: boolean;
  debounceMs: number;
  maxProblemsPerFile: number;
  runAuditOnStartup: boolean;
  baseUrlEnvVar: string;
  /** What wins over the workspace config file. */
  overrides: Partial<Config>;
  /** Settings that were ignored, with why (logged once per change). */
  problems: string[];
}

export const DEFAULTS = {
  enable: true,
  debounceMs: 300,
  maxProblemsPerFile: 100,
  runAuditOnStartup: false,
  baseUrlEnvVar: 'OPENAI_BASE_URL',
} as const;

const LEVELS = new Set(['off', 'error', 'warning', 'note']);
const PROVIDERS = new Set(['azure', 'aws', 'gcp', 'google-ai']);
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

function int(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : undefined;
}

/** Validate settings; invalid entries are dropped and named in `problems`, never thrown. */
export function resolveSettings(raw: RawSettings, knownRule: (id: string) => boolean = () => true): ExtensionSettings {
  const problems: string[] = [];
  const overrides: Partial<Config> = {};
  if (raw.severityOverrides !== undefined && raw.severityOverrides !== null) {
    if (typeof raw.severityOverrides !== 'object' || Array.isArray(raw.severityOverrides)) problems.push('aiLockinAudit.severityOverrides must be an object of rule id -> off|error|warning|note');
    else {
      const rules: Record<string, SeverityOverride> = {};
      for (const [id, level] of Object.entries(raw.severityOverrides as Record<string, unknown>)) {
        if (typeof level !== 'string' || !LEVELS.has(level)) problems.push(`aiLockinAudit.severityOverrides.${id}: "${String(level)}" is not one of off, error, warning, note`);
        else if (!knownRule(id)) problems.push(`aiLockinAudit.severityOverrides: unknown rule "${id}"`);
        else rules[id] = level as SeverityOverride;
      }
      if (Object.keys(rules).length) overrides.rules = rules;
    }
  }
  if (Array.isArray(raw.exclude)) {
    const ex = raw.exclude.filter((e): e is string => typeof e === 'string' && e.trim() !== '');
    if (ex.length !== raw.exclude.length) problems.push('aiLockinAudit.exclude: only non-empty strings are used');
    if (ex.length) overrides.exclude = ex;
  }
  if (Array.isArray(raw.acceptedProviders)) {
    const ok = raw.acceptedProviders.filter((p): p is Provider => typeof p === 'string' && PROVIDERS.has(p));
    if (ok.length !== raw.acceptedProviders.length) problems.push('aiLockinAudit.acceptedProviders: only azure, aws, gcp and google-ai are known');
    if (ok.length) overrides.acceptedProviders = ok;
  }
  const size = int(raw.maxFileSizeKb, 1, 1048576);
  if (size !== undefined) overrides.maxFileSizeKb = size;
  let baseUrlEnvVar: string = DEFAULTS.baseUrlEnvVar;
  if (typeof raw.baseUrlEnvVar === 'string' && raw.baseUrlEnvVar !== '') {
    if (ENV_VAR.test(raw.baseUrlEnvVar)) baseUrlEnvVar = raw.baseUrlEnvVar;
    else problems.push(`aiLockinAudit.baseUrlEnvVar: "${raw.baseUrlEnvVar}" is not an environment variable name`);
  }
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULTS.enable,
    debounceMs: int(raw.debounceMs, 0, 10000) ?? DEFAULTS.debounceMs,
    maxProblemsPerFile: int(raw.maxProblemsPerFile, 1, 10000) ?? DEFAULTS.maxProblemsPerFile,
    runAuditOnStartup: typeof raw.runAuditOnStartup === 'boolean' ? raw.runAuditOnStartup : DEFAULTS.runAuditOnStartup,
    baseUrlEnvVar,
    overrides,
    problems,
  };
}
