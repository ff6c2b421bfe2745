/** The human report for terminals: coloured only when asked (the CLI asks on a TTY). */
import type { ScanResult, Severity } from '../types';

const C = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

/**
 * Workspace text (file names, matched values, skip details) printed to a terminal: control
 * characters are shown escaped, so a file name or value cannot carry terminal escape sequences.
 */
export function termSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}

export function toText(scan: ScanResult, opts: { color?: boolean; verbose?: boolean } = {}): string {
  const paint = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = (s: Severity) => (s === 'error' ? paint(C.red, 'error  ') : s === 'warning' ? paint(C.yellow, 'warning') : paint(C.cyan, 'note   '));
  const out: string[] = [];
  let file = '';
  for (const f of scan.findings) {
    if (f.file !== file) {
      file = f.file;
      out.push('', paint(C.bold, termSafe(file)));
    }
    out.push(`  ${String(f.range.startLine).padStart(4)}:${String(f.range.startColumn).padEnd(3)} ${sev(f.severity)} ${termSafe(f.message)} ${paint(C.dim, `[${f.ruleId}]`)}`);
    if (opts.verbose) out.push(...f.guidance.split('\n').map((l) => `             ${paint(C.dim, termSafe(l))}`));
  }
  for (const d of scan.diagnostics) out.push(`${termSafe(d.file)}:${d.range.startLine}:${d.range.startColumn} ${paint(C.yellow, 'warning')} ${d.message} ${paint(C.dim, `[${d.code}]`)}`);
  const s = scan.summary;
  out.push('');
  out.push(paint(C.bold, 'Summary'));
  out.push(`  files scanned: ${s.filesScanned}, skipped: ${s.filesSkipped}, with findings: ${s.filesWithFindings}`);
  const byProv = Object.entries(s.byProvider).sort().map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  out.push(`  findings: ${s.findings} (error ${s.bySeverity.error}, warning ${s.bySeverity.warning}, note ${s.bySeverity.note}); by provider: ${byProv}`);
  out.push(`  suppressed: ${s.suppressed}${s.suppressed ? ` (${summarizeSuppressions(scan)})` : ''}`);
  if (scan.skipped.length) {
    out.push('  skipped files:');
    for (const k of scan.skipped.slice(0, 50)) out.push(`    ${termSafe(k.file)}: ${k.reason} (${termSafe(k.detail)})`);
    if (scan.skipped.length > 50) out.push(`    ... and ${scan.skipped.length - 50} more (see --format json)`);
  }
  if (scan.findings.length && !opts.verbose) out.push(paint(C.dim, '  Run with --verbose for the guidance on each finding, or --format markdown for a full report.'));
  return out.join('\n').replace(/^\n/, '') + '\n';
}

function summarizeSuppressions(scan: ScanResult): string {
  const by: Record<string, number> = {};
  for (const f of scan.suppressed) by[f.suppression!.kind] = (by[f.suppression!.kind] ?? 0) + 1;
  return Object.entries(by).map(([k, v]) => `${k} ${v}`).join(', ');
}
