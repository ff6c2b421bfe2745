/**
 * The terms knowledge base and the guidance composed from it. Guidance states the facts of
 * facts.yaml by id and nothing more; reported figures say they are reported, analysis is
 * attributed as the sources' analysis.
 */
import { parse } from 'yaml';
import { readAsset } from '../assets';

export type Standing = 'announced' | 'reported' | 'analysis';

export interface Fact {
  id: string;
  text: string;
  standing: Standing;
  sources: string[];
  reportedBy?: string;
}

export interface SourceDoc {
  id: string;
  title: string;
  file: string;
}

export interface TermsBase {
  announcement: { title: string; date: string };
  facts: Fact[];
  sources: SourceDoc[];
  byId: Map<string, Fact>;
}

let cached: TermsBase | undefined;

export function parseTerms(text: string, json = false): TermsBase {
  const raw = (json ? JSON.parse(text) : parse(text)) as {
    announcement: { title: string; date: string };
    sources: Record<string, { title: string; file: string }>;
    facts: Fact[];
  };
  const sources = Object.entries(raw.sources).map(([id, s]) => ({ id, title: s.title, file: s.file }));
  const byId = new Map<string, Fact>();
  for (const f of raw.facts) {
    if (byId.has(f.id)) throw new Error(`terms: duplicate fact id ${f.id}`);
    byId.set(f.id, f);
  }
  return { announcement: raw.announcement, facts: raw.facts, sources, byId };
}

export function loadTerms(): TermsBase {
  if (!cached) {
    // the build ships facts.yaml also as JSON (no YAML parser at start-up); sources read the YAML
    let json: string | undefined;
    try {
      json = readAsset('terms/facts.json');
    } catch {
      json = undefined;
    }
    cached = json !== undefined ? parseTerms(json, true) : parseTerms(readAsset('terms/facts.yaml'));
  }
  return cached;
}

/** A fact as guidance states it: reported figures say so, analysis is attributed. */
export function statement(fact: Fact): string {
  switch (fact.standing) {
    case 'reported':
      return `Reported (${fact.reportedBy ?? 'press reports'}, not part of the announcement): ${fact.text}`;
    case 'analysis':
      return `Analysis in the sources: ${fact.text}`;
    default:
      return fact.text;
  }
}

/**
 * Compose guidance for a rule from its facts, in the order announced facts, reported facts,
 * analysis; then the portable alternative. Throws on an unknown fact id (a catalog error).
 */
export function composeGuidance(factIds: readonly string[], alternative: string, terms = loadTerms()): string {
  const facts = factIds.map((id) => {
    const f = terms.byId.get(id);
    if (!f) throw new Error(`unknown terms fact "${id}"`);
    return f;
  });
  const order: Standing[] = ['announced', 'reported', 'analysis'];
  const parts: string[] = [];
  const announced = facts.filter((f) => f.standing === 'announced');
  if (announced.length) {
    parts.push(`Under the amended Microsoft–OpenAI terms announced ${terms.announcement.date}: ${announced.map(statement).join(' ')}`);
  }
  for (const standing of order.slice(1)) {
    for (const f of facts.filter((x) => x.standing === standing)) parts.push(statement(f));
  }
  parts.push(`Portable alternative: ${alternative}`);
  return parts.join('\n');
}

/** Sources of a set of facts, deduplicated, for hovers and reports. */
export function sourcesOf(factIds: readonly string[], terms = loadTerms()): SourceDoc[] {
  const ids = new Set(factIds.flatMap((id) => terms.byId.get(id)?.sources ?? []));
  return terms.sources.filter((s) => ids.has(s.id));
}
