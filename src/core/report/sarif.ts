/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: rules metadata with help text,
 * provider and service on every result, stable partialFingerprints, suppressed findings carried
 * with their suppression, skipped files as tool notifications.
 */
import type { Rule, ScanResult, Finding, Severity } from '../types';
import { loadCatalog } from '../rules/catalog';
import { composeGuidance } from '../terms';

/** GitHub code scanning rejects runs with more results than this. */
export const SARIF_RESULT_LIMIT = 25000;
/** At most this many results of one rule, so that one noisy rule cannot crowd out the others. */
export const SARIF_RULE_RESULT_LIMIT = 5000;
/** Where rule docs are published; the package ships them under docs/rules/. */
const DOCS_BASE = 'docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

function level(s: Severity): 'error' | 'warning' | 'note' {
  return s;
}

function ruleDescriptor(rule: Rule) {
  const guidance = composeGuidance(rule.facts, rule.alternative);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.split('\n\n')[0].replace(/\s+/g, ' ').trim() },
    help: { text: `${rule.docs}\n\n${guidance}`, markdown: `${rule.docs}\n\n**Guidance**\n\n${guidance.split('\n').join('\n\n')}` },
    defaultConfiguration: { level: level(rule.severity) },
    properties: { provider: rule.provider, service: rule.service, artifacts: rule.artifacts, facts: rule.facts, tags: ['lock-in', rule.provider, ...(rule.labels ?? [])], effort: rule.effort },
  };
}

function result(f: Finding, ruleIndex: Map<string, number>, uri: (file: string) => string, baselineApplied: boolean) {
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: level(f.severity),
    message: { text: `${f.message}\n${f.guidance}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
          region: { ...f.range, snippet: { text: f.snippet } },
        },
      },
    ],
    partialFingerprints: { 'aiLockinAudit/v1': f.fingerprint },
    ...(baselineApplied ? { baselineState: f.suppression?.kind === 'baseline' ? 'unchanged' : 'new' } : {}),
    properties: { provider: f.provider, service: f.service, artifact: f.artifact, facts: f.facts, alternative: f.alternative },
    ...(f.suppression ? { suppressions: [{ kind: f.suppression.kind === 'inline' || f.suppression.kind === 'file' ? 'inSource' : 'external', status: 'accepted', justification: f.suppression.reason, properties: { type: f.suppression.kind } }] } : {}),
  };
}

/**
 * A relative path as a SARIF URI reference: each segment percent-encoded (encodeURIComponent), so
 * that `<>"`, `#`, `?` and a `:` in the first segment (`javascript:x.tf` would otherwise read as a
 * URI scheme) stay part of the path.
 */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** Descriptor of a rule the catalog does not have (a config file's custom rule), from its finding. Plain text only: no `markdown` field carries user-written text. */
function customDescriptor(f: Finding) {
  return {
    id: f.ruleId,
    name: f.ruleId.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: f.title },
    fullDescription: { text: f.title },
    help: { text: f.guidance },
    defaultConfiguration: { level: level(f.severity) },
    properties: { provider: f.provider, service: f.service, facts: f.facts, tags: ['lock-in', f.provider, 'custom'] },
  };
}

export interface SarifOptions {
  /**
   * Put the absolute `file://` URI of the folder `%SRCROOT%` stands for in `originalUriBaseIds`.
   * Off by default: SARIF files get uploaded (code scanning, build artifacts) and an absolute path
   * names the machine's user and folders; consumers resolve `%SRCROOT%` to their own checkout.
   */
  absoluteRootUri?: boolean;
  /** Names files in results (default: the finding's path, relative to its scan root). */
  displayPath?: (file: string) => string;
  /** Folder `%SRCROOT%` stands for when `displayPath` is given (GitHub code scanning reads URIs relative to the repository). */
  srcRoot?: string;
  /** Caps, for tests; default the code-scanning limits. */
  resultLimit?: number;
  perRuleLimit?: number;
  /** A baseline was applied: results get SARIF `baselineState` (`unchanged` when the baseline accepted them, else `new`). */
  baselineApplied?: boolean;
}

/** What toSarif left out to stay within the limits. */
export interface SarifCut {
  total: number;
  kept: number;
  /** Results cut per rule id. */
  byRule: Record<string, number>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/**
 * Choose the results to keep: active before suppressed, errors before warnings before notes
 * (code scanning displays the top results by severity), at most `perRule` per rule and `limit`
 * in all. Order within the kept set stays the scan's order.
 */
export function selectResults(all: Finding[], limit: number, perRule: number): { kept: Finding[]; cut: SarifCut } {
  const order = all.map((f, i) => ({ f, i })).sort((a, b) => Number(!!a.f.suppression) - Number(!!b.f.suppression) || RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i);
  const perRuleCount = new Map<string, number>();
  const byRule: Record<string, number> = {};
  const keep: { f: Finding; i: number }[] = [];
  for (const x of order) {
    const n = perRuleCount.get(x.f.ruleId) ?? 0;
    if (n >= perRule || keep.length >= limit) {
      byRule[x.f.ruleId] = (byRule[x.f.ruleId] ?? 0) + 1;
      continue;
    }
    perRuleCount.set(x.f.ruleId, n + 1);
    keep.push(x);
  }
  keep.sort((a, b) => a.i - b.i);
  return { kept: keep.map((x) => x.f), cut: { total: all.length, kept: keep.length, byRule } };
}

/** One line saying what was cut, for the notification and stderr. */
export function describeCut(cut: SarifCut, limit = SARIF_RESULT_LIMIT, perRule = SARIF_RULE_RESULT_LIMIT): string {
  const rules = Object.entries(cut.byRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `${cut.total - cut.kept} of ${cut.total} SARIF results were left out to stay within the code-scanning limits (${limit} results per run, ${perRule} per rule here), errors and active findings kept first; cut by rule: ${rules.map(([r, n]) => `${r} ${n}`).join(', ')}. The JSON format has every finding; a baseline (--write-baseline) or the config's rules/providers settings reduce the count.`;
}

export function toSarif(scan: ScanResult, rules: readonly Rule[] = loadCatalog().rules, options: SarifOptions = {}) {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const all = [...scan.findings, ...scan.suppressed];
  const custom: Finding[] = [];
  for (const f of all) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, rules.length + custom.length);
    custom.push(f);
  }
  const limit = options.resultLimit ?? SARIF_RESULT_LIMIT;
  const perRule = options.perRuleLimit ?? SARIF_RULE_RESULT_LIMIT;
  const { kept, cut } = selectResults(all, limit, perRule);
  const name = options.displayPath ?? ((f: string) => f);
  const uri = (f: string) => relativeUri(name(f));
  const notifications: object[] = [
    ...scan.skipped.map((s) => ({ level: 'note', message: { text: `Skipped ${s.file}: ${s.reason} (${s.detail})` }, locations: [{ physicalLocation: { artifactLocation: { uri: uri(s.file), uriBaseId: '%SRCROOT%' } } }], properties: { reason: s.reason } })),
    ...scan.diagnostics.map((d) => ({ level: 'warning', message: { text: d.message }, locations: [{ physicalLocation: { artifactLocation: { uri: uri(d.file), uriBaseId: '%SRCROOT%' }, region: d.range } }], properties: { code: d.code } })),
  ];
  const truncated = cut.kept < cut.total;
  if (truncated) notifications.push({ level: 'warning', message: { text: describeCut(cut, limit, perRule) }, descriptor: { id: 'results-truncated' }, properties: { reason: 'truncated', total: cut.total, kept: cut.kept, cutByRule: cut.byRule } });
  const srcRoot = options.displayPath && options.srcRoot ? options.srcRoot : scan.roots.length === 1 ? scan.roots[0] : undefined;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ai-lockin-audit',
            informationUri: 'https://example.invalid/ai-lockin-audit',
            version: scan.tool.version,
            semanticVersion: scan.tool.version,
            rules: [...rules.map(ruleDescriptor), ...custom.map(customDescriptor)],
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': options.absoluteRootUri && srcRoot ? { uri: pathToUri(srcRoot) } : { description: { text: 'The scanned root (the repository checkout); result paths are relative to it.' } },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: kept.map((f) => result(f, ruleIndex, uri, options.baselineApplied ?? false)),
        properties: { rulesVersion: scan.tool.rulesVersion, summary: scan.summary, truncated, ...(truncated ? { cut } : {}) },
      },
    ],
  };
}

/** What a SARIF log from toSarif cut, if anything. */
export function sarifCut(log: ReturnType<typeof toSarif>): SarifCut | undefined {
  return (log.runs[0].properties as { cut?: SarifCut }).cut;
}

function pathToUri(p: string): string {
  const posix = p.replace(/\\/g, '/');
  return `file://${posix.startsWith('/') ? '' : '/'}${encodeURI(posix)}/`;
}
