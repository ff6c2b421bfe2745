/** One line per finding, `file:line:col: severity rule-id message`, for terminals, editors and problem matchers. */
import type { ScanResult } from '../types';

export function toCompact(scan: ScanResult, options: { displayPath?: (file: string) => string } = {}): string {
  const name = options.displayPath ?? ((f: string) => f);
  const one = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ');
  const out = scan.findings.map((f) => `${name(f.file)}:${f.range.startLine}:${f.range.startColumn}: ${f.severity} ${f.ruleId} ${one(f.message)}`);
  for (const d of scan.diagnostics) out.push(`${name(d.file)}:${d.range.startLine}:${d.range.startColumn}: warning ${d.code} ${one(d.message)}`);
  return out.length ? out.join('\n') + '\n' : '';
}
