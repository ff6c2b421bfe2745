/**
 * The short Markdown job summary for CI pages (GitHub's $GITHUB_STEP_SUMMARY): the verdict, counts
 * by severity and provider, what was suppressed and why, what --baseline and --diff-base left
 * out, and the first findings. Kept well under GitHub's 1 MiB per-step limit.
 */
import type { FailOn } from '../config';
import type { ScanResult } from '../types';
import { mdEscape } from './markdown';
import { atOrAbove } from './junit';

export interface CiContext {
  baseline?: { file: string; matched: number; stale: number; entries: number };
  diff?: { base: string; leftOut: number; changedFiles: number };
  /** Written baseline, if any. */
  wroteBaseline?: { file: string; entries: number };
}

export interface SummaryOptions {
  failOn: FailOn;
  context?: CiContext;
  displayPath?: (file: string) => string;
  maxFindings?: number;
}

const MAX_BYTES = 512 * 1024;

export function toStepSummary(scan: ScanResult, options: SummaryOptions): string {
  const name = options.displayPath ?? ((f: string) => f);
  const s = scan.summary;
  const failing = scan.findings.filter((f) => atOrAbove(f.severity, options.failOn)).length;
  const out: string[] = ['## AI lock-in audit', ''];
  out.push(
    failing
      ? `:x: **${failing} finding(s) at or above \`${options.failOn}\`** fail this check.`
      : `:white_check_mark: No finding at or above \`${options.failOn}\`${options.failOn === 'never' ? ' (failing is off)' : ''}.`,
    '',
  );
  out.push('| | Error | Warning | Note | Suppressed | Files scanned | Skipped |', '|---|---|---|---|---|---|---|');
  out.push(`| Findings | ${s.bySeverity.error} | ${s.bySeverity.warning} | ${s.bySeverity.note} | ${s.suppressed} | ${s.filesScanned} | ${s.filesSkipped} |`, '');
  const prov = Object.entries(s.byProvider).sort();
  if (prov.length) out.push(`By provider: ${prov.map(([k, v]) => `${mdEscape(k)} ${v}`).join(', ')}.`, '');
  if (scan.suppressed.length) {
    const by: Record<string, number> = {};
    for (const f of scan.suppressed) by[f.suppression!.kind] = (by[f.suppression!.kind] ?? 0) + 1;
    out.push(`Suppressed: ${Object.entries(by).sort().map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  }
  const c = options.context;
  if (c?.baseline) out.push(`Baseline \`${mdEscape(c.baseline.file)}\`: ${c.baseline.matched} accepted finding(s) matched; ${c.baseline.stale} of its ${c.baseline.entries} entries no longer match (fixed or changed; rewrite it with --write-baseline).`, '');
  if (c?.wroteBaseline) out.push(`Wrote baseline \`${mdEscape(c.wroteBaseline.file)}\` with ${c.wroteBaseline.entries} entries.`, '');
  if (c?.diff) out.push(`Only lines changed since \`${mdEscape(c.diff.base)}\` (${c.diff.changedFiles} changed file(s)): ${c.diff.leftOut} finding(s) on unchanged lines left out.`, '');
  const max = options.maxFindings ?? 50;
  if (scan.findings.length) {
    out.push('| Severity | Location | Rule | What is bound |', '|---|---|---|---|');
    for (const f of scan.findings.slice(0, max)) out.push(`| ${f.severity} | ${mdEscape(name(f.file))}:${f.range.startLine} | \`${f.ruleId}\` | ${mdEscape(f.message)} |`);
    if (scan.findings.length > max) out.push('', `… and ${scan.findings.length - max} more (see the SARIF, JSON or Markdown report).`);
    out.push('');
  }
  if (scan.diagnostics.length) out.push(`${scan.diagnostics.length} suppression problem(s): ${scan.diagnostics.slice(0, 5).map((d) => `${mdEscape(name(d.file))}:${d.range.startLine} ${mdEscape(d.message)}`).join('; ')}`, '');
  out.push(`<sub>ai-lockin-audit ${mdEscape(scan.tool.version)}, rules ${mdEscape(scan.tool.rulesVersion)}</sub>`, '');
  let text = out.join('\n') + '\n';
  if (Buffer.byteLength(text) > MAX_BYTES) text = text.slice(0, MAX_BYTES / 2) + '\n\n… (summary cut to stay within the job-summary size limit)\n';
  return text;
}
