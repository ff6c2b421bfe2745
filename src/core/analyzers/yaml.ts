/**
 * YAML through the `yaml` package: every document of a multi-document file, positions from the
 * parser, CloudFormation short-form tags (!Ref, !GetAtt, !Sub, ...) and GitLab's `!reference`
 * declared as custom tags (their values are kept, no warning), aliases never expanded (an alias
 * bomb costs nothing). Comments are not part of the tree.
 *
 * Templated YAML (Helm `templates/`, Jinja): when a file with `{{ ... }}` actions does not parse
 * cleanly, it is parsed again with every action blanked or replaced by a same-length placeholder
 * (offsets unchanged); string values that held an action get their original text back.
 *
 * Scripts under CI `run:`/`script:` and container `command:`/`args:` keys are parsed as shell or
 * PowerShell (see scripts.ts).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YNode, type Tags } from 'yaml';
import type { Atom, ArtifactKind } from '../types';
import { type AtomMemo, type DEntry, type DMap, type DNode, type ExecRef, type ScriptRef, dataAtoms, dialectOf } from './data';
import { execAtom, scriptAtoms } from './scripts';
import { changedSpan } from '../util/span';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

/** CloudFormation intrinsic functions in short form, and GitLab's !reference. */
const SHORT_TAGS = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'FindInMap', 'If', 'Equals', 'Not', 'And', 'Or', 'Base64', 'Cidr', 'ImportValue', 'GetAZs', 'Condition', 'Transform', 'Length', 'ToJsonString', 'ForEach', 'reference'];

export const CUSTOM_TAGS: Tags = SHORT_TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const },
  { tag: `!${name}`, collection: 'map' as const },
]) as unknown as Tags;

const MAX_DEPTH = 500;

/** The tree of `node` for the analyzers, positions moved by `base` (where its text starts in the file). */
function convert(node: unknown, depth: number, base = 0): DNode | undefined {
  if (!node || depth > MAX_DEPTH || isAlias(node)) return undefined;
  const n = node as YNode;
  const [start, valueEnd] = n.range ? [n.range[0] + base, n.range[1] + base] : [base, base];
  if (isScalar(n)) {
    let s = start;
    let e = valueEnd;
    if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') {
      s += 1;
      e -= 1;
    }
    const v = n.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    const style = n.type === 'BLOCK_LITERAL' ? 'literal' : n.type === 'BLOCK_FOLDED' ? 'folded' : n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' ? 'quoted' : 'plain';
    return { type: 'scalar', value, start: s, end: Math.max(s, e), tag: n.tag, style };
  }
  if (isMap(n)) {
    const entries = [];
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const k = item.key as YNode | null;
      // A complex key (a map or sequence as key, `? ...`) has no name: stringifying it costs time
      // cubic in its nesting (the fuzzer found 2 GB / 8 s for 1.8 KB of `? ? ? ...`).
      const key = isScalar(k) ? String(k.value) : isAlias(k) ? `*${k.source}` : '';
      const kr = k && k.range ? [k.range[0] + base, k.range[1] + base] : [start, start];
      let ks = kr[0];
      let ke = kr[1];
      if (isScalar(k) && (k.type === 'QUOTE_DOUBLE' || k.type === 'QUOTE_SINGLE')) {
        ks += 1;
        ke -= 1;
      }
      entries.push({ key, keyStart: ks, keyEnd: ke, value: convert(item.value, depth + 1, base) });
    }
    return { type: 'map', entries, start, end: valueEnd };
  }
  if (isSeq(n)) {
    const items: DNode[] = [];
    for (const it of n.items) {
      const c = convert(it, depth + 1, base);
      if (c) items.push(c);
    }
    return { type: 'seq', items, start, end: valueEnd };
  }
  return undefined;
}

interface Parsed {
  roots: (DNode | undefined)[];
  problems: ParseProblem[];
}

function parseYaml(text: string): Parsed {
  const problems: ParseProblem[] = [];
  const roots: (DNode | undefined)[] = [];
  for (const d of parseDocs(text)) {
    for (const err of d.errors) problems.push({ start: err.pos[0], end: err.pos[1], message: err.message.split('\n')[0] });
    roots.push(convert(d.contents, 0));
  }
  return { roots, problems };
}

function parseDocs(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false, strict: false, prettyErrors: false, stringKeys: false, customTags: CUSTOM_TAGS });
  return Array.isArray(docs) ? docs : [docs as unknown as Document.Parsed];
}

/**
 * The editor's path (a `cacheKey`): the file is cut at its `---` lines, and a document whose text
 * did not change since the last call for the same editor document keeps its tree (each document
 * of a stream is parsed alone by YAML, so the trees are the same). In a document the edit
 * changed, only the entry it falls in is parsed again (editEntry), else the document. Anything
 * that could make the pieces differ from the whole (directives, `...` markers, a parse error in a
 * piece) is parsed as a whole instead, as the CLI does: undefined.
 */
interface Piece {
  roots: (DNode | undefined)[];
  /** Where the piece started when `roots` got their positions. */
  base: number;
}
/**
 * The atoms of a document's tree in the editor's path, while the tree is kept (`pieces`): a
 * document an edit did not touch is not walked again. The entry owns its atom objects (copies)
 * and moves them with the document. A document an entry edit (editEntry) changed in this call is
 * not stored: it is the one being typed in, and its untouched subtrees keep their atoms (data.ts).
 */
const documentAtoms = new WeakMap<DNode, { kind: ArtifactKind; start: number; atoms: Atom[]; scripts: ScriptRef[]; execs: ExecRef[] }>();
/** The documents changed by an entry edit in the current call. */
let editedNow = new WeakSet<DNode>();
/** Within a document the edit touched, the atoms of its subtrees that it did not (data.ts). */
const subtreeAtoms: AtomMemo = new WeakMap();

interface Kept {
  byText: Map<string, Piece>;
  /** The pieces in file order (an edited piece is matched by its place). */
  order: { text: string; piece: Piece }[];
}
const pieces = new Map<string, Kept>();
const PIECES_ENTRIES = 16;
/** What the editor path did (tests): documents reused, documents parsed, entries parsed alone, files parsed whole instead. */
export const pieceStats = { reused: 0, parsed: 0, entries: 0, whole: 0 };

function parseInPieces(text: string, cacheKey: string): Parsed | undefined {
  const parsed = piecewise(text, cacheKey);
  if (!parsed) {
    pieces.delete(cacheKey);
    pieceStats.whole++;
  }
  return parsed;
}

function piecewise(text: string, cacheKey: string): Parsed | undefined {
  editedNow = new WeakSet();
  if (/^(%|\.\.\.(\s|$))/m.test(text)) return undefined;
  const before = pieces.get(cacheKey);
  pieces.delete(cacheKey); // kept pieces are changed below: dropped unless this call succeeds
  const now: Kept = { byText: new Map(), order: [] };
  const roots: (DNode | undefined)[] = [];
  // pieces start at the file's start and at each line that is a document marker
  const starts = [0];
  for (const m of text.matchAll(/^---(?=[ \t\r\n]|$)/gm)) if (m.index! > 0) starts.push(m.index!);
  const texts = starts.map((start, i) => text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length));
  const current = new Set(texts);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const text_ = texts[i];
    let piece = now.byText.has(text_) ? undefined : before?.byText.get(text_);
    if (piece) {
      // the same document, moved by the edit: its tree moves with it
      if (piece.base !== start) for (const r of piece.roots) shift(r, start - piece.base);
      piece.base = start;
      pieceStats.reused++;
    } else {
      // the document at the same place before, if the edit changed it: only the entry it touched is parsed again
      const old = before?.order.length === starts.length ? before.order[i] : undefined;
      if (old && !current.has(old.text) && !now.byText.has(old.text) && old.piece.roots.length === 1) {
        if (old.piece.base !== start) for (const r of old.piece.roots) shift(r, start - old.piece.base);
        old.piece.base = start;
        if (editEntry(old.text, text_, start, old.piece.roots[0])) {
          piece = old.piece;
          pieceStats.entries++;
        }
        old.text = '';
      }
      if (!piece) {
        const docs = parseDocs(text_);
        pieceStats.parsed++;
        if (docs.some((d) => d.errors.length)) return undefined;
        piece = { roots: docs.map((d) => convert(d.contents, 0, start)), base: start };
      }
    }
    // a document repeated in the file was parsed again above: trees are never shared
    if (!now.byText.has(text_)) now.byText.set(text_, piece);
    now.order.push({ text: text_, piece });
    roots.push(...piece.roots);
  }
  pieces.set(cacheKey, now);
  if (pieces.size > PIECES_ENTRIES) pieces.delete(pieces.keys().next().value!);
  return { roots, problems: [] };
}

/**
 * One edit inside one entry of a block mapping (a document's `root`, positions from `base`):
 * the innermost entry whose lines hold all of the change is parsed alone (from its line's start
 * to the next entry's) and put in place of the old one, and what follows moves by the edit's
 * length. False (nothing changed) when the entry cannot be parsed alone into one entry at the
 * same indentation without error, or the change is not inside one such entry. Anchors and
 * aliases need no care: aliases are never followed (convert) and YAML reports none unresolved.
 * Flow collections (`{...}` over several lines) are not cut: their entries are not lines.
 */
function editEntry(oldText: string, newText: string, base: number, root: DNode | undefined): boolean {
  // a flow mapping ({...}) is not cut into lines
  if (root?.type !== 'map' || oldText[root.start - base] === '{') return false;
  const span = changedSpan(oldText, newText);
  const from = base + span.start;
  const to = base + span.oldEnd;
  const delta = newText.length - oldText.length;
  const lineStart = (x: number) => base + oldText.lastIndexOf('\n', x - base - 1) + 1;
  // the innermost entry whose region (its key line to the next entry's key line) holds the change
  let found: { map: DMap; index: number; rs: number; re: number; chain: DMap[] } | undefined;
  let map: DMap = root;
  let end = base + oldText.length;
  const chain: DMap[] = [];
  for (;;) {
    chain.push(map);
    let next: typeof found;
    for (let i = 0; i < map.entries.length; i++) {
      const e = map.entries[i];
      const rs = lineStart(e.keyStart);
      const re = i + 1 < map.entries.length ? lineStart(map.entries[i + 1].keyStart) : end;
      if (!(rs < from && to < re)) continue;
      next = { map, index: i, rs, re, chain: [...chain] };
      break;
    }
    if (!next) break;
    found = next;
    const v = map.entries[next.index].value;
    if (v?.type !== 'map' || oldText[v.start - base] === '{') break;
    map = v;
    end = next.re;
  }
  if (!found) return false;
  const { rs, re } = found;
  const newRegion = newText.slice(rs - base, re - base + delta);
  const docs = parseDocs(newRegion);
  if (docs.length !== 1 || docs[0].errors.length) return false;
  const alone = convert(docs[0].contents, 0, rs);
  const old = found.map.entries[found.index];
  if (alone?.type !== 'map' || alone.entries.length !== 1 || alone.entries[0].keyStart - rs !== old.keyStart - rs) return false;
  const entry = alone.entries[0];
  // what follows the entry moves; maps that ended with it end where the entry alone ends
  const endsInEntry = found.chain.filter((m) => m.end >= rs && m.end <= re);
  remap(root, (x) => (x >= re ? x + delta : x), old);
  // Maps that ended with the entry end with it again. YAML ends a collection where its last value
  // ends, with or without trailing comments depending on what follows: the entry's end alone is
  // right at the document's end; before a sibling, its value's end is (a collection's end is
  // not used by any analyzer: atoms take scalar and key positions).
  for (const m of endsInEntry) m.end = re === base + oldText.length || !entry.value ? alone.end : entry.value.end;
  found.map.entries[found.index] = entry;
  // the maps on the way to the entry changed in place: their atoms are walked again
  documentAtoms.delete(root);
  editedNow.add(root);
  for (const m of found.chain) subtreeAtoms.delete(m);
  return true;
}

function shift(n: DNode | undefined, by: number): void {
  remap(n, (x) => x + by);
}

/** Every position in the tree `n` through `f`, except under the entry `skip`. */
function remap(n: DNode | undefined, f: (x: number) => number, skip?: DEntry): void {
  if (!n) return;
  n.start = f(n.start);
  n.end = f(n.end);
  if (n.type === 'map') {
    for (const e of n.entries) {
      if (e === skip) continue;
      e.keyStart = f(e.keyStart);
      e.keyEnd = f(e.keyEnd);
      remap(e.value, f, skip);
    }
  } else if (n.type === 'seq') for (const it of n.items) remap(it, f, skip);
}

/** The trees the analyzer works on: as the editor's path makes them (with `cacheKey`), or from a whole parse. For tests. */
export function yamlTrees(text: string, cacheKey?: string): Parsed {
  return (cacheKey && parseInPieces(text, cacheKey)) || parseYaml(text);
}

/** Drop the documents kept for the editor's document `cacheKey`. */
export function forgetPieces(cacheKey: string): void {
  pieces.delete(cacheKey);
}

/**
 * Template actions masked, offsets kept: an action alone on its line (control flow, includes)
 * becomes blank, an action inside a value becomes a placeholder of the same length. Linear: an
 * unclosed `{{` ends the masking.
 */
export function maskTemplate(text: string): { text: string; masked: [number, number][] } {
  const masked: [number, number][] = [];
  const parts: string[] = [];
  let cursor = 0;
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', cursor)) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    const end = close + 2;
    masked.push([open, end]);
    const lineStart = text.lastIndexOf('\n', open - 1) + 1;
    const nl = text.indexOf('\n', end);
    const lineEnd = nl < 0 ? text.length : nl;
    const others = (t: string) => t.replace(/\{\{[^\n]*?\}\}/g, '').trim();
    const alone = !others(text.slice(lineStart, open)) && !others(text.slice(end, Math.max(end, lineEnd)));
    parts.push(text.slice(cursor, open), text.slice(open, end).replace(/[^\n]/g, alone ? ' ' : 'x'));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), masked };
}

export async function analyzeYaml(input: AnalyzeInput): Promise<AnalyzeOutput> {
  let parsed = (input.cacheKey && parseInPieces(input.text, input.cacheKey)) || parseYaml(input.text);
  let masked: [number, number][] = [];
  if (parsed.problems.length && input.text.includes('{{')) {
    const m = maskTemplate(input.text);
    const again = parseYaml(m.text);
    if (again.problems.length < parsed.problems.length) {
      parsed = again;
      masked = m.masked;
    }
  }
  const { roots, problems } = parsed;
  // The first document with content decides the dialect (a multi-doc Kubernetes file is Kubernetes).
  const first = roots.find((r) => r !== undefined);
  const artifact: ArtifactKind = dialectOf(input.path, first, 'yaml');
  const atoms: Atom[] = [];
  const scripts: ScriptRef[] = [];
  const execs: ExecRef[] = [];
  for (const r of roots) {
    const kind = artifact === 'yaml' ? dialectOf(input.path, r, 'yaml') : artifact;
    // the editor's path: a document it did not parse again keeps its atoms (moved with it)
    const kept = input.cacheKey && r ? documentAtoms.get(r) : undefined;
    if (kept && kept.kind === kind) {
      const by = r!.start - kept.start;
      if (by) for (const a of kept.atoms) {
        a.start += by;
        a.end += by;
      }
      kept.start = r!.start;
      atoms.push(...kept.atoms);
      scripts.push(...kept.scripts);
      execs.push(...kept.execs);
      continue;
    }
    const own = { scripts: [] as ScriptRef[], execs: [] as ExecRef[] };
    const found = dataAtoms(input.text, kind, r, false, own.scripts, own.execs, input.cacheKey ? subtreeAtoms : undefined);
    if (input.cacheKey && r && !editedNow.has(r)) documentAtoms.set(r, { kind, start: r.start, atoms: found.map((a) => ({ ...a })), ...own });
    atoms.push(...found);
    scripts.push(...own.scripts);
    execs.push(...own.execs);
  }
  for (const e of execs) {
    const a = execAtom(e);
    if (a) atoms.push(a);
  }
  for (const s of scripts) {
    try {
      for (const a of await scriptAtoms(input.text, s)) atoms.push(a);
    } catch (e) {
      problems.push({ start: s.node.start, end: s.node.end, message: `script not parsed: ${(e as Error).message}` });
    }
  }
  if (masked.length) restoreMasked(input.text, atoms, masked);
  return { artifact, atoms, problems };
}

/** Atoms whose value came from a masked template action get the original source text. */
function restoreMasked(text: string, atoms: Atom[], masked: [number, number][]): void {
  for (const a of atoms) {
    if (a.kind !== 'string' && a.kind !== 'key' && a.kind !== 'command') continue;
    const hit = masked.some(([s, e]) => s < a.end && e > a.start);
    if (!hit) continue;
    const original = text.slice(a.start, a.end);
    if (a.kind === 'key') {
      if (a.text !== undefined && /x{3,}/.test(a.text)) a.text = a.text.replace(/x{3,}/g, '{{}}');
      continue;
    }
    if (!original.includes('\n')) a.value = original;
  }
}
