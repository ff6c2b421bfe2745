/**
 * Inline suppressions, in any comment syntax:
 *   <comment> ai-lockin-audit-ignore <rule-id>[, <rule-id>]: <reason>        (this line or the next)
 *   <comment> ai-lockin-audit-ignore-file <rule-id>[, <rule-id>]: <reason>   (the whole file)
 * A directive without a reason does not suppress and is itself reported.
 */
import type { FileDiagnostic } from './types';
import type { LineIndex } from './util/lines';

export interface Directive {
  /** 0-based line of the directive. */
  line: number;
  scope: 'line' | 'file';
  /** The directive follows code on its line: it covers that line only; alone, it covers the next line. */
  trailing: boolean;
  rules: string[];
  reason: string;
  start: number;
  end: number;
}

export const DIRECTIVE = 'ai-lockin-audit-ignore';
const RE = /(?:#|\/\/|\/\*|<!--|--|;|<#|\bREM\b|')\s*ai-lockin-audit-ignore(-file)?\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?::\s*(.*?))?\s*(?:\*\/|-->|#>)?\s*$/;

export function parseDirectives(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  if (!text.includes(DIRECTIVE)) return out;
  for (let at = text.indexOf(DIRECTIVE); at !== -1; at = text.indexOf(DIRECTIVE, at + DIRECTIVE.length)) {
    const line = lines.lineOf(at);
    if (out.length && out[out.length - 1].line === line) continue;
    const lineText = lines.lineText(line);
    const m = RE.exec(lineText);
    if (!m) continue;
    const start = lines.lineStart(line) + (m.index ?? 0);
    out.push({
      line,
      scope: m[1] ? 'file' : 'line',
      trailing: lineText.slice(0, m.index).trim() !== '',
      rules: m[2].split(',').map((s) => s.trim()),
      reason: (m[3] ?? '').trim(),
      start,
      end: lines.lineStart(line) + lineText.length,
    });
  }
  return out;
}

export interface SuppressionIndex {
  /** Reason the finding of `ruleId` on 0-based `line` is suppressed, if it is. */
  lookup(ruleId: string, line: number): { kind: 'inline' | 'file'; reason: string } | undefined;
  diagnostics: FileDiagnostic[];
}

export function suppressionIndex(file: string, directives: Directive[], lines: LineIndex, knownRule: (id: string) => boolean): SuppressionIndex {
  const diagnostics: FileDiagnostic[] = [];
  const byLine = new Map<number, Directive[]>();
  const fileWide: Directive[] = [];
  for (const d of directives) {
    const range = lines.range(d.start, d.end);
    for (const r of d.rules) {
      if (!knownRule(r)) diagnostics.push({ file, range, code: 'unknown-rule-in-suppression', message: `Suppression names unknown rule "${r}".` });
    }
    if (!d.reason) {
      diagnostics.push({ file, range, code: 'suppression-without-reason', message: `Suppression of ${d.rules.join(', ')} has no reason: write "${DIRECTIVE}${d.scope === 'file' ? '-file' : ''} ${d.rules.join(', ')}: <why this binding is accepted>". It is not applied until it has one.` });
      continue;
    }
    if (d.scope === 'file') fileWide.push(d);
    else {
      for (const l of d.trailing ? [d.line] : [d.line, d.line + 1]) {
        const list = byLine.get(l) ?? [];
        list.push(d);
        byLine.set(l, list);
      }
    }
  }
  return {
    diagnostics,
    lookup(ruleId, line) {
      const d = byLine.get(line)?.find((x) => x.rules.includes(ruleId));
      if (d) return { kind: 'inline', reason: d.reason };
      const f = fileWide.find((x) => x.rules.includes(ruleId));
      return f ? { kind: 'file', reason: f.reason } : undefined;
    },
  };
}
