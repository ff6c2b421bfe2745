/**
 * Rule documentation pages, generated from the docs written beside each rule in the catalog.
 * `npm run docs` writes docs/rules/; a unit test fails when a page is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { composeGuidance, loadCatalog, type Rule, sourcesOf } from '../src/core';

export function renderRuleDoc(rule: Rule): string {
  const sources = sourcesOf(rule.facts);
  return [
    `# \`${rule.id}\`: ${rule.title}`,
    '',
    '| | |',
    '|---|---|',
    `| Provider | ${rule.provider} |`,
    `| Service | ${rule.service} |`,
    `| Artifacts | ${rule.artifacts.join(', ')} |`,
    `| Default severity | ${rule.severity} |`,
    `| Effort to make portable | ${rule.effort ?? 'medium'} |`,
    `| Labels | ${(rule.labels ?? []).join(', ')} |`,
    `| Terms facts cited | ${rule.facts.map((f) => `\`${f}\``).join(', ')} |`,
    '',
    rule.docs.trim(),
    '',
    '## Guidance shown with each finding',
    '',
    ...composeGuidance(rule.facts, rule.alternative).split('\n').map((l) => `> ${l}\n>`),
    '',
    '## Sources',
    '',
    ...sources.map((s) => `- ${s.id}: ${s.title}`),
    '',
    '## Suppress',
    '',
    '```',
    `# ai-lockin-audit-ignore ${rule.id}: <why this binding is accepted>`,
    '```',
    '',
  ].join('\n');
}

export function renderRuleIndex(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.provider} | ${r.service} | ${r.artifacts.join(', ')} | ${r.severity} |`);
  return ['# Rules', '', `${rules.length} rules.`, '', '| Rule | Provider | Service | Artifacts | Severity |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

export function writeDocs(root: string): number {
  const dir = path.join(root, 'docs', 'rules');
  fs.mkdirSync(dir, { recursive: true });
  const { rules } = loadCatalog();
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.md')) fs.rmSync(path.join(dir, f));
  for (const r of rules) fs.writeFileSync(path.join(dir, `${r.id}.md`), renderRuleDoc(r));
  fs.writeFileSync(path.join(dir, 'README.md'), renderRuleIndex(rules));
  return rules.length;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  console.log(`wrote ${writeDocs(root)} rule pages to docs/rules/`);
}
