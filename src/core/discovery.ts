/**
 * File discovery over a root: honours .gitignore files (nested, with the `ignore` package), the
 * default excludes and the config's `exclude`; never follows a symlink out of the root or round
 * a loop (each is reported as a skip); an unreadable folder is a skip, not a failure.
 */
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import type { Skip } from './types';

export const DEFAULT_EXCLUDES = [
  'node_modules/', '.git/', '.hg/', '.svn/', '.terraform/', '.terragrunt-cache/', 'vendor/', 'third_party/',
  '.venv/', 'venv/', '__pycache__/', '.tox/', '.mypy_cache/', '.pytest_cache/', 'site-packages/',
  'dist/', 'build/', 'out/', 'target/', 'bin/', 'obj/', '.next/', '.nuxt/', 'coverage/', '.gradle/', '.idea/', '.cache/',
  '*.min.js', '*.map', '.ai-lockin-audit-cache/',
];

export interface DiscoveredFile {
  /** Absolute path to read. */
  abs: string;
  /** Path relative to the root, `/`-separated. */
  rel: string;
  /** Bytes, or -1 when discovery was asked not to stat (the reader checks the size). */
  size: number;
}

export interface DiscoverOptions {
  exclude?: string[];
  /** Only files whose relative path passes this (the analyzer check). */
  accept?: (rel: string) => boolean;
  signal?: AbortSignal;
  onSkip?: (skip: Skip) => void;
  /** Stat each file for its size (default true); without, `size` is -1 and the reader checks it. */
  sizes?: boolean;
}

interface Frame {
  dir: string;
  rel: string;
  ignores: Layer[];
}

/**
 * The default excludes as plain lookups: folder names and file-name suffixes at any depth (what
 * those gitignore patterns mean). Testing every path against every pattern with the `ignore`
 * package cost more than reading the files; the package still handles .gitignore files and the
 * config's `exclude`.
 */
const DEFAULT_DIRS = new Set(DEFAULT_EXCLUDES.filter((p) => /^[^*/!]+\/$/.test(p)).map((p) => p.slice(0, -1)));
const DEFAULT_SUFFIXES = DEFAULT_EXCLUDES.filter((p) => /^\*[^*/!]+$/.test(p)).map((p) => p.slice(1));
if (DEFAULT_DIRS.size + DEFAULT_SUFFIXES.length !== DEFAULT_EXCLUDES.length) throw new Error('DEFAULT_EXCLUDES holds a pattern that is neither a folder name nor a suffix');

function excludedByDefault(name: string, isDir: boolean): boolean {
  if (isDir) return DEFAULT_DIRS.has(name);
  for (const suffix of DEFAULT_SUFFIXES) if (name.endsWith(suffix)) return true;
  return false;
}

/**
 * One ignore file's rules (or the config's excludes), for paths under `base`. The `ignore`
 * package remembers every path it was asked about; over a large tree that memory grows with the
 * file count, so the matcher is rebuilt from its patterns every few thousand paths.
 */
class Layer {
  private ig: Ignore;
  private uses = 0;
  /**
   * For files, when every pattern that can match a file is a plain `*.ext` or a plain name (no
   * slash, no glob character, no negation anywhere): gitignore matches such patterns against the
   * file's name, so a file is ignored exactly when its name ends with one of `fileSuffixes` or is
   * one of `fileNames` (case-insensitive, as the package), and the package is not asked.
   */
  private readonly fileSuffixes?: string[];
  private readonly fileNames?: Set<string>;
  /** `base` and a slash: the start of the paths under it. */
  readonly prefix: string;
  constructor(
    readonly base: string,
    private readonly patterns: string | string[],
  ) {
    this.prefix = `${base}/`;
    this.ig = ignore().add(patterns);
    const lines = (Array.isArray(patterns) ? patterns : patterns.split(/\r?\n/)).filter((l) => l.trim() && !l.startsWith('#'));
    const forFiles = lines.filter((l) => !l.trimEnd().endsWith('/'));
    // the package matches case-insensitively: so do the suffixes
    if (!lines.some((l) => l.startsWith('!')) && forFiles.every((l) => /^\*\.[A-Za-z0-9_-]+$/.test(l) || /^[A-Za-z0-9_][A-Za-z0-9_.-]*$|^\.[A-Za-z0-9_.-]+$/.test(l))) {
      this.fileSuffixes = forFiles.filter((l) => l.startsWith('*')).map((l) => l.slice(1).toLowerCase());
      this.fileNames = new Set(forFiles.filter((l) => !l.startsWith('*')).map((l) => l.toLowerCase()));
    }
  }
  /** Is `path` (relative to `base`) ignored? `lowerName`: its last segment in lower case. */
  ignores(path: string, isDir: boolean, lowerName: string): boolean {
    if (!isDir && this.fileSuffixes && this.fileNames) {
      // (a suffix holds no slash, so it ends the path exactly when it ends the name)
      for (const suffix of this.fileSuffixes) if (lowerName.endsWith(suffix)) return true;
      return this.fileNames.size > 0 && this.fileNames.has(lowerName);
    }
    if (++this.uses > 4096) {
      this.ig = ignore().add(this.patterns);
      this.uses = 0;
    }
    return this.ig.ignores(isDir ? path + '/' : path);
  }
}

function ignored(ignores: Frame['ignores'], rel: string, isDir: boolean, lowerName: string): boolean {
  for (const ig of ignores) {
    const base = ig.base;
    const sub = base ? (rel.startsWith(ig.prefix) ? rel.slice(ig.prefix.length) : undefined) : rel;
    if (sub === undefined || !sub) continue;
    if (ig.ignores(sub, isDir, lowerName)) return true;
  }
  return false;
}

/**
 * Walk one root, yielding the files to scan (as `walk`, for consumers that await between files).
 */
export async function* discover(root: string, options: DiscoverOptions = {}): AsyncGenerator<DiscoveredFile> {
  yield* walk(root, options);
}

/**
 * Walk one root, yielding the files to scan, synchronously: a folder listing takes microseconds,
 * and an awaited step per file cost a scan pipeline more than the listing itself. The walk still
 * yields file by file, so a consumer paces it (the pipeline pulls paths as its readers need them).
 */
export function* walk(root: string, options: DiscoverOptions = {}): Generator<DiscoveredFile> {
  const rootReal = fs.realpathSync(root);
  // a negated `exclude` pattern may re-include a default exclude: then the defaults go through `ignore` too
  const exclude = options.exclude ?? [];
  const plainDefaults = !exclude.some((p) => p.trim().startsWith('!'));
  const rootIgnores = plainDefaults && !exclude.some((p) => p.trim() && !p.trim().startsWith('#')) ? [] : [new Layer('', plainDefaults ? exclude : [...DEFAULT_EXCLUDES, ...exclude])];
  const visitedDirs = new Set<string>([rootReal]);
  // Nothing is kept per file (memory flat in the file count): files reached through a symbolic
  // link wait until the walk is done and are yielded only if their target was not reached
  // directly (the folders' listings say which files were: `listed`).
  const listed = new Map<string, { rel: string; ignores: Layer[] }>();
  const linked: { rel: string; real: string; name: string }[] = [];
  const linkedTargets = new Set<string>();
  const stack: Frame[] = [{ dir: rootReal, rel: '', ignores: rootIgnores }];
  const skip = (s: Skip) => options.onSkip?.(s);
  const inside = (real: string) => real === rootReal || real.startsWith(rootReal + path.sep);

  while (stack.length) {
    if (options.signal?.aborted) return;
    const frame = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(frame.dir, { withFileTypes: true });
    } catch (e) {
      skip({ file: frame.rel || '.', reason: 'unreadable', detail: `cannot list folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    let ignores = frame.ignores;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const text = fs.readFileSync(path.join(frame.dir, '.gitignore'), 'utf8');
        ignores = [...ignores, new Layer(frame.rel, text)];
      } catch {
        // an unreadable .gitignore is treated as absent
      }
    }
    listed.set(frame.dir, { rel: frame.rel, ignores });
    const isIgnored = (name: string, rel: string, isDir: boolean) => (plainDefaults && excludedByDefault(name, isDir)) || (ignores.length > 0 && ignored(ignores, rel, isDir, name.toLowerCase()));
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const relPrefix = frame.rel ? `${frame.rel}/` : '';
    const absPrefix = frame.dir.endsWith(path.sep) ? frame.dir : frame.dir + path.sep;
    for (const entry of entries) {
      const rel = relPrefix + entry.name;
      const abs = absPrefix + entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let realAbs = abs;
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = fs.realpathSync(abs);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (isIgnored(entry.name, rel, false)) continue;
          if (code === 'ELOOP') skip({ file: rel, reason: 'symlink-loop', detail: 'symbolic link loop' });
          else skip({ file: rel, reason: 'unreadable', detail: `broken symbolic link (${code ?? 'error'})` });
          continue;
        }
        if (!inside(real)) {
          if (!isIgnored(entry.name, rel, false)) skip({ file: rel, reason: 'symlink-outside-root', detail: 'symbolic link points outside the scanned root; not followed' });
          continue;
        }
        let st: fs.Stats;
        try {
          st = fs.statSync(real);
        } catch {
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
        realAbs = real;
      }
      if (isIgnored(entry.name, rel, isDir)) continue;
      if (isDir) {
        const real = realAbs === abs ? abs : realAbs;
        if (visitedDirs.has(real)) {
          if (realAbs !== abs) skip({ file: rel, reason: 'symlink-loop', detail: 'symbolic link to a folder already scanned; not followed' });
          continue;
        }
        visitedDirs.add(real);
        stack.push({ dir: real, rel, ignores });
      } else if (isFile) {
        if (options.accept && !options.accept(rel)) continue;
        if (realAbs !== abs) {
          if (!linkedTargets.has(realAbs)) {
            linkedTargets.add(realAbs);
            linked.push({ rel, real: realAbs, name: entry.name });
          }
          continue;
        }
        const found = file(abs, rel);
        if (found) yield found;
      }
    }
  }
  // files reached only through a link, under the link's path
  for (const l of linked) {
    if (options.signal?.aborted) return;
    const dir = listed.get(path.dirname(l.real));
    const base = path.basename(l.real);
    if (dir) {
      const rel = dir.rel ? `${dir.rel}/${base}` : base;
      const direct = !((plainDefaults && excludedByDefault(base, false)) || ignored(dir.ignores, rel, false, base.toLowerCase())) && (!options.accept || options.accept(rel));
      if (direct) continue;
    }
    const found = file(l.real, l.rel);
    if (found) yield found;
  }

  function file(realAbs: string, rel: string): DiscoveredFile | undefined {
    let size = -1;
    if (options.sizes !== false) {
      try {
        size = fs.statSync(realAbs).size;
      } catch (e) {
        skip({ file: rel, reason: 'unreadable', detail: `cannot stat (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
        return undefined;
      }
    }
    return { abs: realAbs, rel, size };
  }
}

/**
 * Whether a folder holds at least `min` files that `accept` takes, by a bounded look before a scan
 * (is it large enough for reader workers?): folders excluded by default are not entered, .gitignore
 * files are not read, symbolic links are not followed, and the look stops after `maxDirs` folders.
 */
export function holdsFiles(root: string, min: number, accept: (name: string) => boolean = () => true, maxDirs = 256): boolean {
  const queue = [root];
  let files = 0;
  for (let i = 0; i < queue.length && i < maxDirs; i++) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(queue[i], { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!DEFAULT_DIRS.has(e.name)) queue.push(path.join(queue[i], e.name));
      } else if (e.isFile() && accept(e.name) && ++files >= min) return true;
    }
  }
  return false;
}
