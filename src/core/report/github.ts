/**
 * GitHub Actions workflow commands: one annotation per active finding
 * (`::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`), with
 * GitHub's escaping: `%`, CR and LF in the message; additionally `:` and `,` in properties.
 * Severity error -> `::error`, warning -> `::warning`, note -> `::notice`.
 */
import type { ScanResult, Severity } from '../types';

/** Escape a workflow command's message (data). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };
/** GitHub displays at most this many annotations of one kind per step and drops the rest silently. */
export const ANNOTATIONS_SHOWN_PER_KIND = 10;

export interface AnnotationOptions {
  displayPath?: (file: string) => string;
}

function command(name: string, props: Record<string, string | number>, message: string): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${p}::${escapeData(message)}`;
}

export function toGithub(scan: ScanResult, options: AnnotationOptions = {}): string {
  const name = options.displayPath ?? ((f: string) => f);
  const out: string[] = [];
  for (const f of scan.findings) {
    const r = f.range;
    out.push(command(COMMAND[f.severity], { file: name(f.file), line: r.startLine, col: r.startColumn, endLine: r.endLine, endColumn: r.endColumn, title: `${f.title} [${f.ruleId}]` }, `${f.message}\n${f.alternative.replace(/\s+/g, ' ').trim()}`));
  }
  for (const d of scan.diagnostics) {
    const r = d.range;
    out.push(command('warning', { file: name(d.file), line: r.startLine, col: r.startColumn, endLine: r.endLine, endColumn: r.endColumn, title: `ai-lockin-audit: ${d.code}` }, d.message));
  }
  const perKind: Record<string, number> = {};
  for (const line of out) {
    const kind = line.slice(2, line.indexOf(' '));
    perKind[kind] = (perKind[kind] ?? 0) + 1;
  }
  const hidden = Object.entries(perKind).filter(([, n]) => n > ANNOTATIONS_SHOWN_PER_KIND);
  if (hidden.length) {
    const what = hidden.map(([k, n]) => `${n - ANNOTATIONS_SHOWN_PER_KIND} ${k}`).join(', ');
    out.push(`::notice title=${escapeProperty('AI lock-in audit')}::${escapeData(`GitHub shows ${ANNOTATIONS_SHOWN_PER_KIND} annotations of each kind per step; ${what} annotation(s) beyond that may not be shown. The job summary, the log above and the SARIF report (code scanning) list every finding.`)}`);
  }
  const s = scan.summary;
  out.push(`ai-lockin-audit: ${s.findings} finding(s) (error ${s.bySeverity.error}, warning ${s.bySeverity.warning}, note ${s.bySeverity.note}), ${s.suppressed} suppressed, ${s.filesScanned} file(s) scanned, ${s.filesSkipped} skipped.`);
  return out.join('\n') + '\n';
}
