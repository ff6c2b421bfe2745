/** A Markdown report people can read: summary tables, findings with guidance, the terms facts with sources. */
import type { ScanResult } from '../types';
import { loadTerms, statement } from '../terms';

/** Escape text for Markdown table cells and inline text: no HTML, links or emphasis from workspace strings. */
export function mdEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function toMarkdown(scan: ScanResult, opts: { title?: string; maxFindings?: number } = {}): string {
  const s = scan.summary;
  const terms = loadTerms();
  const out: string[] = [];
  out.push(`# ${opts.title ?? 'AI lock-in audit'}`, '');
  out.push(`${s.findings} finding(s) in ${s.filesWithFindings} of ${s.filesScanned} scanned file(s); ${s.suppressed} suppressed; ${s.filesSkipped} skipped.`, '');
  if (s.findings) {
    out.push('## By provider', '', table(['Provider', 'Findings'], Object.entries(s.byProvider).sort().map(([k, v]) => [mdEscape(k), v])), '');
    out.push('## By service', '', table(['Service', 'Findings'], Object.entries(s.byService).sort().map(([k, v]) => [mdEscape(k), v])), '');
    out.push('## By artifact kind', '', table(['Artifact', 'Findings'], Object.entries(s.byArtifact).sort().map(([k, v]) => [mdEscape(k), v])), '');
    out.push('## Findings', '');
    const max = opts.maxFindings ?? 1000;
    out.push(table(['Severity', 'Location', 'Rule', 'Provider', 'What is bound'], scan.findings.slice(0, max).map((f) => [f.severity, `${mdEscape(f.file)}:${f.range.startLine}:${f.range.startColumn}`, `\`${f.ruleId}\``, f.provider, mdEscape(f.message)])));
    if (scan.findings.length > max) out.push('', `… and ${scan.findings.length - max} more; see the JSON or SARIF output.`);
    out.push('', '## Guidance by rule', '');
    const seen = new Set<string>();
    for (const f of scan.findings) {
      if (seen.has(f.ruleId)) continue;
      seen.add(f.ruleId);
      out.push(`### \`${f.ruleId}\` (${mdEscape(f.title)})`, '', ...f.guidance.split('\n').map((l) => `${mdEscape(l)}  `), '');
    }
  }
  if (scan.diagnostics.length) {
    out.push('## Suppression problems', '', table(['Location', 'Problem'], scan.diagnostics.map((d) => [`${mdEscape(d.file)}:${d.range.startLine}`, mdEscape(d.message)])), '');
  }
  if (scan.suppressed.length) {
    out.push('## Suppressed', '', table(['Location', 'Rule', 'Kind', 'Reason'], scan.suppressed.map((f) => [`${mdEscape(f.file)}:${f.range.startLine}`, `\`${f.ruleId}\``, f.suppression!.kind, mdEscape(f.suppression!.reason)])), '');
  }
  if (scan.skipped.length) {
    out.push('## Skipped files', '', table(['File', 'Reason', 'Detail'], scan.skipped.map((k) => [mdEscape(k.file), k.reason, mdEscape(k.detail)])), '');
  }
  const cited = new Set(scan.findings.flatMap((f) => f.facts));
  if (cited.size) {
    out.push(`## The amended Microsoft–OpenAI terms (${terms.announcement.date})`, '');
    for (const f of terms.facts.filter((x) => cited.has(x.id))) out.push(`- ${statement(f)} (sources: ${f.sources.join(', ')})`);
    out.push('', 'Sources:', ...terms.sources.map((src) => `- ${src.id}: ${src.title}`), '');
  }
  out.push(`_ai-lockin-audit ${scan.tool.version}, rules ${scan.tool.rulesVersion}_`, '');
  return out.join('\n');
}
