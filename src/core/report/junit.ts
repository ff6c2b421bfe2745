/**
 * JUnit XML for CI systems that display test reports (GitLab, Jenkins, Azure Pipelines, CircleCI):
 * one test suite per rule, one test case per rule and file. A test case fails when one of its
 * findings is at or above the fail-on severity; its failure lists every finding of that rule in
 * that file. Findings below the threshold and suppressed findings are listed in system-out, so
 * nothing is dropped. A rule without findings is one passing case; skipped files are skipped cases.
 */
import type { FailOn } from '../config';
import { loadCatalog } from '../rules/catalog';
import type { Finding, Rule, ScanResult, Severity } from '../types';
import { xmlAttr, xmlText } from './xml';

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export function atOrAbove(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[severity] >= RANK[failOn];
}

export interface JunitOptions {
  failOn?: FailOn;
  displayPath?: (file: string) => string;
  rules?: readonly Rule[];
}

function line(f: Finding, name: (file: string) => string): string {
  const s = f.suppression ? ` (suppressed, ${f.suppression.kind}: ${f.suppression.reason})` : '';
  return `${name(f.file)}:${f.range.startLine}:${f.range.startColumn}: ${f.severity} ${f.ruleId} ${f.message.replace(/\s*\r?\n\s*/g, ' ')}${s}`;
}

export function toJunit(scan: ScanResult, options: JunitOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const name = options.displayPath ?? ((f: string) => f);
  const rules = options.rules ?? loadCatalog().rules;
  const byRule = new Map<string, Map<string, Finding[]>>();
  for (const f of [...scan.findings, ...scan.suppressed]) {
    const files = byRule.get(f.ruleId) ?? new Map<string, Finding[]>();
    const list = files.get(f.file) ?? [];
    list.push(f);
    files.set(f.file, list);
    byRule.set(f.ruleId, files);
  }
  const ruleIds = [...new Set([...rules.map((r) => r.id), ...byRule.keys()])].sort();
  const title = new Map(rules.map((r) => [r.id, r.title]));
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const id of ruleIds) {
    const files = byRule.get(id);
    const cases: string[] = [];
    let failures = 0;
    if (!files) cases.push(`    <testcase classname="${xmlAttr(id)}" name="all scanned files" time="0"/>`);
    else {
      for (const [file, list] of [...files.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        const active = list.filter((f) => !f.suppression);
        const failing = active.filter((f) => atOrAbove(f.severity, failOn));
        const other = list.filter((f) => !failing.includes(f));
        const worst = failing.reduce<Severity | undefined>((w, f) => (!w || RANK[f.severity] > RANK[w] ? f.severity : w), undefined);
        const parts = [`    <testcase classname="${xmlAttr(id)}" name="${xmlAttr(name(file))}" file="${xmlAttr(name(file))}" time="0">`];
        if (failing.length) {
          failures++;
          parts.push(`      <failure message="${xmlAttr(`${failing.length} finding(s) of ${id} at or above ${failOn} in ${name(file)}`)}" type="${worst}">${xmlText(failing.map((f) => `${line(f, name)}\n  ${f.alternative.replace(/\s+/g, ' ').trim()}`).join('\n'))}</failure>`);
        }
        if (other.length) parts.push(`      <system-out>${xmlText(other.map((f) => line(f, name)).join('\n'))}</system-out>`);
        parts.push('    </testcase>');
        cases.push(parts.join('\n'));
      }
    }
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(`  <testsuite name="${xmlAttr(`ai-lockin-audit: ${id}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">\n    <properties>\n      <property name="title" value="${xmlAttr(title.get(id) ?? id)}"/>\n    </properties>\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (scan.skipped.length) {
    const cases = scan.skipped.map((k) => `    <testcase classname="skipped-files" name="${xmlAttr(name(k.file))}" time="0">\n      <skipped message="${xmlAttr(`${k.reason}: ${k.detail}`)}"/>\n    </testcase>`);
    totalTests += cases.length;
    totalSkipped += cases.length;
    suites.push(`  <testsuite name="ai-lockin-audit: skipped files" tests="${cases.length}" failures="0" errors="0" skipped="${cases.length}" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const time = (scan.durationMs / 1000).toFixed(3);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ai-lockin-audit" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}" time="${time}">\n${suites.join('\n')}\n</testsuites>\n`;
}
