#!/usr/bin/env node
/**
 * ai-lockin-audit: the headless CLI, a thin shell over src/core.
 * Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 usage or config error; 3 internal error.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import type { Worker } from 'worker_threads';
import { ConfigError, type Config, type FailOn, loadConfigFile, loadRootConfig, RuleError, scan, type ScanResult, type Severity, VERSION } from '../core';
import { applyBaseline, BaselineError, createBaseline, loadBaseline, writeBaseline } from '../core/baseline';
import { classify } from '../core/classify';
import { holdsFiles } from '../core/discovery';
import { isFileList, scanFiles } from '../core/filelist';
import { defaultWorkers, PARALLEL_MIN_FILES, startReaders } from '../core/parallel';
import { changedLines, type ChangedLines, filterToChanged, GitDiffError } from '../core/gitdiff';
import { type CiContext, describeCut, locator, relativeTo, sarifCut, toCompact, toGithub, toJson, toJunit, toMarkdown, toSarif, toStepSummary, toText } from '../core/report';

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'github', 'compact'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON: FailOn[] = ['error', 'warning', 'note', 'never'];

export class UsageError extends Error {}

interface Args {
  command: 'scan' | 'help' | 'version' | 'rules';
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  failOn?: FailOn;
  verbose: boolean;
  color?: boolean;
  inlineSuppressions?: boolean;
  /** Reader threads for large scans (--jobs); 0 scans on one thread. */
  jobs?: number;
  quiet: boolean;
  baseline?: string;
  writeBaseline?: string;
  diffBase?: string;
  sarifFile?: string;
  /** false: --no-cache; a string: --cache-dir */
  cache: boolean | string;
}

export const HELP = `ai-lockin-audit ${VERSION}: find where a workspace binds its AI workloads to one cloud's AI service

Usage:
  ai-lockin-audit scan [paths...] [options]     scan folders or files (default: .)
  ai-lockin-audit rules                         list the rules
  ai-lockin-audit --version | --help

Options:
  -f, --format FORMAT                     text | json | sarif | markdown | junit | github | compact
                                          (default: text; github prints workflow-command annotations)
  -o, --output FILE                       write the report to FILE instead of stdout
      --sarif-file FILE                   also write SARIF to FILE (for code-scanning upload)
  -c, --config FILE                       config file (default: .ai-lockin-audit.yaml at each root)
      --fail-on error|warning|note|never  exit 1 when a finding reaches this severity (default: error)
      --baseline FILE                     accept the findings recorded in FILE: they are reported as
                                          suppressed (baseline), only new ones count
      --write-baseline FILE               record every current finding in FILE (then exit 0)
      --diff-base REF                     report only findings on lines changed since the git REF
                                          (plus untracked files), e.g. origin/main
      --no-inline-suppressions            ignore ai-lockin-audit-ignore comments
      --cache-dir DIR                     keep the results of parsed files in DIR (default: the user's
                                          cache folder, ~/.cache/ai-lockin-audit); an unchanged file is
                                          not parsed again. Never point it into the scanned repository.
      --no-cache                          parse every file that needs it
  -j, --jobs N                            reader threads for large trees besides the main thread, which
                                          parses (default: cores - 1, at most 3; 0 = one thread)
      --verbose                           text format: print the guidance of each finding
      --color / --no-color                force or disable colour (default: on a TTY)
  -q, --quiet                             no progress line or notes on stderr (warnings stay)

When $GITHUB_STEP_SUMMARY is set, a Markdown job summary is appended to it.

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage or configuration error,
3 internal error (please report it).
`;

export function parseArgs(argv: string[]): Args {
  const a: Args = { command: 'scan', paths: [], format: 'text', verbose: false, quiet: false, cache: true };
  const rest = [...argv];
  const first = rest[0];
  if (first === 'scan' || first === 'rules') {
    a.command = first;
    rest.shift();
  } else if (first === 'help') {
    a.command = 'help';
    return a;
  } else if (first !== undefined && !first.startsWith('-')) {
    throw new UsageError(`unknown command "${first}": use "ai-lockin-audit scan [paths...]" or "ai-lockin-audit rules" (see --help)`);
  }
  const value = (flag: string): string => {
    const v = rest.shift();
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${flag} needs a value: write ${flag} <value> (see --help)`);
    return v;
  };
  while (rest.length) {
    let arg = rest.shift()!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      rest.unshift(arg.slice(eq + 1));
      arg = arg.slice(0, eq);
    }
    switch (arg) {
      case '-h':
      case '--help':
        a.command = 'help';
        return a;
      case '-v':
      case '--version':
        a.command = 'version';
        return a;
      case '-f':
      case '--format': {
        const f = value(arg);
        if (!FORMATS.includes(f as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${f}"`);
        a.format = f as Format;
        break;
      }
      case '-o':
      case '--output':
        a.output = value(arg);
        break;
      case '-c':
      case '--config':
        a.config = value(arg);
        break;
      case '--fail-on': {
        const f = value(arg);
        if (!FAIL_ON.includes(f as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${f}"`);
        a.failOn = f as FailOn;
        break;
      }
      case '--baseline':
        a.baseline = value(arg);
        break;
      case '--write-baseline':
        a.writeBaseline = value(arg);
        break;
      case '--diff-base':
        a.diffBase = value(arg);
        break;
      case '--sarif-file':
        a.sarifFile = value(arg);
        break;
      case '--no-inline-suppressions':
        a.inlineSuppressions = false;
        break;
      case '--no-cache':
        a.cache = false;
        break;
      case '--cache-dir':
        a.cache = value(arg);
        break;
      case '-j':
      case '--jobs': {
        const j = value(arg);
        if (!/^\d+$/.test(j) || Number(j) > 64) throw new UsageError(`--jobs must be a whole number from 0 to 64, not "${j}"`);
        a.jobs = Number(j);
        break;
      }
      case '--verbose':
        a.verbose = true;
        break;
      case '--color':
        a.color = true;
        break;
      case '--no-color':
        a.color = false;
        break;
      case '-q':
      case '--quiet':
        a.quiet = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}": see ai-lockin-audit --help for the options`);
        a.paths.push(arg);
    }
  }
  if (!a.paths.length) a.paths.push('.');
  if (a.writeBaseline && a.diffBase) throw new UsageError('--write-baseline records every finding and --diff-base only those on changed lines: drop one of them');
  return a;
}

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (failOn === 'never') return EXIT.ok;
  return result.findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? EXIT.findings : EXIT.ok;
}

export interface RenderOptions {
  color: boolean;
  verbose: boolean;
  failOn?: FailOn;
  /** Repository-relative names for CI formats. */
  displayPath?: (file: string) => string;
  srcRoot?: string;
  baselineApplied?: boolean;
}

export function render(result: ScanResult, format: Format, opts: RenderOptions): string {
  switch (format) {
    case 'json':
      return toJson(result);
    case 'sarif':
      return JSON.stringify(sarifFor(result, opts), null, 2) + '\n';
    case 'markdown':
      return toMarkdown(result);
    case 'junit':
      return toJunit(result, { failOn: opts.failOn, displayPath: opts.displayPath });
    case 'github':
      return toGithub(result, { displayPath: opts.displayPath });
    case 'compact':
      return toCompact(result, { displayPath: opts.displayPath });
    default:
      return toText(result, opts);
  }
}

function sarifFor(result: ScanResult, opts: RenderOptions) {
  return toSarif(result, undefined, { baselineApplied: opts.baselineApplied, ...(opts.srcRoot ? { displayPath: opts.displayPath, srcRoot: opts.srcRoot } : {}) });
}

function inside(base: string, p: string): boolean {
  const rel = path.relative(base, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function writeFile(file: string, text: string, what: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`cannot write the ${what} to ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): choose a writable path`);
  }
}

type IO = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

export async function main(argv: string[], io: IO = { stdout: process.stdout, stderr: process.stderr }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`ai-lockin-audit: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  if (args.command === 'help') {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (args.command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const note = (msg: string) => {
    if (!args.quiet) io.stderr.write(`ai-lockin-audit: ${msg}\n`);
  };
  try {
    if (args.command === 'rules') {
      const { loadCatalog } = await import('../core');
      for (const r of loadCatalog().rules) io.stdout.write(`${r.id.padEnd(44)} ${r.severity.padEnd(8)} ${r.provider.padEnd(6)} ${r.title}\n`);
      return EXIT.ok;
    }
    let configFile: Config | undefined;
    if (args.config) configFile = loadConfigFile(args.config);
    for (const p of args.paths) if (!fs.existsSync(p)) throw new UsageError(`path not found: ${p}: check the spelling (relative paths start at ${process.cwd()})`);
    // --baseline F --write-baseline F on a first run: no baseline yet, nothing accepted
    const baseline = args.baseline && !(args.writeBaseline && !fs.existsSync(args.baseline)) ? loadBaseline(args.baseline) : undefined;
    const cwd = process.cwd();
    const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
    let lastProgress = 0;
    const overrides: Partial<Config> = args.inlineSuppressions === false ? { inlineSuppressions: false } : {};
    // files inside the current folder (pre-commit, changed-file lists): one base, its config
    const fileList = isFileList(args.paths, cwd, (p) => fs.statSync(p).isFile());
    let result = fileList
      ? await scanFiles(args.paths, { base: cwd, configFile, overrides })
      : await scan(args.paths, {
          configFile,
          overrides,
          workers: args.jobs,
          cache: typeof args.cache === 'string' ? path.resolve(cwd, args.cache) : args.cache,
          onCache:
            args.verbose && !args.quiet
              ? (c) => io.stderr.write(`cache: ${c.hits} of ${c.hits + c.misses} files to parse were unchanged (${c.dir})\n`)
              : undefined,
          onProgress:
            tty && !args.quiet
              ? (p) => {
                  const now = Date.now();
                  if (now - lastProgress < 100) return;
                  lastProgress = now;
                  io.stderr.write(`\r\x1b[2Kscanning: ${p.files} files, ${p.findings} findings${p.current ? `  ${p.current.slice(-60)}` : ''}`);
                }
              : undefined,
        });
    if (tty && !args.quiet) io.stderr.write('\r\x1b[2K');
    const locate = locator(result);
    const context: CiContext = {};
    if (baseline) {
      const o = applyBaseline(result, baseline, args.baseline!);
      result = o.result;
      context.baseline = { file: args.baseline!, matched: o.matched, stale: o.stale, entries: o.entries };
      note(`baseline ${args.baseline}: ${o.matched} accepted finding(s), ${result.findings.length} new${o.stale ? `; ${o.stale} entr${o.stale === 1 ? 'y matches' : 'ies match'} nothing now (rewrite with --write-baseline to drop them)` : ''}`);
    }
    if (args.writeBaseline) {
      const b = createBaseline(result);
      writeBaseline(args.writeBaseline, b);
      result = applyBaseline(result, b, args.writeBaseline).result;
      context.wroteBaseline = { file: args.writeBaseline, entries: b.entries.length };
      note(`wrote baseline ${args.writeBaseline} with ${b.entries.length} entr${b.entries.length === 1 ? 'y' : 'ies'}; commit it and pass --baseline ${args.writeBaseline}`);
    }
    if (args.diffBase) {
      const changed: ChangedLines = new Map();
      const dirs = new Set(result.roots.map((r) => (fs.statSync(r).isDirectory() ? r : path.dirname(r))));
      for (const dir of dirs) for (const [k, v] of (await changedLines(dir, args.diffBase)).changed) changed.set(k, v);
      const o = filterToChanged(result, changed, locate);
      result = o.result;
      context.diff = { base: args.diffBase, leftOut: o.leftOut, changedFiles: o.changedFiles };
      note(`--diff-base ${args.diffBase}: ${o.changedFiles} changed file(s); ${o.leftOut} finding(s) on unchanged lines left out`);
    }
    const failOn: FailOn = args.failOn ?? configFile?.failOn ?? rootFailOn(fileList ? cwd : args.paths[0]) ?? 'error';
    const color = args.color ?? (!args.output && Boolean((io.stdout as NodeJS.WriteStream).isTTY) && !env.NO_COLOR);
    const workspace = env.GITHUB_WORKSPACE && fs.existsSync(env.GITHUB_WORKSPACE) ? path.resolve(env.GITHUB_WORKSPACE) : cwd;
    const displayPath = relativeTo(workspace, locate);
    const srcRoot = result.roots.every((r) => inside(workspace, r)) ? workspace : undefined;
    const opts: RenderOptions = { color, verbose: args.verbose, failOn, displayPath, srcRoot, baselineApplied: Boolean(baseline || args.writeBaseline) };
    const sarif = args.format === 'sarif' || args.sarifFile ? sarifFor(result, opts) : undefined;
    const text = sarif && args.format === 'sarif' ? JSON.stringify(sarif, null, 2) + '\n' : render(result, args.format, opts);
    const cut = sarif && sarifCut(sarif);
    if (cut) io.stderr.write(`ai-lockin-audit: warning: ${describeCut(cut)}\n`);
    if (sarif && args.sarifFile) writeFile(args.sarifFile, JSON.stringify(sarif, null, 2) + '\n', 'SARIF report');
    if (args.output) {
      writeFile(args.output, text, 'report');
      note(`${result.summary.findings} finding(s), report written to ${args.output}`);
    } else io.stdout.write(text);
    if (args.format === 'compact') note(`${result.summary.findings} finding(s), ${result.summary.suppressed} suppressed, ${result.summary.filesScanned} file(s) scanned`);
    if (env.GITHUB_STEP_SUMMARY) {
      try {
        fs.appendFileSync(env.GITHUB_STEP_SUMMARY, toStepSummary(result, { failOn, context, displayPath }));
      } catch (e) {
        io.stderr.write(`ai-lockin-audit: warning: cannot append the job summary to $GITHUB_STEP_SUMMARY (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the report itself is complete\n`);
      }
    }
    return exitCodeFor(result, failOn);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr.write(`ai-lockin-audit: invalid config: ${e.message}: fix the file (schema: schemas/config.schema.json in the package)\n`);
      return EXIT.usage;
    }
    if (e instanceof UsageError || e instanceof RuleError || e instanceof BaselineError || e instanceof GitDiffError) {
      io.stderr.write(`ai-lockin-audit: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

function rootFailOn(p: string): FailOn | undefined {
  // the failOn of the first root's config file, when it sets one
  try {
    const dir = fs.statSync(p).isDirectory() ? p : path.dirname(p);
    return loadRootConfig(dir).failOn;
  } catch {
    return undefined;
  }
}

/**
 * For a scan of folders large enough for reader workers, start them now (parallel.ts:
 * startReaders): they boot while this thread loads the rules and the configuration.
 */
export function startReadersFor(argv: string[], cwd = process.cwd()): Worker[] {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch {
    return [];
  }
  if (args.command !== 'scan' || args.jobs === 0) return [];
  const isDir = (p: string) => {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  if (!args.paths.every(isDir)) return [];
  const large = args.paths.some((p) => holdsFiles(path.resolve(cwd, p), PARALLEL_MIN_FILES, (name) => classify(name) !== undefined));
  return large ? startReaders(args.jobs ?? defaultWorkers()) : [];
}

if (require.main === module) {
  // The CLI is a short-lived process that allocates mostly short-lived objects: a young
  // generation that does not grow and a heap that grows slowly keep the peak RSS 10 to 20 MB
  // lower, and flat in the tree's size (measured with npm run bench; a first scan, parsing
  // every candidate, is about 10% slower). Only here: a library or the editor's host keeps V8's defaults.
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  const readers = startReadersFor(process.argv.slice(2));
  const forSize = () => {
    v8.setFlagsFromString('--optimize-for-size');
    // WebAssembly (the tree-sitter grammars) stays on V8's baseline compiler: optimizing a grammar's
    // lexer in the background takes 10 to 30 MB that is not returned (the C# grammar alone), for
    // files that are parsed once. Measured with npm run bench: peak RSS of a first scan about 20 MB
    // lower, 5% slower; a repeated scan about the same.
    v8.setFlagsFromString('--liftoff-only');
  };
  // These two flags change V8's flag hash, and a code cache made under another hash is rejected: a
  // worker booting after them compiles Node's own modules from source, which doubled its boot time
  // (20 to 40 ms alone, more beside a busy scan). So they wait until the readers have booted.
  if (readers.length) {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      forSize();
    };
    for (const event of ['online', 'error', 'exit']) readers[0].once(event, once);
  } else forSize();
  // a reader that stops early (`| head`) closes the pipe: the output ends there, which is not a
  // crash (no stack trace), and the scan still ends with its own exit code
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && !stdoutClosed) throw e;
    stdoutClosed = true;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Everything is written (reports and the cache synchronously): exit once stdout and stderr
      // have flushed, without tearing down the heap and the threads' isolates (about 8 ms).
      if (stdoutClosed) process.exit(code);
      process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    },
    (e) => {
      process.stderr.write(`ai-lockin-audit: internal error: ${(e as Error).stack ?? e}\nThis is a bug: please report it with the command line you ran and this message (exit code 3).\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
