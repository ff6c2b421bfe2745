/**
 * A mechanical rewrite offered as a refactoring: an Azure-only OpenAI client construction to the
 * provider-neutral OpenAI client pointed at a base URL from an environment variable.
 *
 *   Python  AzureOpenAI(azure_endpoint=..., api_version=..., api_key=k)
 *        -> OpenAI(base_url=os.environ["OPENAI_BASE_URL"], api_key=k)
 *   JS/TS   new AzureOpenAI({ endpoint, apiVersion, apiKey: k })
 *        -> new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: k })
 *
 * Only rewrites that keep the call's meaning apart from the endpoint are offered: Entra ID token
 * authentication, positional or spread arguments and comments inside the call are left to a
 * person (the result says why). The import of the class is adjusted. Without an explicit key,
 * the Azure client reads AZURE_OPENAI_API_KEY; the rewrite passes that variable explicitly so the
 * key does not silently change to OPENAI_API_KEY. Pure: text in, edits out.
 */

export type RewriteLanguage = 'python' | 'javascript';

export interface TextEditOffsets {
  /** 0-based UTF-16 offsets into the original text. */
  start: number;
  end: number;
  text: string;
}

export interface Construction {
  language: RewriteLanguage;
  /** `AzureOpenAI` or `AsyncAzureOpenAI`. */
  className: string;
  /** Start of the expression to replace (`new` in JS, the callee in Python). */
  start: number;
  /** Offset of the class name. */
  nameStart: number;
  openParen: number;
  closeParen: number;
  /** `openai.` when qualified. */
  qualifier: string;
}

export type RewriteOutcome =
  | { ok: true; title: string; edits: TextEditOffsets[]; construction: Construction }
  | { ok: false; reason: string; construction: Construction };

export function rewriteLanguageFor(path: string): RewriteLanguage | undefined {
  const p = path.toLowerCase();
  if (/\.pyi?$/.test(p)) return 'python';
  if (/\.(m|c)?(j|t)sx?$/.test(p) && !p.endsWith('.d.ts')) return 'javascript';
  return undefined;
}

const CODE = 0;
const STRING = 1;
const COMMENT = 2;

/** Per character: code, inside a string literal, or inside a comment. */
export function codeMask(text: string, lang: RewriteLanguage): Uint8Array {
  const m = new Uint8Array(text.length);
  let i = 0;
  const n = text.length;
  // JS template literal nesting: a stack of brace depths at which a `${` opened
  const templ: number[] = [];
  let braces = 0;
  while (i < n) {
    const c = text[i];
    if (lang === 'python' && c === '#') {
      while (i < n && text[i] !== '\n') m[i++] = COMMENT;
      continue;
    }
    if (lang === 'javascript' && c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') m[i++] = COMMENT;
      continue;
    }
    if (lang === 'javascript' && c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      const stop = e === -1 ? n : e + 2;
      while (i < stop) m[i++] = COMMENT;
      continue;
    }
    if (c === '"' || c === "'" || (lang === 'javascript' && c === '`')) {
      const triple = lang === 'python' && text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      m[i] = STRING;
      i += close.length;
      for (let k = 1; k < close.length; k++) m[i - k] = STRING;
      while (i < n) {
        if (text[i] === '\\') {
          m[i] = STRING;
          if (i + 1 < n) m[i + 1] = STRING;
          i += 2;
          continue;
        }
        if (c === '`' && text[i] === '$' && text[i + 1] === '{') {
          m[i] = STRING;
          m[i + 1] = STRING;
          i += 2;
          templ.push(braces);
          braces++;
          break;
        }
        if (text.startsWith(close, i)) {
          for (let k = 0; k < close.length; k++) m[i + k] = STRING;
          i += close.length;
          break;
        }
        if (!triple && c !== '`' && text[i] === '\n') break; // unterminated single-line string
        m[i++] = STRING;
      }
      continue;
    }
    if (lang === 'javascript') {
      if (c === '{') braces++;
      else if (c === '}') {
        braces--;
        if (templ.length && templ[templ.length - 1] === braces) {
          templ.pop();
          m[i] = STRING;
          i++;
          // resume the template literal after `}`
          while (i < n) {
            if (text[i] === '\\') {
              m[i] = STRING;
              if (i + 1 < n) m[i + 1] = STRING;
              i += 2;
              continue;
            }
            if (text[i] === '$' && text[i + 1] === '{') {
              m[i] = STRING;
              m[i + 1] = STRING;
              i += 2;
              templ.push(braces);
              braces++;
              break;
            }
            if (text[i] === '`') {
              m[i++] = STRING;
              break;
            }
            m[i++] = STRING;
          }
          continue;
        }
      }
    }
    m[i++] = CODE;
  }
  return m;
}

function matchingClose(text: string, mask: Uint8Array, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (mask[i] !== CODE) continue;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Constructions of AzureOpenAI / AsyncAzureOpenAI clients in code (not in strings or comments). */
export function findConstructions(text: string, lang: RewriteLanguage, mask = codeMask(text, lang)): Construction[] {
  const out: Construction[] = [];
  const re = /\b((?:[A-Za-z_$][\w$]*\.)?)(Async)?AzureOpenAI(\s*)\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const qStart = m.index;
    if (mask[qStart] !== CODE) continue;
    if (qStart > 0 && /[\w$.]/.test(text[qStart - 1])) continue;
    const nameStart = qStart + m[1].length;
    const openParen = m.index + m[0].length - 1;
    const before = text.slice(Math.max(0, qStart - 40), qStart);
    let start = qStart;
    if (lang === 'javascript') {
      const nm = /\bnew\s+$/.exec(before);
      if (!nm) continue;
      start = qStart - nm[0].length;
    } else if (/\b(class|def)\s+$/.test(before)) continue;
    const closeParen = matchingClose(text, mask, openParen);
    if (closeParen === -1) continue;
    out.push({ language: lang, className: `${m[2] ?? ''}AzureOpenAI`, start, nameStart, openParen, closeParen, qualifier: m[1] });
  }
  return out;
}

interface Segment {
  text: string;
  start: number;
  end: number;
}

/** Top-level comma-separated segments between `from` and `to` (exclusive), trimmed; empty trailing segment dropped. */
function splitTopLevel(text: string, mask: Uint8Array, from: number, to: number): Segment[] {
  const segs: Segment[] = [];
  let depth = 0;
  let segStart = from;
  const push = (end: number) => {
    const raw = text.slice(segStart, end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) segs.push({ text: t, start: segStart + lead, end: segStart + lead + t.length });
  };
  for (let i = from; i < to; i++) {
    if (mask[i] !== CODE) continue;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      push(i);
      segStart = i + 1;
    }
  }
  push(to);
  return segs;
}

function hasComment(mask: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (mask[i] === COMMENT) return true;
  return false;
}

function lineIndent(text: string, offset: number): string {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

function layout(text: string, c: Construction, items: string[], open: string, close: string, firstArgStart: number | undefined): string {
  const multiline = text.slice(c.openParen, c.closeParen).includes('\n');
  if (!multiline || firstArgStart === undefined) return `${open}${items.join(', ')}${close}`;
  const baseIndent = lineIndent(text, c.start);
  const argIndent = lineIndent(text, firstArgStart);
  const inner = argIndent.length > baseIndent.length ? argIndent : `${baseIndent}    `;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  return `${open}${nl}${items.map((x) => `${inner}${x},`).join(nl)}${nl}${baseIndent}${close}`;
}

const PY_DROP = new Set(['azure_endpoint', 'api_version', 'azure_deployment', 'base_url']);
const PY_REFUSE = new Set(['azure_ad_token', 'azure_ad_token_provider']);
const JS_DROP = new Set(['endpoint', 'apiVersion', 'deployment', 'baseURL']);
const JS_REFUSE = new Set(['azureADTokenProvider']);

const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

function importEdits(text: string, mask: Uint8Array, lang: RewriteLanguage, c: Construction, newName: string): TextEditOffsets[] {
  if (c.qualifier) return [];
  const edits: TextEditOffsets[] = [];
  const uses = [...text.matchAll(new RegExp(`\\b${c.className}\\b`, 'g'))].filter((m) => mask[m.index!] === CODE && !(m.index! > 0 && /[\w$.]/.test(text[m.index! - 1])));
  const stmt =
    lang === 'python'
      ? /^[ \t]*from[ \t]+openai[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm
      : /\bimport\s*(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]openai['"]|\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*['"]openai['"]\s*\)/g;
  let found = false;
  for (const m of text.matchAll(stmt)) {
    if (mask[m.index!] !== CODE) continue;
    const listText = m[1] ?? m[2] ?? '';
    const listStart = m.index! + m[0].lastIndexOf(listText);
    const names = [...listText.matchAll(/[A-Za-z_$][\w$]*(\s+as\s+[A-Za-z_$][\w$]*|\s*:\s*[A-Za-z_$][\w$]*)?/g)];
    const own = names.find((x) => x[0] === c.className);
    if (!own) continue;
    found = true;
    const alreadyImported = names.some((x) => x[0] === newName);
    const otherUses = uses.filter((u) => u.index! < listStart || u.index! >= listStart + listText.length).length - 1;
    const at = listStart + own.index!;
    if (otherUses > 0) {
      if (!alreadyImported) edits.push({ start: at + own[0].length, end: at + own[0].length, text: `, ${newName}` });
    } else if (!alreadyImported) {
      edits.push({ start: at, end: at + own[0].length, text: newName });
    } else {
      // drop the now unused name with one adjacent comma
      const after = /^\s*,\s*/.exec(listText.slice(own.index! + own[0].length));
      if (after) edits.push({ start: at, end: at + own[0].length + after[0].length, text: '' });
      else {
        const before = /,\s*$/.exec(listText.slice(0, own.index!));
        edits.push({ start: before ? listStart + before.index : at, end: at + own[0].length, text: '' });
      }
    }
    break;
  }
  if (!found && lang === 'python' && !/^[ \t]*import[ \t]+openai\b/m.test(text)) {
    // the class came from elsewhere (a wildcard or a re-export): import the new one explicitly
    edits.push({ start: pythonImportInsertAt(text, mask), end: pythonImportInsertAt(text, mask), text: `from openai import ${newName}\n` });
  }
  return edits;
}

function pythonImportInsertAt(text: string, mask: Uint8Array): number {
  const lines = text.split('\n');
  let off = 0;
  let firstImport = -1;
  let afterFuture = -1;
  let headerEnd = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (i < 2 && /^(#!|#.*coding[:=])/.test(l)) headerEnd = off + l.length + 1;
    if (mask[off] === CODE && /^(import|from)\s/.test(l)) {
      if (/^from\s+__future__\s+import/.test(l)) afterFuture = off + l.length + 1;
      else if (firstImport === -1) firstImport = off;
    }
    off += l.length + 1;
  }
  if (afterFuture !== -1) return Math.min(afterFuture, text.length);
  if (firstImport !== -1) return firstImport;
  return Math.min(headerEnd, text.length);
}

function pythonHasOs(text: string, mask: Uint8Array): boolean {
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([^\n#]*)/gm)) {
    if (mask[m.index!] === CODE && m[1].split(',').some((x) => x.trim() === 'os')) return true;
  }
  return false;
}

function rewritePython(text: string, mask: Uint8Array, c: Construction, envVar: string): RewriteOutcome {
  const segs = splitTopLevel(text, mask, c.openParen + 1, c.closeParen);
  const kept: string[] = [];
  for (const s of segs) {
    if (s.text.startsWith('*')) return { ok: false, reason: 'the call passes *args or **kwargs: rewrite it by hand', construction: c };
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(s.text);
    if (!kw) return { ok: false, reason: 'the call passes positional arguments: rewrite it by hand', construction: c };
    if (PY_REFUSE.has(kw[1])) return { ok: false, reason: `the client authenticates with ${kw[1]} (Microsoft Entra ID): moving the endpoint also changes authentication, so rewrite it by hand`, construction: c };
    if (!PY_DROP.has(kw[1])) kept.push(s.text);
  }
  const newName = c.className.replace('AzureOpenAI', 'OpenAI');
  // the Azure client reads its key from AZURE_OPENAI_API_KEY when none is passed; the OpenAI client would read OPENAI_API_KEY
  if (!kept.some((k) => /^api_key\s*=/.test(k))) kept.push('api_key=os.environ["AZURE_OPENAI_API_KEY"]');
  const items = [`base_url=os.environ[${JSON.stringify(envVar)}]`, ...kept];
  const call = `${c.qualifier}${newName}${layout(text, c, items, '(', ')', segs[0]?.start)}`;
  const edits: TextEditOffsets[] = [{ start: c.start, end: c.closeParen + 1, text: call }];
  edits.push(...importEdits(text, mask, 'python', c, newName));
  if (!pythonHasOs(text, mask)) {
    const at = pythonImportInsertAt(text, mask);
    edits.push({ start: at, end: at, text: 'import os\n' });
  }
  return { ok: true, title: `Rewrite ${c.className} as ${newName} with base_url from ${envVar}`, edits: merge(edits), construction: c };
}

function rewriteJs(text: string, mask: Uint8Array, c: Construction, envVar: string): RewriteOutcome {
  const args = splitTopLevel(text, mask, c.openParen + 1, c.closeParen);
  const newName = c.className.replace('AzureOpenAI', 'OpenAI');
  const base = `baseURL: process.env.${envVar}`;
  let items: string[];
  let firstStart: number | undefined;
  let objOpen = -1;
  let objClose = -1;
  const defaultKey = 'apiKey: process.env.AZURE_OPENAI_API_KEY';
  if (args.length === 0) items = [base, defaultKey];
  else if (args.length === 1 && args[0].text.startsWith('{') && args[0].text.endsWith('}')) {
    objOpen = args[0].start;
    objClose = args[0].end - 1;
    const props = splitTopLevel(text, mask, objOpen + 1, objClose);
    items = [base];
    firstStart = props[0]?.start;
    for (const p of props) {
      if (p.text.startsWith('...')) return { ok: false, reason: 'the options object spreads other objects: rewrite it by hand', construction: c };
      const km = /^(?:(['"])([\w$]+)\1|([A-Za-z_$][\w$]*))\s*(:|,|$)/.exec(p.text);
      if (!km) return { ok: false, reason: 'the options object has computed keys or methods: rewrite it by hand', construction: c };
      const key = km[2] ?? km[3];
      if (JS_REFUSE.has(key)) return { ok: false, reason: `the client authenticates with ${key} (Microsoft Entra ID): moving the endpoint also changes authentication, so rewrite it by hand`, construction: c };
      if (!JS_DROP.has(key)) items.push(p.text);
    }
    // the Azure client reads its key from AZURE_OPENAI_API_KEY when none is passed; the OpenAI client would read OPENAI_API_KEY
    if (!props.some((p) => /^(['"]?)apiKey\1\s*(:|,|$)/.test(p.text))) items.push(defaultKey);
  } else return { ok: false, reason: 'the client is not built from one options object literal: rewrite it by hand', construction: c };
  let argText: string;
  if (objOpen === -1) argText = `({ ${items.join(', ')} })`;
  else {
    const multiline = text.slice(objOpen, objClose).includes('\n');
    if (multiline && firstStart !== undefined) {
      const fake: Construction = { ...c, openParen: objOpen, closeParen: objClose };
      argText = `(${layout(text, fake, items, '{', '}', firstStart)})`;
    } else argText = `({ ${items.join(', ')} })`;
  }
  const edits: TextEditOffsets[] = [{ start: c.start, end: c.closeParen + 1, text: `new ${c.qualifier}${newName}${argText}` }];
  edits.push(...importEdits(text, mask, 'javascript', c, newName));
  return { ok: true, title: `Rewrite new ${c.className}(…) as new ${newName}(…) with baseURL from ${envVar}`, edits: merge(edits), construction: c };
}

function merge(edits: TextEditOffsets[]): TextEditOffsets[] {
  // same-offset insertions keep their order; sorted by start
  return edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i).map((x) => x.e);
}

/**
 * The rewrite of the construction that covers `[from, to]` (offsets; a cursor is from === to),
 * undefined when there is none there.
 */
export function rewriteAt(text: string, lang: RewriteLanguage, from: number, to: number, envVar = 'OPENAI_BASE_URL'): RewriteOutcome | undefined {
  if (!ENV_VAR.test(envVar)) throw new Error(`not an environment variable name: ${envVar}`);
  if (!text.includes('AzureOpenAI')) return undefined;
  const mask = codeMask(text, lang);
  const c = findConstructions(text, lang, mask).find((x) => x.start <= to && from <= x.closeParen + 1);
  if (!c) return undefined;
  if (hasComment(mask, c.openParen, c.closeParen)) return { ok: false, reason: 'comments inside the call would be lost: rewrite it by hand', construction: c };
  return lang === 'python' ? rewritePython(text, mask, c, envVar) : rewriteJs(text, mask, c, envVar);
}

/** Apply offset edits (non-overlapping) to text. */
export function applyEdits(text: string, edits: TextEditOffsets[]): string {
  let out = text;
  for (const e of [...edits].map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i)) out = out.slice(0, e.e.start) + e.e.text + out.slice(e.e.end);
  return out;
}
