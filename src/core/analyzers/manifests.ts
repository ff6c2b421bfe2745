/**
 * Dependency manifests other than package.json (which data.ts reads): pip requirements files,
 * pyproject.toml, Pipfile and Gradle version catalogs (`smol-toml`, with a small lexer for
 * positions), go.mod, Maven
 * pom.xml / MSBuild (*.csproj, Directory.Packages.props, packages.config) through a
 * position-aware XML tokenizer checked by `fast-xml-parser`'s validator, and Gradle build
 * scripts through a tokenizer that skips comments and reads string literals.
 *
 * Every manifest emits `dependency` atoms: `value` is the package name (Python names normalized
 * per PEP 503, Maven / Gradle as `group:artifact`, NuGet ids and Go module paths as written),
 * `text` the version when given, the range the name as written. A Python requirement with
 * extras also emits `name[extra]` for each extra (`anthropic[bedrock]`).
 */
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Atom } from '../types';
import type { AnalyzeInput, AnalyzeOutput, ParseProblem } from './types';
import { MAX_NESTING, TooComplexError } from '../guard';

// ---------------------------------------------------------------- Python (PEP 508)

export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

interface Requirement {
  name: string;
  extras: string[];
  version?: string;
  /** Offset of the name within the requirement string. */
  offset: number;
}

const PEP508 = /^(\s*)([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*([^;]*)/;

export function parseRequirement(s: string): Requirement | undefined {
  const m = PEP508.exec(s);
  if (!m) return undefined;
  const rest = m[4].trim();
  if (rest && !/^(@|[<>=!~(])/.test(rest)) return undefined; // not a requirement (e.g. a path)
  const extras = (m[3] ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  return { name: m[2], extras, version: rest || undefined, offset: m[1].length };
}

function pushRequirement(atoms: Atom[], req: Requirement, start: number, key?: string): void {
  const name = normalizePythonName(req.name);
  const end = start + req.name.length;
  atoms.push({ kind: 'dependency', value: name, start, end, text: req.version, key });
  for (const e of req.extras) atoms.push({ kind: 'dependency', value: `${name}[${normalizePythonName(e)}]`, start, end, text: req.version, key });
}

/** requirements*.txt / constraints*.txt: one requirement per logical line; `#` comments, options and URLs skipped. */
export function analyzeRequirements(input: AnalyzeInput): AnalyzeOutput {
  const atoms: Atom[] = [];
  const text = input.text;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    let line = text.slice(pos, lineEnd);
    const lineStart = pos;
    pos = lineEnd + 1;
    // continuation lines join the requirement; the name is on the first physical line
    while (/\\\r?$/.test(line) && pos < text.length) {
      const nl2 = text.indexOf('\n', pos);
      const end2 = nl2 < 0 ? text.length : nl2;
      line = line.replace(/\\\r?$/, ' ') + text.slice(pos, end2);
      pos = end2 + 1;
    }
    const hash = line.search(/(^|\s)#/);
    if (hash >= 0) line = line.slice(0, hash);
    if (!line.trim() || /^\s*-/.test(line) || /^\s*[\w+.-]+:\/\//.test(line) || /^\s*[./]/.test(line)) continue;
    const req = parseRequirement(line);
    if (req) pushRequirement(atoms, req, lineStart + req.offset);
  }
  return { artifact: 'dependency-manifest', atoms };
}

// ---------------------------------------------------------------- TOML (pyproject.toml, Pipfile)

interface TomlToken {
  type: 'key' | 'string';
  value: string;
  start: number;
  end: number;
  table: string;
}

/** Keys at line starts and string literals with their offsets and enclosing table header; comments skipped. */
export function tomlTokens(text: string): TomlToken[] {
  const out: TomlToken[] = [];
  let table = '';
  let depth = 0;
  let i = 0;
  let lineStart = true;
  const n = text.length;
  const readString = (): { value: string; start: number; end: number } => {
    const q = text[i];
    const triple = text.startsWith(q.repeat(3), i);
    const open = triple ? 3 : 1;
    const start = i + open;
    let j = start;
    for (;;) {
      if (j >= n) break;
      if (q === '"' && text[j] === '\\') {
        j += 2;
        continue;
      }
      if (triple ? text.startsWith(q.repeat(3), j) : text[j] === q) break;
      if (!triple && text[j] === '\n') break;
      j++;
    }
    i = Math.min(n, j + open);
    return { value: text.slice(start, j), start, end: j };
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (lineStart && depth === 0 && c === '[') {
      const close = text.indexOf(']', i);
      const end = close < 0 ? n : close;
      table = text
        .slice(i, end)
        .replace(/^\[+/, '')
        .split('.')
        .map((p) => p.trim().replace(/^["']|["']$/g, ''))
        .join('.');
      i = end;
      while (i < n && text[i] === ']') i++;
      lineStart = false;
      continue;
    }
    if (lineStart && depth === 0) {
      // a key: bare or quoted segments up to '='
      const eq = text.indexOf('=', i);
      const nl = text.indexOf('\n', i);
      if (eq >= 0 && (nl < 0 || eq < nl)) {
        const raw = text.slice(i, eq).trimEnd();
        const segs = raw.split('.').map((p) => p.trim().replace(/^["']|["']$/g, ''));
        out.push({ type: 'key', value: segs.join('.'), start: i + (/^["']/.test(raw) ? 1 : 0), end: i + raw.length - (/["']$/.test(raw) ? 1 : 0), table });
        i = eq + 1;
        lineStart = false;
        continue;
      }
    }
    lineStart = false;
    if (c === '"' || c === "'") {
      const s = readString();
      out.push({ type: 'string', ...s, table });
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    i++;
  }
  return out;
}

type TomlValue = ReturnType<typeof parseToml>[string];

function isTable(v: TomlValue | undefined): v is Record<string, TomlValue> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

function at(root: Record<string, TomlValue>, dotted: string): TomlValue | undefined {
  let cur: TomlValue | undefined = root;
  for (const p of dotted.split('.')) {
    if (!isTable(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** pyproject.toml (PEP 621, PEP 735 dependency groups, Poetry, PDM), Pipfile and gradle/libs.versions.toml. */
export function analyzeToml(input: AnalyzeInput): AnalyzeOutput {
  let doc: Record<string, TomlValue>;
  try {
    doc = parseToml(input.text) as Record<string, TomlValue>;
  } catch (e) {
    if (e instanceof TomlError) throw new RangeError(`TOML: ${e.message.split('\n')[0]}`);
    throw e;
  }
  const atoms: Atom[] = [];
  const tokens = tomlTokens(input.text);
  const used = new Set<TomlToken>();
  const find = (type: TomlToken['type'], value: string, table: string): TomlToken | undefined => {
    const free = (t: TomlToken) => t.type === type && t.value === value && !used.has(t);
    const t = tokens.find((x) => free(x) && x.table === table) ?? tokens.find((x) => free(x) && x.table.startsWith(table)) ?? tokens.find(free);
    if (t) used.add(t);
    return t;
  };
  const fromArray = (v: TomlValue | undefined, table: string, key: string) => {
    if (!Array.isArray(v)) return;
    for (const item of v) {
      if (typeof item !== 'string') continue;
      const req = parseRequirement(item);
      const tok = find('string', item, table);
      if (req) pushRequirement(atoms, req, (tok?.start ?? 0) + req.offset, key);
    }
  };
  const fromTable = (v: TomlValue | undefined, table: string, key: string) => {
    if (!isTable(v)) return;
    for (const [name, spec] of Object.entries(v)) {
      if (name.toLowerCase() === 'python') continue;
      const tok = find('key', name, table);
      const version = typeof spec === 'string' ? spec : isTable(spec) && typeof spec.version === 'string' ? spec.version : undefined;
      const extras = isTable(spec) && Array.isArray(spec.extras) ? spec.extras.filter((e): e is string => typeof e === 'string') : [];
      const start = tok?.start ?? 0;
      pushRequirement(atoms, { name, extras, version, offset: 0 }, start, key);
    }
  };
  const base = input.path.slice(input.path.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'libs.versions.toml') {
    // Gradle version catalog: [libraries] alias = "g:a:v" | { module = "g:a" } | { group = "g", name = "a" }
    const libs = doc.libraries;
    if (isTable(libs)) {
      for (const [alias, spec] of Object.entries(libs)) {
        let coord: string | undefined;
        let version: string | undefined;
        if (typeof spec === 'string') coord = spec;
        else if (isTable(spec)) {
          if (typeof spec.module === 'string') coord = spec.module;
          else if (typeof spec.group === 'string' && typeof spec.name === 'string') coord = `${spec.group}:${spec.name}`;
          if (typeof spec.version === 'string') version = spec.version;
        }
        const m = coord ? /^([\w.-]+):([\w.-]+)(?::([^:@\s]+))?/.exec(coord) : null;
        if (!m) continue;
        const tok = find('key', alias, 'libraries');
        atoms.push({ kind: 'dependency', value: `${m[1]}:${m[2]}`, start: tok?.start ?? 0, end: tok?.end ?? 0, text: m[3] ?? version, key: 'libraries' });
      }
    }
  } else if (base === 'pipfile') {
    fromTable(doc.packages, 'packages', 'packages');
    fromTable(doc['dev-packages'], 'dev-packages', 'dev-packages');
  } else {
    fromArray(at(doc, 'project.dependencies'), 'project', 'dependencies');
    const opt = at(doc, 'project.optional-dependencies');
    if (isTable(opt)) for (const [g, list] of Object.entries(opt)) fromArray(list, 'project.optional-dependencies', `optional-dependencies.${g}`);
    const groups = doc['dependency-groups'];
    if (isTable(groups)) for (const [g, list] of Object.entries(groups)) fromArray(list, 'dependency-groups', `dependency-groups.${g}`);
    fromTable(at(doc, 'tool.poetry.dependencies'), 'tool.poetry.dependencies', 'tool.poetry.dependencies');
    fromTable(at(doc, 'tool.poetry.dev-dependencies'), 'tool.poetry.dev-dependencies', 'tool.poetry.dev-dependencies');
    const pg = at(doc, 'tool.poetry.group');
    if (isTable(pg)) for (const [g, grp] of Object.entries(pg)) if (isTable(grp)) fromTable(grp.dependencies, `tool.poetry.group.${g}.dependencies`, `tool.poetry.group.${g}`);
    const pdm = at(doc, 'tool.pdm.dev-dependencies');
    if (isTable(pdm)) for (const [g, list] of Object.entries(pdm)) fromArray(list, 'tool.pdm.dev-dependencies', `tool.pdm.dev-dependencies.${g}`);
  }
  atoms.sort((a, b) => a.start - b.start);
  return { artifact: 'dependency-manifest', atoms };
}

// ---------------------------------------------------------------- go.mod

export function analyzeGoMod(input: AnalyzeInput): AnalyzeOutput {
  const atoms: Atom[] = [];
  const text = input.text;
  let inRequire = false;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, end);
    const lineStart = pos;
    pos = end + 1;
    const c = raw.indexOf('//');
    const line = c >= 0 ? raw.slice(0, c) : raw;
    let body: string | undefined;
    let bodyAt = 0;
    if (inRequire) {
      if (/^\s*\)/.test(line)) {
        inRequire = false;
        continue;
      }
      body = line;
    } else {
      const m = /^(\s*require\s+)(.*)$/.exec(line);
      if (!m) continue;
      if (/^\(\s*$/.test(m[2])) {
        inRequire = true;
        continue;
      }
      body = m[2];
      bodyAt = m[1].length;
    }
    const dm = /^(\s*)("?)([^\s"]+)\2\s+(\S+)/.exec(body);
    if (!dm) continue;
    const start = lineStart + bodyAt + dm[1].length + dm[2].length;
    atoms.push({ kind: 'dependency', value: dm[3], start, end: start + dm[3].length, text: dm[4] });
    if (nl < 0) break;
  }
  return { artifact: 'dependency-manifest', atoms };
}

// ---------------------------------------------------------------- XML (Maven, MSBuild, NuGet)

interface XAttr {
  value: string;
  start: number;
  end: number;
}

interface XElement {
  name: string;
  attrs: Map<string, XAttr>;
  children: XElement[];
  text: string;
  textStart: number;
  textEnd: number;
}

/**
 * A tolerant, position-aware XML tokenizer: elements, attributes and text with offsets; comments,
 * CDATA, PIs and DOCTYPE skipped. Every alternative that opens a construct also ends at the end of
 * the input when unclosed (`<!` without `>` used to rescan the rest of the text: quadratic).
 */
export function xmlElements(text: string): XElement {
  const root: XElement = { name: '#root', attrs: new Map(), children: [], text: '', textStart: 0, textEnd: 0 };
  const stack: XElement[] = [root];
  // how many open elements bear each name: a close tag with no open match is dropped in O(1), a
  // matching one pops what it scans (amortised linear; a per-close scan of the stack was quadratic)
  const open = new Map<string, number>();
  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*(?:>|$)|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|</g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const top = stack[stack.length - 1];
    if (m[2] !== undefined) {
      const name = local(m[2]);
      if (open.get(name)) {
        for (;;) {
          const el = stack.pop()!;
          open.set(el.name, open.get(el.name)! - 1);
          if (el.name === name) break;
        }
      }
    } else if (m[3] !== undefined) {
      const el: XElement = { name: local(m[3]), attrs: new Map(), children: [], text: '', textStart: m.index + m[0].length, textEnd: m.index + m[0].length };
      const attrBase = m.index + 1 + m[3].length;
      const are = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
      for (let a = are.exec(m[4]); a; a = are.exec(m[4])) {
        const start = attrBase + a.index + a[0].indexOf(a[2]) + 1;
        const value = a[3] ?? a[4] ?? '';
        el.attrs.set(local(a[1]), { value, start, end: start + value.length });
      }
      top.children.push(el);
      if (!m[5]) {
        if (stack.length > MAX_NESTING) throw new TooComplexError('too-complex', `XML elements nest more than ${MAX_NESTING} levels deep; not parsed`);
        stack.push(el);
        open.set(el.name, (open.get(el.name) ?? 0) + 1);
      }
    } else if (m[6] !== undefined || m[1] !== undefined) {
      const t = m[6] ?? m[1];
      const lead = t.length - t.trimStart().length;
      const trimmed = t.trim();
      if (trimmed && !top.text) {
        top.text = decodeEntities(trimmed);
        top.textStart = m.index + (m[1] !== undefined ? 9 : 0) + lead;
        top.textEnd = top.textStart + trimmed.length;
      }
    }
  }
  return root;
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/** Document order, iteratively (a recursive generator overflows the stack on deep documents). */
function* descendants(el: XElement): Generator<XElement> {
  const stack: XElement[] = [...el.children].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    yield c;
    for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]);
  }
}

const NUGET_ITEMS = new Set(['PackageReference', 'PackageVersion', 'GlobalPackageReference']);

export function analyzeXmlManifest(input: AnalyzeInput): AnalyzeOutput {
  const atoms: Atom[] = [];
  const problems: ParseProblem[] = [];
  const valid = XMLValidator.validate(input.text);
  if (valid !== true) problems.push({ start: 0, end: 0, message: `XML: ${valid.err.msg} (line ${valid.err.line})` });
  const root = xmlElements(input.text);
  for (const el of descendants(root)) {
    if (el.name === 'dependency') {
      const child = (n: string) => el.children.find((c) => c.name === n);
      const g = child('groupId');
      const a = child('artifactId');
      if (!a?.text) continue;
      atoms.push({ kind: 'dependency', value: `${g?.text ?? ''}:${a.text}`, start: a.textStart, end: a.textEnd, text: child('version')?.text || undefined });
    } else if (NUGET_ITEMS.has(el.name)) {
      const id = el.attrs.get('Include') ?? el.attrs.get('Update');
      if (!id?.value) continue;
      const version = el.attrs.get('Version')?.value ?? el.children.find((c) => c.name === 'Version')?.text;
      for (const part of id.value.split(';')) {
        const name = part.trim();
        if (!name) continue;
        const start = id.start + id.value.indexOf(name);
        atoms.push({ kind: 'dependency', value: name, start, end: start + name.length, text: version || undefined, key: el.name });
      }
    } else if (el.name === 'package') {
      const id = el.attrs.get('id');
      if (id?.value) atoms.push({ kind: 'dependency', value: id.value, start: id.start, end: id.end, text: el.attrs.get('version')?.value, key: 'package' });
    }
  }
  return { artifact: 'dependency-manifest', atoms, problems };
}

// ---------------------------------------------------------------- Gradle (Groovy and Kotlin DSL)

interface GToken {
  type: 'string' | 'ident' | 'punct';
  value: string;
  start: number;
  end: number;
}

/** Gradle script tokens: identifiers, punctuation and string literals (single, double, triple quoted); comments skipped. */
export function gradleTokens(text: string): GToken[] {
  const out: GToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const open = triple ? 3 : 1;
      const start = i + open;
      let j = start;
      while (j < n) {
        if (text[j] === '\\') {
          j += 2;
          continue;
        }
        if (triple ? text.startsWith(c.repeat(3), j) : text[j] === c) break;
        if (!triple && text[j] === '\n') break;
        j++;
      }
      out.push({ type: 'string', value: text.slice(start, j), start, end: j });
      i = Math.min(n, j + open);
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j])) j++;
      out.push({ type: 'ident', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (!/\s/.test(c)) out.push({ type: 'punct', value: c, start: i, end: i + 1 });
    i++;
  }
  return out;
}

const COORDINATE = /^([\w.-]+):([\w.-]+)(?::([^:@\s]*))?(?::[\w.-]+)?(?:@\w+)?$/;

export function analyzeGradle(input: AnalyzeInput): AnalyzeOutput {
  const atoms: Atom[] = [];
  const toks = gradleTokens(input.text);
  let group: string | undefined;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type === 'string') {
      const m = COORDINATE.exec(t.value);
      if (m && /[.\-]/.test(m[1])) {
        const value = `${m[1]}:${m[2]}`;
        const start = t.start;
        atoms.push({ kind: 'dependency', value, start, end: start + m[1].length + 1 + m[2].length, text: m[3] || undefined });
      }
      continue;
    }
    // map notation: group: 'g', name: 'a'  /  group = "g", name = "a"
    const sep = toks[i + 1];
    const str = toks[i + 2];
    if (t.type === 'ident' && sep?.type === 'punct' && (sep.value === ':' || sep.value === '=') && str?.type === 'string') {
      if (t.value === 'group') group = str.value;
      else if (t.value === 'name' && group) {
        atoms.push({ kind: 'dependency', value: `${group}:${str.value}`, start: str.start, end: str.end });
        group = undefined;
      }
    }
  }
  return { artifact: 'dependency-manifest', atoms };
}
