/**
 * The report webview: data aggregated from the findings, rendered to HTML by a pure function.
 * Every workspace string is HTML-escaped; the page loads only local assets (media/report.css,
 * media/report.js) under a strict Content-Security-Policy with a nonce. Charts are SVG bars
 * generated from the data (no inline styles, no remote content). No `vscode` import.
 */
import type { ScanSummary, Severity } from '../core/types';
import { providerName } from './hover';
import type { LocatedFinding } from './store';

export interface Bar {
  label: string;
  value: number;
}

export interface ReportFinding {
  /** Index into the located findings the webview posts back for "reveal". */
  index: number;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  ruleId: string;
  title: string;
  provider: string;
  service: string;
  message: string;
  snippet: string;
}

export interface ReportFact {
  id: string;
  statement: string;
  sources: { id: string; title: string }[];
}

export interface ReportData {
  toolVersion: string;
  rulesVersion: string;
  generatedAt: string;
  summary: ScanSummary;
  byProvider: Bar[];
  byService: Bar[];
  byArtifact: Bar[];
  findings: ReportFinding[];
  /** Findings left out of the list (the webview lists at most `limit`). */
  omitted: number;
  facts: ReportFact[];
  announcement?: { title: string; date: string };
  skipped: { path: string; reason: string }[];
  suppressed: { path: string; line: number; ruleId: string; kind: string; reason: string }[];
}

export interface TermsLike {
  announcement: { title: string; date: string };
  facts: { id: string; sources: string[] }[];
  sources: { id: string; title: string }[];
  statement(id: string): string | undefined;
}

function bars(rec: Record<string, number>, label: (k: string) => string = (k) => k): Bar[] {
  return Object.entries(rec).map(([k, v]) => ({ label: label(k), value: v })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

export function buildReportData(input: {
  summary: ScanSummary;
  findings: LocatedFinding[];
  suppressed: LocatedFinding[];
  skipped: { file: string; reason: string }[];
  terms?: TermsLike;
  toolVersion: string;
  rulesVersion: string;
  generatedAt: string;
  limit?: number;
}): ReportData {
  const limit = input.limit ?? 2000;
  const cited = new Set(input.findings.flatMap((l) => l.finding.facts));
  const facts: ReportFact[] = [];
  if (input.terms) {
    const titles = new Map(input.terms.sources.map((s) => [s.id, s.title]));
    for (const f of input.terms.facts) {
      if (!cited.has(f.id)) continue;
      facts.push({ id: f.id, statement: input.terms.statement(f.id) ?? '', sources: f.sources.map((id) => ({ id, title: titles.get(id) ?? id })) });
    }
  }
  return {
    toolVersion: input.toolVersion,
    rulesVersion: input.rulesVersion,
    generatedAt: input.generatedAt,
    summary: input.summary,
    byProvider: bars(input.summary.byProvider, providerName),
    byService: bars(input.summary.byService),
    byArtifact: bars(input.summary.byArtifact),
    findings: input.findings.slice(0, limit).map((l, index) => ({
      index,
      severity: l.finding.severity,
      path: l.path,
      line: l.finding.range.startLine,
      column: l.finding.range.startColumn,
      ruleId: l.finding.ruleId,
      title: l.finding.title,
      provider: l.finding.provider,
      service: l.finding.service,
      message: l.finding.message,
      snippet: l.finding.snippet,
    })),
    omitted: Math.max(0, input.findings.length - limit),
    facts,
    announcement: input.terms?.announcement,
    skipped: input.skipped.map((s) => ({ path: s.file, reason: s.reason })),
    suppressed: input.suppressed.slice(0, limit).map((l) => ({ path: l.path, line: l.finding.range.startLine, ruleId: l.finding.ruleId, kind: l.finding.suppression?.kind ?? '', reason: l.finding.suppression?.reason ?? '' })),
  };
}

/** Escape for HTML text and double-quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

export interface HtmlOptions {
  nonce: string;
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

function chart(title: string, data: Bar[], cls: string): string {
  if (!data.length) return '';
  const max = Math.max(...data.map((b) => b.value), 1);
  const rowH = 22;
  const rows = data
    .map((b, i) => {
      const pct = Math.max(1, Math.round((b.value / max) * 100));
      const y = i * rowH;
      return `<g class="bar-row"><title>${escapeHtml(b.label)}: ${b.value}</title><text class="bar-label" x="0" y="${y + 15}">${escapeHtml(b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label)}</text><svg x="45%" y="${y}" width="45%" height="${rowH}"><rect class="bar ${cls}" x="0" y="3" width="${pct}%" height="${rowH - 6}" rx="2"></rect></svg><text class="bar-value" x="100%" y="${y + 15}" text-anchor="end">${b.value}</text></g>`;
    })
    .join('');
  return `<section class="chart"><h2>${escapeHtml(title)}</h2><svg class="bars" role="img" aria-label="${escapeHtml(title)}" width="100%" height="${data.length * rowH}" xmlns="http://www.w3.org/2000/svg">${rows}</svg></section>`;
}

export function renderReportHtml(data: ReportData, opts: HtmlOptions): string {
  const s = data.summary;
  const csp = `default-src 'none'; style-src ${opts.cspSource}; script-src 'nonce-${opts.nonce}'; img-src ${opts.cspSource} data:;`;
  const findings = data.findings
    .map(
      (f) => `<tr class="sev-${escapeHtml(f.severity)}"><td><span class="sev">${escapeHtml(f.severity)}</span></td><td><a href="#" class="reveal" data-index="${f.index}" title="Open ${escapeHtml(f.path)} at line ${f.line}">${escapeHtml(f.path)}:${f.line}:${f.column}</a></td><td><code>${escapeHtml(f.ruleId)}</code></td><td>${escapeHtml(providerName(f.provider))}<br><span class="muted">${escapeHtml(f.service)}</span></td><td>${escapeHtml(f.message)}<pre class="snippet">${escapeHtml(f.snippet)}</pre></td></tr>`,
    )
    .join('');
  const facts = data.facts
    .map((f) => `<li><span class="fact">${escapeHtml(f.statement)}</span> <span class="muted">(sources: ${f.sources.map((x) => `<abbr title="${escapeHtml(x.title)}">${escapeHtml(x.id)}</abbr>`).join(', ')})</span></li>`)
    .join('');
  const sources = [...new Map(data.facts.flatMap((f) => f.sources).map((x) => [x.id, x])).values()].sort((a, b) => a.id.localeCompare(b.id));
  const suppressed = data.suppressed.map((x) => `<tr><td>${escapeHtml(x.path)}:${x.line}</td><td><code>${escapeHtml(x.ruleId)}</code></td><td>${escapeHtml(x.kind)}</td><td>${escapeHtml(x.reason)}</td></tr>`).join('');
  const skipped = data.skipped.map((x) => `<tr><td>${escapeHtml(x.path)}</td><td>${escapeHtml(x.reason)}</td></tr>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&<>"]/g, (c) => escapeHtml(c))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">
<title>AI Lock-in Audit report</title>
</head>
<body>
<header>
<h1>AI Lock-in Audit</h1>
<p class="totals"><strong>${s.findings}</strong> finding(s) in ${s.filesWithFindings} of ${s.filesScanned} file(s); ${s.suppressed} suppressed; ${s.filesSkipped} skipped. <span class="muted">error ${s.bySeverity.error}, warning ${s.bySeverity.warning}, note ${s.bySeverity.note}</span></p>
<div class="actions">
<button type="button" data-command="audit">Audit workspace</button>
<button type="button" data-export="sarif">Export SARIF</button>
<button type="button" data-export="json">Export JSON</button>
<button type="button" data-export="markdown">Export Markdown</button>
</div>
</header>
<main>
${s.findings === 0 ? '<p class="empty">No active findings. Run an audit of the workspace, or open files the engine reads.</p>' : ''}
<div class="charts">
${chart('By provider', data.byProvider, 'c-provider')}
${chart('By service', data.byService, 'c-service')}
${chart('By artifact kind', data.byArtifact, 'c-artifact')}
</div>
${data.findings.length ? `<section><h2>Findings</h2><table class="findings"><thead><tr><th>Severity</th><th>Location</th><th>Rule</th><th>Provider / service</th><th>What is bound</th></tr></thead><tbody>${findings}</tbody></table>${data.omitted ? `<p class="muted">… and ${data.omitted} more: export the report for all of them.</p>` : ''}</section>` : ''}
${facts ? `<section><h2>The amended Microsoft–OpenAI terms${data.announcement ? ` (${escapeHtml(data.announcement.date)})` : ''}</h2><ul class="facts">${facts}</ul><h3>Sources</h3><ul class="sources">${sources.map((x) => `<li>${escapeHtml(x.id)}: ${escapeHtml(x.title)}</li>`).join('')}</ul></section>` : ''}
${suppressed ? `<section><h2>Suppressed</h2><table><thead><tr><th>Location</th><th>Rule</th><th>Kind</th><th>Reason</th></tr></thead><tbody>${suppressed}</tbody></table></section>` : ''}
${skipped ? `<section><h2>Skipped files</h2><table><thead><tr><th>File</th><th>Reason</th></tr></thead><tbody>${skipped}</tbody></table></section>` : ''}
</main>
<footer class="muted">ai-lockin-audit ${escapeHtml(data.toolVersion)}, rules ${escapeHtml(data.rulesVersion)}, ${escapeHtml(data.generatedAt)}</footer>
<script nonce="${escapeHtml(opts.nonce)}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>
`;
}
