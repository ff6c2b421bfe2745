/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: rules metadata with help text,
 * provider and service on every result, stable partialFingerprints, suppressed findings carried
 * with their suppression, skipped files as tool notifications.
 */
import type { Rule, ScanResult, Finding, Severity } from '../types';
import { loadCatalog } from '../rules/catalog';
import { composeGuidance } from '../terms';

export const SARIF_RESULT_LIMIT = 25000;
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

function result(f: Finding, ruleIndex: Map<string, number>) {
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: level(f.severity),
    message: { text: `${f.message}\n${f.guidance}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { ...f.range, snippet: { text: f.snippet } },
        },
      },
    ],
    partialFingerprints: { 'aiLockinAudit/v1': f.fingerprint },
    properties: { provider: f.provider, service: f.service, artifact: f.artifact, facts: f.facts, alternative: f.alternative },
    ...(f.suppression ? { suppressions: [{ kind: f.suppression.kind === 'inline' || f.suppression.kind === 'file' ? 'inSource' : 'external', status: 'accepted', justification: f.suppression.reason, properties: { type: f.suppression.kind } }] } : {}),
  };
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

/**
 * A relative path as a SARIF URI reference: each segment percent-encoded (encodeURIComponent), so
 * that `<>"`, `#`, `?` and a `:` in the first segment (`javascript:x.tf` would otherwise read as a
 * URI scheme) stay part of the path.
 */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export interface SarifOptions {
  /**
   * Put the scanned root's absolute `file://` URI in `originalUriBaseIds`. Off by default: SARIF
   * files get uploaded (code scanning, artifacts) and the absolute path names the machine's user
   * and folders; consumers resolve `%SRCROOT%` to their checkout.
   */
  absoluteRootUri?: boolean;
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
  const kept = all.slice(0, SARIF_RESULT_LIMIT);
  const notifications = [
    ...scan.skipped.map((s) => ({ level: 'note', message: { text: `Skipped ${s.file}: ${s.reason} (${s.detail})` }, locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(s.file), uriBaseId: '%SRCROOT%' } } }], properties: { reason: s.reason } })),
    ...scan.diagnostics.map((d) => ({ level: 'warning', message: { text: d.message }, locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(d.file), uriBaseId: '%SRCROOT%' }, region: d.range } }], properties: { code: d.code } })),
  ];
  if (all.length > kept.length) {
    notifications.push({ level: 'warning', message: { text: `${all.length - kept.length} of ${all.length} results were cut to stay within the SARIF limit of ${SARIF_RESULT_LIMIT} results per run; see the JSON output for all.` }, locations: [], properties: { reason: 'truncated' } } as never);
  }
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
          '%SRCROOT%': options.absoluteRootUri && scan.roots.length === 1 ? { uri: pathToUri(scan.roots[0]) } : { description: { text: 'The scanned root (the repository checkout); result paths are relative to it.' } },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: kept.map((f) => result(f, ruleIndex)),
        properties: { rulesVersion: scan.tool.rulesVersion, summary: scan.summary, truncated: all.length > kept.length },
      },
    ],
  };
}

function pathToUri(p: string): string {
  const posix = p.replace(/\\/g, '/');
  return `file://${posix.startsWith('/') ? '' : '/'}${encodeURI(posix)}/`;
}
