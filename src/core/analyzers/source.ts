/**
 * Shared machinery of the source-code analyzers (python.ts, ecmascript.ts, go.ts, java.ts,
 * csharp.ts): string static parts (concatenations and templates joined with a `${}`
 * placeholder), callee names, argument extraction, and the walk that never enters comments.
 */
import type { ArtifactKind, Atom } from '../types';
import { type Grammar, type TSNode, walk, withTree } from '../parsers/treesitter';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';
import { assemble, cutSegments, planRegion, sameRanges, type SegmentState, splice } from './segments';

/** Placeholder for a non-literal part of a string (interpolation, variable in a concatenation). */
export const HOLE = '${}';

export interface StrInfo {
  value: string;
  start: number;
  end: number;
}

/** What a language module tells the shared walker. */
export interface SourceLanguage {
  grammar: Grammar;
  artifact: ArtifactKind;
  /** Node types that are comments (never entered). */
  comments: ReadonlySet<string>;
  /** The static content of a string literal / template node (holes as `${}`), or undefined when the node is not a string. */
  literal(node: TSNode): StrInfo | undefined;
  /** Operands of a string concatenation (`a + b`), or undefined. */
  concat(node: TSNode): TSNode[] | undefined;
  /** Wrappers looked through when joining and when looking for a key (parentheses...). */
  transparent: ReadonlySet<string>;
  /** The key / keyword / property / variable a string expression is assigned to. */
  keyOf(node: TSNode): string | undefined;
  /** Called for every other named node; pushes atoms through `ctx`. Returning false skips the subtree. */
  visit(node: TSNode, ctx: SourceContext): boolean | void;
  /**
   * For the editor (segments.ts): true when a top-level node starting at `offset` of `text` starts
   * where no preceding text can continue it, so the text from there parses as a document of its
   * own. Set only for languages whose root visit pushes no atom; absent: whole-document re-parses.
   */
  boundary?(text: string, offset: number): boolean;
}

export interface SourceContext {
  atoms: Atom[];
  lang: SourceLanguage;
  /** Static string of an expression (literal, concatenation, template), or undefined when nothing is literal. */
  staticString(node: TSNode | null | undefined): StrInfo | undefined;
  push(atom: Atom): void;
  /** Push a call or constructor atom; keyword arguments are attached only when there are some. */
  pushCall(kind: 'call' | 'new', value: string, start: number, end: number, args: (string | undefined)[], kwargs?: Record<string, string>): void;
}

/** Collapse runs of placeholders, e.g. `${}${}` from `a + b` inside a template. */
function tidy(value: string): string {
  return value.replace(/(\$\{\})+/g, HOLE);
}

/** Text of `node` from offset `from` to `to` (absolute), with the ranges of `holes` children replaced by `${}`. */
export function withHoles(node: TSNode, from: number, to: number, holes: TSNode[]): string {
  const text = node.text;
  const base = node.startIndex;
  let out = '';
  let pos = from;
  for (const h of holes) {
    if (h.startIndex < pos || h.endIndex > to) continue;
    out += text.slice(pos - base, h.startIndex - base) + HOLE;
    pos = h.endIndex;
  }
  return tidy(out + text.slice(pos - base, to - base));
}

function unwrap(lang: SourceLanguage, node: TSNode): TSNode {
  let n = node;
  while (lang.transparent.has(n.type) && n.namedChildCount === 1 && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

/** Static parts of a string-valued expression: literal, concatenation or template. */
export function staticString(lang: SourceLanguage, node: TSNode | null | undefined): StrInfo | undefined {
  if (!node) return undefined;
  const n = unwrap(lang, node);
  const lit = lang.literal(n);
  if (lit) return lit;
  const ops = lang.concat(n);
  if (!ops) return undefined;
  const parts: string[] = [];
  let literal = false;
  // iterative, left to right: long chains of `+` must not exhaust the stack
  const stack: TSNode[] = [...ops].reverse();
  while (stack.length) {
    const u = unwrap(lang, stack.pop()!);
    const l = lang.literal(u);
    if (l) {
      parts.push(l.value);
      literal = true;
      continue;
    }
    const sub = lang.concat(u);
    if (sub) for (let i = sub.length - 1; i >= 0; i--) stack.push(sub[i]);
    else parts.push(HOLE);
  }
  if (!literal) return undefined;
  return { value: tidy(parts.join('')), start: node.startIndex, end: node.endIndex };
}

/**
 * A callee or constructor name: the expression's text with argument lists reduced to `()` and
 * whitespace removed (`new OpenAIClientBuilder().endpoint`, `boto3.client`); fluent chains keep their last
 * two links. At most 200 characters.
 */
export function calleeName(node: TSNode, argTypes: ReadonlySet<string>): string {
  const text = node.text;
  const base = node.startIndex;
  const holes: [number, number][] = [];
  // A callee is a few nodes (a name, a member chain). Error recovery can nest the rest of a file
  // into one chain of calls (an unclosed call while typing): naming every level from its whole
  // subtree then costs time quadratic in the file. Past CALLEE_MAX_NODES the callee is no name a
  // rule could match: it is named by its text alone.
  let visited = 0;
  walk(node, (n) => {
    if (++visited > CALLEE_MAX_NODES) return false;
    if (argTypes.has(n.type)) {
      holes.push([n.startIndex - base, n.endIndex - base]);
      return false;
    }
    return true;
  });
  if (visited > CALLEE_MAX_NODES) return squeeze(text.slice(0, 400)).slice(0, 200);
  let out = '';
  let pos = 0;
  for (const [s, e] of holes) {
    out += text.slice(pos, s) + '()';
    pos = e;
  }
  out += text.slice(pos);
  out = squeeze(out);
  // long fluent chains keep their last two links: `a.b().c().d` gives `c().d`
  const links = out.split('().');
  if (links.length > 2) out = `${links[links.length - 2].split('.').pop()}().${links[links.length - 1]}`;
  return out.length > 200 ? out.slice(0, 200) : out;
}

/** Named nodes a callee's walk visits at most (a fluent chain of 30 links has about 100). */
const CALLEE_MAX_NODES = 120;

/** Whitespace dropped, except one space between two word characters. */
function squeeze(s: string): string {
  return s.replace(/\s+/g, (m, off: number, str: string) => (/\w/.test(str[off - 1] ?? '') && /\w/.test(str[off + m.length] ?? '') ? ' ' : ''));
}

/** Where a call's finding starts: at the method name when the receiver is itself a call (a fluent chain spread over lines), else at the call. */
export function callStart(call: TSNode, name: TSNode | null | undefined, callee: string): number {
  return name && callee.includes('()') ? name.startIndex : call.startIndex;
}

/** The last identifier of a dotted / member expression's text (`self.client.api_type` gives `api_type`). */
export function lastName(text: string): string | undefined {
  const m = /([A-Za-z_$][\w$]*)\s*$/.exec(text);
  return m?.[1];
}

/** Names read as environment variables must look like environment variable names. */
export function isEnvName(s: string | undefined): s is string {
  return !!s && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s);
}

/** Walk a (sub)tree, skipping comments, pushing strings with keys and the language's own atoms in walk order. */
function collect(lang: SourceLanguage, root: TSNode, focus: readonly number[] | undefined, atoms: Atom[], problems: ParseProblem[]): void {
  const consumed = new Set<number>();
  const inner = new Set<number>();
  const ctx: SourceContext = {
    atoms,
    lang,
    staticString: (n) => staticString(lang, n),
    push: (a) => atoms.push(a),
    pushCall: (kind, value, start, end, args, kwargs) => {
      const atom: Atom = { kind, value, start, end, args };
      if (kwargs && Object.keys(kwargs).length) atom.kwargs = kwargs;
      atoms.push(atom);
    },
  };
  walk(root, (node) => {
    if (lang.comments.has(node.type)) return false;
    if (node.type === 'ERROR' && problems.length < 20) problems.push({ start: node.startIndex, end: node.endIndex, message: `${lang.grammar} syntax error` });
    if (consumed.has(node.id)) return true; // part of a joined concatenation; its substitutions are still walked
    const ops = lang.concat(node);
    if (ops) {
      // the walk meets the outermost concatenation first; it claims its operands, so nested
      // ones are recognised without asking for parents (which costs the tree depth each time)
      if (inner.has(node.id)) return true;
      const todo = [...ops];
      while (todo.length) {
        const x = todo.pop()!;
        const u = unwrap(lang, x);
        const sub = lang.concat(u);
        if (sub) {
          inner.add(u.id);
          todo.push(...sub);
        } else if (lang.literal(u)) consumed.add(u.id);
      }
      const s = staticString(lang, node);
      if (s) atoms.push({ kind: 'string', value: s.value, start: s.start, end: s.end, key: lang.keyOf(node) });
      return true;
    }
    const lit = lang.literal(node);
    if (lit) {
      atoms.push({ kind: 'string', value: lit.value, start: lit.start, end: lit.end, key: lang.keyOf(node) });
      return true; // templates may hold calls in their substitutions
    }
    return lang.visit(node, ctx);
  }, focus);
}

/** Starts of the root's children that are segment boundaries (segments.ts). */
function topBoundaries(root: TSNode, text: string, boundary: (text: string, offset: number) => boolean): number[] {
  const out: number[] = [];
  const cursor = root.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do {
        const s = cursor.startIndex;
        if (s > 0 && boundary(text, s)) out.push(s);
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return out;
}

/** Segment states of the editor's documents (by cache key), for languages with a `boundary` test. */
const SEGMENT_ENTRIES = 16;
const segmentStates = new Map<string, SegmentState & { grammar: Grammar }>();

function keepSegments(key: string, state: SegmentState & { grammar: Grammar }): void {
  segmentStates.delete(key);
  segmentStates.set(key, state);
  if (segmentStates.size > SEGMENT_ENTRIES) segmentStates.delete(segmentStates.keys().next().value!);
}

/** Counts of the editor path: edits re-analysed by region, and whole-document parses of kept documents. */
export const segmentStats = { regions: 0, documents: 0 };

/** Forget the segments kept for a document (closed in the editor). */
export function forgetSegments(key: string): void {
  segmentStates.delete(key);
}

/** The edited document's atoms from its kept segments and a parse of the edited region only; undefined when that cannot be done. */
async function analyzeBySegments(lang: SourceLanguage, text: string, focus: readonly number[] | undefined, key: string): Promise<AnalyzeOutput | undefined> {
  const state = segmentStates.get(key);
  if (!state || state.grammar !== lang.grammar) return undefined;
  if (state.text === text) return sameRanges(state.focus, focus) ? { artifact: lang.artifact, atoms: assemble(state), problems: [] } : undefined;
  const plan = planRegion(state, text, focus, lang.boundary!);
  if (!plan) return undefined;
  const regionText = text.slice(plan.start, plan.end);
  let local: number[] | undefined;
  if (focus) {
    local = [];
    for (let i = 0; i < focus.length; i += 2) if (focus[i + 1] > plan.start && focus[i] < plan.end) local.push(focus[i] - plan.start, focus[i + 1] - plan.start);
  }
  let region: ReturnType<typeof cutSegments> | undefined;
  try {
    region = await withTree(lang.grammar, regionText, (root) => {
      if (root.hasError) return undefined; // the whole document decides what an error means
      const atoms: Atom[] = [];
      collect(lang, root, local, atoms, []);
      return cutSegments(topBoundaries(root, regionText, lang.boundary!), atoms, plan.start);
    });
  } catch {
    return undefined;
  }
  if (!region) return undefined;
  const next = { grammar: lang.grammar, ...splice(state, text, focus, plan, region) };
  keepSegments(key, next);
  segmentStats.regions++;
  return { artifact: lang.artifact, atoms: assemble(next), problems: [] };
}

/** Run a language over a text: walk (skipping comments), strings with keys, then the language's own atoms. */
export async function analyzeSource(lang: SourceLanguage, text: string, focus?: readonly number[], cacheKey?: string): Promise<AnalyzeOutput> {
  const segmented = cacheKey !== undefined && lang.boundary !== undefined;
  if (segmented) {
    const fast = await analyzeBySegments(lang, text, focus, cacheKey);
    if (fast) return fast;
  }
  const atoms: Atom[] = [];
  const problems: ParseProblem[] = [];
  await withTree(lang.grammar, text, (root) => {
    collect(lang, root, focus, atoms, problems);
    if (!segmented) return;
    segmentStats.documents++;
    // with syntax errors, the last error-free state stays (it describes its own text): once the
    // edits since then parse without error as a region, the next scan takes the segment path again
    if (!root.hasError) keepSegments(cacheKey, { grammar: lang.grammar, text, focus: focus ? [...focus] : undefined, ...cutSegments(topBoundaries(root, text, lang.boundary!), atoms) });
  }, cacheKey);
  atoms.sort((a, b) => a.start - b.start || a.end - b.end);
  return { artifact: lang.artifact, atoms, problems };
}

/** Walk up through wrappers (parentheses, concatenations) to the node that gives a string its meaning. */
export function contextOf(lang: SourceLanguage, node: TSNode, also: ReadonlySet<string> = new Set()): { parent: TSNode | null; child: TSNode } {
  let child = node;
  let parent = node.parent;
  while (parent && (lang.transparent.has(parent.type) || lang.concat(parent) || also.has(parent.type))) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** The operands of a `left + right` node of the given type (string concatenation in most languages). */
export function plusOperands(type: string): (n: TSNode) => TSNode[] | undefined {
  return (n) => (n.type === type && n.childForFieldName('operator')?.text === '+' ? [n.childForFieldName('left'), n.childForFieldName('right')].filter((c): c is TSNode => !!c) : undefined);
}

/** The analyzer of a language: its source through `analyzeSource`, with the engine's focus and cache key. */
export function sourceAnalyzer(lang: SourceLanguage | (() => SourceLanguage)): (input: AnalyzeInput) => Promise<AnalyzeOutput> {
  return (input) => analyzeSource(typeof lang === 'function' ? lang() : lang, input.text, input.focus, input.cacheKey);
}
