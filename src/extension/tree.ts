/**
 * The findings tree: provider -> service -> file -> finding, with counts. Pure (no `vscode`):
 * the TreeDataProvider adapter renders these nodes.
 */
import type { Finding } from '../core/types';
import { providerName } from './hover';
import type { LocatedFinding } from './store';

export type NodeKind = 'provider' | 'service' | 'file' | 'finding';

export interface TreeNode {
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  children: TreeNode[];
  /** Findings below this node. */
  count: number;
  uri?: string;
  finding?: Finding;
}

function plural(n: number): string {
  return `${n} finding${n === 1 ? '' : 's'}`;
}

export function buildTree(findings: LocatedFinding[]): TreeNode[] {
  const providers = new Map<string, TreeNode>();
  const sorted = [...findings].sort((a, b) => a.finding.provider.localeCompare(b.finding.provider) || a.finding.service.localeCompare(b.finding.service) || a.path.localeCompare(b.path) || a.finding.range.startLine - b.finding.range.startLine || a.finding.range.startColumn - b.finding.range.startColumn);
  for (const l of sorted) {
    const f = l.finding;
    let p = providers.get(f.provider);
    if (!p) {
      p = { id: `p:${f.provider}`, kind: 'provider', label: providerName(f.provider), children: [], count: 0 };
      providers.set(f.provider, p);
    }
    let s = p.children.find((c) => c.label === f.service);
    if (!s) {
      s = { id: `${p.id}/s:${f.service}`, kind: 'service', label: f.service, children: [], count: 0 };
      p.children.push(s);
    }
    let file = s.children.find((c) => c.uri === l.uri);
    if (!file) {
      file = { id: `${s.id}/f:${l.uri}`, kind: 'file', label: l.path.slice(l.path.lastIndexOf('/') + 1), tooltip: l.path, children: [], count: 0, uri: l.uri };
      const dir = l.path.includes('/') ? l.path.slice(0, l.path.lastIndexOf('/')) : '';
      file.description = dir;
      s.children.push(file);
    }
    file.children.push({
      id: `${file.id}/${f.fingerprint}:${f.range.startLine}:${f.range.startColumn}:${f.ruleId}`,
      kind: 'finding',
      label: f.message,
      description: `${f.ruleId} · line ${f.range.startLine}`,
      tooltip: `${f.title}\n${f.snippet}`,
      children: [],
      count: 1,
      uri: l.uri,
      finding: f,
    });
    file.count++;
    s.count++;
    p.count++;
  }
  const nodes = [...providers.values()];
  for (const p of nodes) {
    p.description = plural(p.count);
    for (const s of p.children) {
      s.description = plural(s.count);
      for (const file of s.children) file.description = `${file.description ? `${file.description} · ` : ''}${file.count}`;
    }
  }
  return nodes;
}
