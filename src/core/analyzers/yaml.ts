/**
 * YAML through the `yaml` package: every document of a multi-document file, positions from the
 * parser, CloudFormation short-form tags (!Ref, !GetAtt, !Sub, ...) kept as tags, aliases never
 * expanded (an alias bomb costs nothing). Comments are not part of the tree.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YNode } from 'yaml';
import type { Atom, ArtifactKind } from '../types';
import { type DNode, dataAtoms, dialectOf } from './data';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

const MAX_DEPTH = 500;

function convert(node: unknown, depth: number): DNode | undefined {
  if (!node || depth > MAX_DEPTH || isAlias(node)) return undefined;
  const n = node as YNode;
  const [start, valueEnd] = n.range ?? [0, 0];
  if (isScalar(n)) {
    let s = start;
    let e = valueEnd;
    if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') {
      s += 1;
      e -= 1;
    }
    const v = n.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    return { type: 'scalar', value, start: s, end: Math.max(s, e), tag: n.tag };
  }
  if (isMap(n)) {
    const entries = [];
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const k = item.key as YNode | null;
      // A complex key (a map or sequence as key, `? ...`) has no name: stringifying it costs time
      // cubic in its nesting (the fuzzer found 2 GB / 8 s for 1.8 KB of `? ? ? ...`).
      const key = isScalar(k) ? String(k.value) : isAlias(k) ? `*${k.source}` : '';
      const kr = (k && k.range) || [start, start];
      let ks = kr[0];
      let ke = kr[1];
      if (isScalar(k) && (k.type === 'QUOTE_DOUBLE' || k.type === 'QUOTE_SINGLE')) {
        ks += 1;
        ke -= 1;
      }
      entries.push({ key, keyStart: ks, keyEnd: ke, value: convert(item.value, depth + 1) });
    }
    return { type: 'map', entries, start, end: valueEnd };
  }
  if (isSeq(n)) {
    const items: DNode[] = [];
    for (const it of n.items) {
      const c = convert(it, depth + 1);
      if (c) items.push(c);
    }
    return { type: 'seq', items, start, end: valueEnd };
  }
  return undefined;
}

export function analyzeYaml(input: AnalyzeInput): AnalyzeOutput {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(input.text, { lineCounter, uniqueKeys: false, strict: false, prettyErrors: false, stringKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems: ParseProblem[] = [];
  const roots: (DNode | undefined)[] = [];
  for (const d of list) {
    for (const err of d.errors) problems.push({ start: err.pos[0], end: err.pos[1], message: err.message.split('\n')[0] });
    roots.push(convert(d.contents, 0));
  }
  // The first document with content decides the dialect (a multi-doc Kubernetes file is Kubernetes).
  const first = roots.find((r) => r !== undefined);
  const artifact: ArtifactKind = dialectOf(input.path, first, 'yaml');
  const atoms: Atom[] = [];
  for (const r of roots) {
    const kind = artifact === 'yaml' ? dialectOf(input.path, r, 'yaml') : artifact;
    for (const a of dataAtoms(input.text, kind, r)) atoms.push(a);
  }
  return { artifact, atoms, problems };
}
