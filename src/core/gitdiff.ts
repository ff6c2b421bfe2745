/**
 * `--diff-base <ref>`: which lines changed since a git ref, so that CI reports only findings on
 * them. Changed lines are the added or modified lines of `git diff --unified=0 <ref>` (the working
 * tree against the ref, staged or not) plus every line of untracked, not ignored files. Runs the
 * machine's `git` with execFile (no shell), a timeout and a bounded output.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { summarize } from './scan';
import type { ScanResult } from './types';

export class GitDiffError extends Error {}

/** Changed lines per absolute file path; `all` for files that are new as a whole (untracked). */
export type ChangedLines = Map<string, Set<number> | 'all'>;

export interface GitOptions {
  timeoutMs?: number;
  /** The git executable (default `git` on PATH). */
  git?: string;
}

const MAX_BUFFER = 256 * 1024 * 1024;

function run(args: string[], cwd: string, opts: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      opts.git ?? 'git',
      args,
      { cwd, timeout: opts.timeoutMs ?? 60_000, maxBuffer: MAX_BUFFER, encoding: 'utf8', windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
          if (e.code === 'ENOENT') reject(new GitDiffError('--diff-base needs git, and git was not found on PATH: install git, or drop --diff-base'));
          else if (e.killed) reject(new GitDiffError(`git ${args[0]} took longer than ${Math.round((opts.timeoutMs ?? 60_000) / 1000)} s: try a nearer --diff-base ref, or drop --diff-base`));
          else reject(Object.assign(new GitDiffError(String(stderr || e.message).trim().split('\n')[0]), { exitCode: e.code }));
        } else resolve(stdout);
      },
    );
  });
}

/** Undo git's C-style quoting of unusual path names ("a\tb", "caf\303\251"). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  const ESC: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[i + 1];
    if (n >= '0' && n <= '7') {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESC[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parse `git diff --unified=0` output into changed (new-side) lines per repository-relative path. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4).replace(/\t$/, '');
      if (target === '/dev/null') current = undefined;
      else {
        const p = unquoteGitPath(target);
        const rel = p.startsWith('b/') ? p.slice(2) : p.startsWith('"b/') ? p.slice(3) : p;
        current = out.get(rel) ?? new Set<number>();
        out.set(rel, current);
      }
      continue;
    }
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) {
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let l = start; l < start + count; l++) current.add(l);
    }
  }
  return out;
}

/**
 * Lines changed since `ref` in the git work tree that holds `dir`. Throws GitDiffError with what
 * to do outside a work tree or for an unknown ref.
 */
export async function changedLines(dir: string, ref: string, opts: GitOptions = {}): Promise<{ top: string; changed: ChangedLines }> {
  if (!ref || ref.startsWith('-')) throw new GitDiffError(`--diff-base needs a git ref such as origin/main or HEAD~1, not "${ref}"`);
  let top: string;
  try {
    top = (await run(['rev-parse', '--show-toplevel'], dir, opts)).trim();
  } catch (e) {
    if ((e as Error).message.includes('git was not found') || (e as Error).message.includes('took longer')) throw e;
    throw new GitDiffError(`--diff-base ${ref}: ${dir} is not inside a git work tree: run the scan in a clone (with the ref fetched), or drop --diff-base`);
  }
  try {
    await run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top, opts);
  } catch {
    throw new GitDiffError(`--diff-base ${ref}: git does not know this ref: fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0, or git fetch origin ${ref.replace(/^origin\//, '')}), or name an existing branch, tag or commit`);
  }
  const wrap = (e: unknown): never => {
    throw new GitDiffError(`--diff-base ${ref}: git failed (${(e as Error).message}): check that ${ref} names a commit of this repository, or drop --diff-base`);
  };
  const diff = await run(['-c', 'core.quotepath=on', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', '--diff-filter=ACMRTU', `${ref}`, '--'], top, opts).catch(wrap);
  const untracked = await run(['ls-files', '--others', '--exclude-standard', '-z'], top, opts).catch(wrap);
  const changed: ChangedLines = new Map();
  const real = (p: string) => path.join(top, ...p.split('/'));
  for (const [rel, lines] of parseUnifiedDiff(diff)) changed.set(real(rel), lines);
  for (const rel of untracked.split('\0')) if (rel) changed.set(real(rel), 'all');
  return { top, changed };
}

export interface DiffOutcome {
  result: ScanResult;
  /** Findings (active or suppressed) and diagnostics on unchanged lines, left out. */
  leftOut: number;
  changedFiles: number;
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Keep only findings and diagnostics on changed lines. `locate` maps a finding's file to its
 * absolute path (report/paths.ts `locator`).
 */
export function filterToChanged(result: ScanResult, changed: ChangedLines, locate: (file: string) => string): DiffOutcome {
  const byReal = new Map<string, Set<number> | 'all'>();
  for (const [abs, lines] of changed) byReal.set(realOr(abs), lines);
  const cache = new Map<string, Set<number> | 'all' | undefined>();
  const linesOf = (file: string) => {
    if (!cache.has(file)) cache.set(file, byReal.get(realOr(locate(file))));
    return cache.get(file);
  };
  const keep = (file: string, start: number, end: number) => {
    const l = linesOf(file);
    if (!l) return false;
    if (l === 'all') return true;
    for (let i = start; i <= end; i++) if (l.has(i)) return true;
    return false;
  };
  const findings = result.findings.filter((f) => keep(f.file, f.range.startLine, f.range.endLine));
  const suppressed = result.suppressed.filter((f) => keep(f.file, f.range.startLine, f.range.endLine));
  const diagnostics = result.diagnostics.filter((d) => keep(d.file, d.range.startLine, d.range.endLine));
  const leftOut = result.findings.length - findings.length + (result.suppressed.length - suppressed.length) + (result.diagnostics.length - diagnostics.length);
  const s = result.summary;
  return {
    result: { ...result, findings, suppressed, diagnostics, summary: summarize(findings, suppressed.length, s.filesScanned, s.filesSkipped) },
    leftOut,
    changedFiles: changed.size,
  };
}
