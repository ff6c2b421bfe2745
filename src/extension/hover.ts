/**
 * Hover text for a finding, as Markdown. Workspace text (messages carry matched names, snippets,
 * paths) is escaped so that it can never become a link, HTML or a command. Pure (no `vscode`).
 */
import type { Finding } from '../core/types';

/** Escape text for Markdown: no emphasis, links, code, headings or HTML from workspace strings. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~:])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

export interface HoverFact {
  id: string;
  /** The fact as guidance states it (reported figures marked as reported). */
  statement: string;
  sources: string[];
}

export interface HoverSource {
  id: string;
  title: string;
}

export interface HoverInput {
  finding: Finding;
  facts: HoverFact[];
  sources: HoverSource[];
  announcementDate?: string;
  /** A trusted command URI that opens the rule's docs. */
  docsLink?: string;
  effort?: string;
}

const PROVIDER_NAMES: Record<string, string> = { azure: 'Microsoft Azure', aws: 'Amazon Web Services', gcp: 'Google Cloud', 'google-ai': 'Google AI (Gemini Developer API)' };

export function providerName(p: string): string {
  return PROVIDER_NAMES[p] ?? p;
}

export function hoverMarkdown(h: HoverInput): string {
  const f = h.finding;
  const out: string[] = [];
  out.push(`**AI Lock-in Audit**: ${escapeMarkdown(f.title)} \`${f.ruleId.replace(/[^a-z0-9-]/g, '')}\``, '');
  out.push(`**What is bound:** ${escapeMarkdown(f.message)}`, '');
  out.push(`**Provider:** ${escapeMarkdown(providerName(f.provider))} · **Service:** ${escapeMarkdown(f.service)} · **Severity:** ${f.severity}${h.effort ? ` · **Effort to move:** ${escapeMarkdown(h.effort)}` : ''}`, '');
  if (f.suppression) out.push(`*Suppressed (${f.suppression.kind}): ${escapeMarkdown(f.suppression.reason)}*`, '');
  if (h.facts.length) {
    out.push(`**The amended Microsoft–OpenAI terms${h.announcementDate ? ` (${escapeMarkdown(h.announcementDate)})` : ''}:**`, '');
    for (const fact of h.facts) out.push(`- ${escapeMarkdown(fact.statement)} (sources: ${fact.sources.map(escapeMarkdown).join(', ')})`);
    out.push('');
  }
  out.push(`**Portable alternative:** ${escapeMarkdown(f.alternative)}`, '');
  if (h.sources.length) {
    out.push('**Sources:**', '');
    for (const s of h.sources) out.push(`- ${escapeMarkdown(s.id)}: ${escapeMarkdown(s.title)}`);
    out.push('');
  }
  if (h.docsLink) out.push(`[Rule documentation](${h.docsLink})`);
  return out.join('\n');
}
