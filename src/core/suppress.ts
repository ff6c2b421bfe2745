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
/** Comment markers a directive may follow (whitespace allowed between). */
const MARKERS = ['<!--', '//', '/*', '--', '<#', 'REM', '#', ';', "'"];
const RULE_LIST = /[a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*/y;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';

/**
 * The directive on one line, parsed in linear time. (A single regular expression with a lazy
 * reason and optional closers backtracked cubically: one comment line with 5,000 spaces took 40 s.)
 */
function parseLine(lineText: string): { index: number; file: boolean; rules: string[]; reason: string } | undefined {
  for (let at = lineText.indexOf(DIRECTIVE); at !== -1; at = lineText.indexOf(DIRECTIVE, at + 1)) {
    let j = at;
    while (j > 0 && isSpace(lineText[j - 1])) j--;
    const marker = MARKERS.find((mk) => lineText.endsWith(mk, j) && (mk !== 'REM' || (j < at && !/\w/.test(lineText[j - 4] ?? ''))));
    if (!marker) continue;
    let k = at + DIRECTIVE.length;
    const file = lineText.startsWith('-file', k);
    if (file) k += 5;
    if (!isSpace(lineText[k])) continue;
    while (isSpace(lineText[k])) k++;
    RULE_LIST.lastIndex = k;
    const list = RULE_LIST.exec(lineText);
    if (!list) continue;
    let ids = list[0];
    // `rule-->`: the closer is not part of the id
    if (ids.endsWith('--') && lineText[k + ids.length] === '>') ids = ids.slice(0, -2);
    if (!ids || ids.endsWith(',')) continue;
    let rest = lineText.slice(k + ids.length).trim();
    for (const closer of ['*/', '-->', '#>']) {
      if (rest.endsWith(closer)) {
        rest = rest.slice(0, -closer.length).trim();
        break;
      }
    }
    if (rest && !rest.startsWith(':')) continue;
    return { index: j - marker.length, file, rules: ids.split(',').map((r) => r.trim()), reason: rest.slice(1).trim() };
  }
  return undefined;
}

export function parseDirectives(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  if (!text.includes(DIRECTIVE)) return out;
  let lastLine = -1;
  for (let at = text.indexOf(DIRECTIVE); at !== -1; at = text.indexOf(DIRECTIVE, at + DIRECTIVE.length)) {
    const line = lines.lineOf(at);
    if (line === lastLine) continue; // each line is parsed once, however many directives it repeats
    lastLine = line;
    const lineText = lines.lineText(line);
    const m = parseLine(lineText);
    if (!m) continue;
    const start = lines.lineStart(line) + m.index;
    out.push({
      line,
      scope: m.file ? 'file' : 'line',
      trailing: lineText.slice(0, m.index).trim() !== '',
      rules: m.rules,
      reason: m.reason,
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
