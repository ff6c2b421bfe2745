/**
 * Content-hash cache of the files a scan had to parse: a repeated scan (CI on the next commit, a
 * second audit in the editor) takes an unchanged file's result from here instead of parsing it
 * again. Files without any keyword are never parsed, so they are never cached either.
 *
 * - Key: SHA-256 of the file's path relative to its root and its bytes. An entry holds the file's
 *   result (findings, diagnostics).
 * - Invalidation: the cache is salted with the tool version, the rule set's version (a hash of
 *   the catalog and the terms) and the effective configuration; any change starts it afresh.
 * - Location: outside the scanned tree by default (the user's cache folder, one subfolder per root),
 *   so a repository cannot ship entries that would hide its own findings. An explicit folder is
 *   created with a `.gitignore` of `*` and a CACHEDIR.TAG; a folder that is a symbolic link is
 *   refused. A cache that cannot be read or written is ignored, never an error.
 * - Size: entries unused by a complete scan are dropped when it saves.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FileResult } from './types';

const FILE = 'results-v1.json';
const MAX_BYTES = 64 * 1024 * 1024;

interface Stored {
  salt: string;
  /** key -> the result without its file name, as JSON text (compact in memory, parsed on a hit) */
  entries: Record<string, string>;
}

/** A root's subfolder name in a cache folder: a hash of its absolute path. */
export function rootId(root: string): string {
  return crypto.createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
}

/** The cache folder of a root: in `base` if given, else `$XDG_CACHE_HOME` (or ~/.cache, %LOCALAPPDATA%)/ai-lockin-audit. */
export function cacheDirFor(root: string, base?: string): string | undefined {
  if (base) return path.join(base, rootId(root));
  let home: string | undefined;
  try {
    home = os.homedir();
  } catch {
    home = undefined;
  }
  const user = process.env.XDG_CACHE_HOME || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined) || (home ? path.join(home, '.cache') : undefined);
  return user ? path.join(user, 'ai-lockin-audit', rootId(root)) : undefined;
}

export class ResultCache {
  private entries: Map<string, string> = new Map();
  /** One copy of the texts findings of a rule share (guidance, alternative...), however many hits. */
  private readonly texts = new Map<string, string>();
  private readonly used = new Set<string>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(
    readonly dir: string,
    private readonly salt: string,
  ) {}

  /** Open (or start) the cache in `dir` for results computed under `salt`. */
  static open(dir: string, salt: string): ResultCache {
    const cache = new ResultCache(dir, salt);
    try {
      const file = path.join(dir, FILE);
      const st = fs.lstatSync(file);
      if (st.isFile() && st.size <= MAX_BYTES) {
        const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Stored;
        if (stored && stored.salt === salt && stored.entries && typeof stored.entries === 'object') {
          cache.entries = new Map(Object.entries(stored.entries).filter((e): e is [string, string] => typeof e[1] === 'string'));
        }
      }
    } catch {
      // absent or unreadable: an empty cache
    }
    return cache;
  }

  /** The salt for a scan: tool and rule-set versions and the effective configuration. */
  static salt(parts: { tool: string; rules: string; config: unknown }): string {
    return crypto.createHash('sha256').update(JSON.stringify([parts.tool, parts.rules, parts.config])).digest('hex');
  }

  /** The key of a candidate's bytes, hashed once though `has` and then `get` ask (a scan's candidate buffers are not reused). */
  private readonly keys = new WeakMap<Uint8Array, { rel: string; key: string }>();

  private key(rel: string, bytes: Uint8Array): string {
    const known = this.keys.get(bytes);
    if (known?.rel === rel) return known.key;
    const key = crypto.createHash('sha256').update(rel).update('\0').update(bytes).digest('base64');
    this.keys.set(bytes, { rel, key });
    return key;
  }

  /** Whether `get` would find an entry (no counting). */
  has(rel: string, bytes: Uint8Array): boolean {
    return this.entries.has(this.key(rel, bytes));
  }

  get(rel: string, bytes: Uint8Array): FileResult | undefined {
    const k = this.key(rel, bytes);
    const hit = this.entries.get(k);
    let result: FileResult | undefined;
    try {
      result = hit ? { file: rel, ...(JSON.parse(hit) as Omit<FileResult, 'file'>) } : undefined;
    } catch {
      result = undefined;
    }
    if (!result || !Array.isArray(result.findings) || !Array.isArray(result.diagnostics)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.add(k);
    for (const f of result.findings) {
      f.guidance = this.intern(f.guidance);
      f.alternative = this.intern(f.alternative);
      f.title = this.intern(f.title);
    }
    return result;
  }

  private intern(s: string): string {
    const known = this.texts.get(s);
    if (known !== undefined) return known;
    this.texts.set(s, s);
    return s;
  }

  set(rel: string, bytes: Uint8Array, result: FileResult): void {
    // skips are not remembered: a parse over its time budget or an internal error is not a
    // property of the file's bytes
    if (result.skipped) return;
    const k = this.key(rel, bytes);
    const { file: _file, ...rest } = result;
    this.entries.set(k, JSON.stringify(rest));
    this.used.add(k);
    this.dirty = true;
  }

  /** Write the cache (only when something changed). `complete`: the scan saw every file, so unused entries go. */
  save(complete: boolean): void {
    if (complete && this.used.size < this.entries.size) {
      for (const k of [...this.entries.keys()]) if (!this.used.has(k)) this.entries.delete(k);
      this.dirty = true;
    }
    if (!this.dirty) return;
    try {
      prepareDir(this.dir);
      const data: Stored = { salt: this.salt, entries: Object.fromEntries(this.entries) };
      const tmp = path.join(this.dir, `${FILE}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, JSON.stringify(data), { flag: 'wx' });
      fs.renameSync(tmp, path.join(this.dir, FILE));
      this.dirty = false;
    } catch {
      // read-only home, full disk, a symbolic link in the way: scans work without a cache
    }
  }
}

/** Create the folder (not through a symbolic link), marked as a cache and ignored by git. */
function prepareDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) throw new Error('cache folder is not a folder');
  const ignore = path.join(dir, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# created by ai-lockin-audit: a cache, never committed\n*\n');
  const tag = path.join(dir, 'CACHEDIR.TAG');
  if (!fs.existsSync(tag)) fs.writeFileSync(tag, 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by ai-lockin-audit.\n');
}
