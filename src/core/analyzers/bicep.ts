/**
 * Bicep (.bicep, .bicepparam) through a small lexer of its own (no Bicep grammar ships with the
 * tree-sitter packages in use). The lexer knows comments (`//`, `/* *\/`), single-quoted strings
 * with `${...}` interpolation (nested expressions and strings included), `'''` multi-line strings,
 * identifiers, numbers and punctuation. A light pass over the tokens emits:
 *
 * - `resource-type` for `resource x 'Type@version'` (value = the type, `text` = the API version,
 *   `key` = `resource` or `existing`); child resources declared inside a parent with a relative
 *   type (`'deployments@...'`) get the parent's type prefixed;
 * - `module-source` for `module x '<source>'` (registry `br/...`, `br:`, `ts:` or a path);
 * - `string` for every string literal (interpolations as `${}`), with `key` = the object property,
 *   `param`/`var`/`output` name or decorator it is assigned to;
 * - `key` for every object property (value = the name, `text` = a literal scalar value, `path`)
 *   and for `name: 'X'` of an object that also has `value`/`secretRef` (an environment entry);
 *   `param X = ...` in parameter files gives a `key` too.
 *
 * Comments never produce atoms.
 */
import type { Atom } from '../types';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';

export type BicepTokenType = 'ident' | 'string' | 'number' | 'punct' | 'newline';

export interface BicepToken {
  type: BicepTokenType;
  /** Identifier or punctuation text; for strings the static value (interpolations as `${}`). */
  value: string;
  start: number;
  end: number;
  /** Strings: offsets of the content inside the quotes. */
  contentStart?: number;
  contentEnd?: number;
  /** Strings: true when the string has `${...}` parts. */
  interpolated?: boolean;
}

const MAX_DEPTH = 200;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/**
 * Tokenize Bicep. Never throws: an unterminated string or comment ends at the end of the text
 * and is reported as a problem. Tokens inside interpolations are emitted too (nested strings
 * included), after the string that contains them.
 */
export function lexBicep(text: string, problems: ParseProblem[] = []): BicepToken[] {
  const tokens: BicepToken[] = [];
  const n = text.length;
  const isIdStart = (c: string) => /[A-Za-z_]/.test(c);
  const isId = (c: string) => /[A-Za-z0-9_]/.test(c);

  /** Lex tokens until an unmatched `}` (interpolation end) or the end; returns the index after it. */
  function lexUntilClose(from: number, depth: number, out: BicepToken[]): number {
    let p = from;
    let braces = 0;
    while (p < n) {
      const c = text[p];
      if (c === '}' && braces === 0 && depth > 0) return p + 1;
      if (c === '\n') {
        out.push({ type: 'newline', value: '\n', start: p, end: p + 1 });
        p++;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\uFEFF') {
        p++;
        continue;
      }
      if (c === '/' && text[p + 1] === '/') {
        while (p < n && text[p] !== '\n') p++;
        continue;
      }
      if (c === '/' && text[p + 1] === '*') {
        const close = text.indexOf('*/', p + 2);
        if (close < 0) {
          problems.push({ start: p, end: n, message: 'Bicep: unterminated comment' });
          return n;
        }
        // a block comment spanning lines still separates statements
        if (text.slice(p, close).includes('\n')) out.push({ type: 'newline', value: '\n', start: p, end: p });
        p = close + 2;
        continue;
      }
      if (c === "'") {
        if (text.startsWith("'''", p)) {
          const close = text.indexOf("'''", p + 3);
          const endContent = close < 0 ? n : close;
          if (close < 0) problems.push({ start: p, end: n, message: 'Bicep: unterminated multi-line string' });
          // Bicep drops one leading newline of a multi-line string
          let cs = p + 3;
          if (text[cs] === '\r' && text[cs + 1] === '\n') cs += 2;
          else if (text[cs] === '\n') cs += 1;
          out.push({ type: 'string', value: text.slice(cs, endContent), start: p, end: close < 0 ? n : close + 3, contentStart: cs, contentEnd: endContent });
          p = close < 0 ? n : close + 3;
          continue;
        }
        p = lexString(p, depth, out);
        continue;
      }
      if (isIdStart(c)) {
        let q = p + 1;
        while (q < n && isId(text[q])) q++;
        out.push({ type: 'ident', value: text.slice(p, q), start: p, end: q });
        p = q;
        continue;
      }
      if (/[0-9]/.test(c)) {
        let q = p + 1;
        while (q < n && /[0-9.]/.test(text[q])) q++;
        out.push({ type: 'number', value: text.slice(p, q), start: p, end: q });
        p = q;
        continue;
      }
      if (c === '{') braces++;
      else if (c === '}') braces--;
      out.push({ type: 'punct', value: c, start: p, end: p + 1 });
      p++;
    }
    return p;
  }

  /** Lex a single-quoted string at `p` (which is the quote); returns the index after it. */
  function lexString(p: number, depth: number, out: BicepToken[]): number {
    const start = p;
    let q = p + 1;
    let value = '';
    let interpolated = false;
    const inner: BicepToken[] = [];
    while (q < n) {
      const c = text[q];
      if (c === "'") break;
      if (c === '\n') break; // single-quoted strings cannot span lines
      if (c === '\\' && q + 1 < n) {
        const e = text[q + 1];
        if (e === 'u' && text[q + 2] === '{') {
          const close = text.indexOf('}', q + 3);
          const cp = close > 0 ? parseInt(text.slice(q + 3, close), 16) : NaN;
          value += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
          q = close > 0 ? close + 1 : q + 2;
          continue;
        }
        value += ESCAPES[e] ?? e;
        q += 2;
        continue;
      }
      if (c === '$' && text[q + 1] === '{') {
        interpolated = true;
        value += '${}';
        if (depth >= MAX_DEPTH) {
          const close = text.indexOf('}', q + 2);
          q = close < 0 ? n : close + 1;
        } else {
          q = lexUntilClose(q + 2, depth + 1, inner);
        }
        continue;
      }
      value += c;
      q++;
    }
    const terminated = q < n && text[q] === "'";
    if (!terminated) problems.push({ start, end: q, message: 'Bicep: unterminated string' });
    out.push({ type: 'string', value, start, end: terminated ? q + 1 : q, contentStart: start + 1, contentEnd: q, interpolated });
    // only the strings nested in interpolations are kept: their other tokens belong to an expression
    for (const t of inner) if (t.type === 'string') out.push(t);
    return terminated ? q + 1 : q;
  }

  lexUntilClose(0, 0, tokens);
  return tokens;
}

interface Frame {
  kind: '{' | '[' | '(';
  /** Property / declaration key this container is the value of. */
  key?: string;
  /** Dotted path of the container. */
  path: string;
  /** Resource type declared by the resource whose body this is. */
  resourceType?: string;
  /** Object: property names seen, and the `name` string token when present. */
  props?: Set<string>;
  nameToken?: BicepToken;
}

function splitType(raw: string): { type: string; version?: string } {
  const at = raw.lastIndexOf('@');
  return at >= 0 ? { type: raw.slice(0, at), version: raw.slice(at + 1) } : { type: raw };
}

export function analyzeBicep(input: AnalyzeInput): AnalyzeOutput {
  const problems: ParseProblem[] = [];
  const tokens = lexBicep(input.text, problems);
  const atoms: Atom[] = [];
  const stack: Frame[] = [];
  /** Key waiting for its value (set by `key:` or `param x =`). */
  let pendingKey: string | undefined;
  /** Resource type waiting for its body `{`. */
  let pendingResource: string | undefined;
  let pendingDecorator: string | undefined;

  const top = () => stack[stack.length - 1];
  const pathOf = (key: string) => {
    const p = top()?.path ?? '';
    return p ? `${p}.${key}` : key;
  };
  const enclosingResource = (): string | undefined => {
    for (let s = stack.length - 1; s >= 0; s--) if (stack[s].resourceType) return stack[s].resourceType;
    return undefined;
  };

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    const prev = tokens[t - 1];
    const next = tokens[t + 1];
    const atStatementStart = !prev || prev.type === 'newline' || (prev.type === 'punct' && (prev.value === '{' || prev.value === ','));

    if (tok.type === 'ident' && atStatementStart && (!top() || top()!.kind === '{')) {
      // declarations: resource, module, param, var, output; object keys `name:`
      if (tok.value === 'resource' && next?.type === 'ident' && tokens[t + 2]?.type === 'string') {
        const s = tokens[t + 2];
        const { type, version } = splitType(s.value);
        let full = type;
        const parent = enclosingResource();
        if (parent && !type.includes('/') && !/^Microsoft\./i.test(type)) full = `${parent}/${type}`;
        const existing = tokens[t + 3]?.type === 'ident' && tokens[t + 3].value === 'existing';
        const cs = s.contentStart ?? s.start;
        const ce = s.contentEnd ?? s.end;
        atoms.push({ kind: 'resource-type', value: full, start: cs, end: Math.min(ce, cs + type.length), text: version, key: existing ? 'existing' : 'resource' });
        pendingResource = full;
        t += 2;
        continue;
      }
      if (tok.value === 'module' && next?.type === 'ident' && tokens[t + 2]?.type === 'string') {
        const s = tokens[t + 2];
        atoms.push({ kind: 'module-source', value: s.value, start: s.contentStart ?? s.start, end: s.contentEnd ?? s.end });
        pendingResource = undefined;
        t += 2;
        continue;
      }
      if ((tok.value === 'param' || tok.value === 'var' || tok.value === 'output') && next?.type === 'ident') {
        // param x string = 'v' | param x = 'v' (bicepparam) | var x = ... | output x string = ...
        let k = t + 2;
        while (k < tokens.length && tokens[k].type !== 'newline' && !(tokens[k].type === 'punct' && tokens[k].value === '=')) k++;
        if (tokens[k]?.type === 'punct' && tokens[k].value === '=') {
          pendingKey = next.value;
          const v = tokens[k + 1];
          if (tok.value === 'param' || tok.value === 'output') atoms.push({ kind: 'key', value: next.value, start: next.start, end: next.end, text: v && (v.type === 'string' || v.type === 'number') && !v.interpolated ? v.value : undefined, path: next.value });
          t = k;
        } else {
          t += 1;
        }
        continue;
      }
    }

    // object property: ident or string followed by ':' inside an object
    if ((tok.type === 'ident' || tok.type === 'string') && next?.type === 'punct' && next.value === ':' && top()?.kind === '{' && atStatementStart) {
      const v = tokens[t + 2];
      const scalar = v && (v.type === 'string' || v.type === 'number' || (v.type === 'ident' && (v.value === 'true' || v.value === 'false'))) && !v.interpolated ? v.value : undefined;
      const ks = tok.type === 'string' ? tok.contentStart ?? tok.start : tok.start;
      const ke = tok.type === 'string' ? tok.contentEnd ?? tok.end : tok.end;
      atoms.push({ kind: 'key', value: tok.value, start: ks, end: ke, text: scalar, path: pathOf(tok.value) });
      const f = top()!;
      f.props?.add(tok.value);
      if (tok.value === 'name' && v?.type === 'string' && !v.interpolated) f.nameToken = v;
      pendingKey = tok.value;
      t += 1;
      continue;
    }

    if (tok.type === 'punct' && tok.value === '@' && next?.type === 'ident') {
      // decorator: @description('...'), @sys.description(...)
      let k = t + 1;
      while (tokens[k + 1]?.type === 'punct' && tokens[k + 1].value === '.' && tokens[k + 2]?.type === 'ident') k += 2;
      pendingDecorator = tokens[k].value;
      t = k;
      continue;
    }

    if (tok.type === 'string') {
      let key: string | undefined;
      const f = top();
      if (prev?.type === 'punct' && (prev.value === ':' || prev.value === '=')) key = pendingKey;
      else if (f?.kind === '(' || f?.kind === '[') key = f.key;
      else if (f?.kind === '{') key = pendingKey;
      const cs = tok.contentStart ?? tok.start;
      const ce = tok.contentEnd ?? tok.end;
      atoms.push({ kind: 'string', value: tok.value, start: cs, end: Math.max(cs, ce), key });
      continue;
    }

    if (tok.type === 'punct') {
      if (tok.value === '{' || tok.value === '[' || tok.value === '(') {
        if (stack.length >= MAX_DEPTH) continue;
        const key = tok.value === '(' && pendingDecorator ? pendingDecorator : pendingKey;
        const frame: Frame = { kind: tok.value, key, path: key && tok.value === '{' ? pathOf(key) : top()?.path ?? '' };
        if (tok.value === '{') {
          frame.props = new Set();
          if (pendingResource) {
            frame.resourceType = pendingResource;
            frame.path = '';
            pendingResource = undefined;
          }
        }
        if (tok.value === '(') pendingDecorator = undefined;
        stack.push(frame);
        if (tok.value !== '(') pendingKey = tok.value === '[' ? key : undefined;
        continue;
      }
      if (tok.value === '}' || tok.value === ']' || tok.value === ')') {
        // pop to the matching opener (tolerates broken nesting)
        const open = tok.value === '}' ? '{' : tok.value === ']' ? '[' : '(';
        let s = stack.length - 1;
        while (s >= 0 && stack[s].kind !== open) s--;
        if (s < 0) continue;
        const f = stack[s];
        stack.length = s;
        if (f.kind === '{' && f.nameToken && (f.props?.has('value') || f.props?.has('secretRef'))) {
          const v = f.nameToken;
          atoms.push({ kind: 'key', value: v.value, start: v.contentStart ?? v.start, end: v.contentEnd ?? v.end, text: undefined, path: `${f.path}.name` });
        }
        const t2 = top();
        pendingKey = t2?.kind === '[' ? t2.key : undefined;
        continue;
      }
    }
    if (tok.type === 'newline' && top()?.kind !== '[' && top()?.kind !== '(') {
      pendingKey = undefined;
    }
  }
  return { artifact: 'bicep', atoms, problems };
}
