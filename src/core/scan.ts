/**
 * Whole-workspace scans: one or more roots, each with its own config file, files read and
 * analysed with bounded concurrency, results summarised. Used by the CLI and the editor's audit.
 */
import * as fs from 'fs';
import * as path from 'path';
import { type Config, loadRootConfig, mergeConfig } from './config';
import { walk } from './discovery';
import { Engine } from './engine';
import type { FileDiagnostic, FileResult, Finding, ScanResult, ScanSummary, Severity, Skip } from './types';
import { VERSION } from './version';
import { readCapped } from './util/read';
import { defaultWorkers, runPipeline } from './parallel';
import { cacheDirFor, ResultCache } from './cache';

export interface ScanOptions {
  /** Settings that win over each root's config file (CLI flags, editor settings). */
  overrides?: Partial<Config>;
  /** A config file to use instead of each root's `.ai-lockin-audit.yaml`. */
  configFile?: Config;
  signal?: AbortSignal;
  onProgress?: (p: { files: number; findings: number; current?: string }) => void;
  /** Called with each file's result as it completes (streaming consumers). */
  onFile?: (root: string, result: FileResult) => void;
  engine?: Engine;
  /**
   * Reader threads for large trees besides the calling thread, which reads too and parses the
   * files that need it (default: one per core but one, at most 3; 0 keeps the whole scan on the
   * calling thread). Started only for roots with at least PARALLEL_MIN_FILES files (parallel.ts).
   */
  workers?: number;
  /**
   * Reuse the results of files parsed by an earlier scan when their bytes, the rules and the
   * configuration are unchanged (cache.ts): true for the user's cache folder, a path for that
   * folder (one subfolder per root). Default: no cache.
   */
  cache?: boolean | string;
  /** Told of each root's cache use (hits and misses). */
  onCache?: (info: { root: string; dir: string; hits: number; misses: number }) => void;
}

export function emptySummary(): ScanSummary {
  return { filesScanned: 0, filesWithFindings: 0, filesSkipped: 0, findings: 0, suppressed: 0, byProvider: {}, bySeverity: { error: 0, warning: 0, note: 0 }, byArtifact: {}, byService: {} };
}

export function summarize(findings: Finding[], suppressed: number, filesScanned: number, skipped: number): ScanSummary {
  const s = emptySummary();
  s.filesScanned = filesScanned;
  s.filesSkipped = skipped;
  s.findings = findings.length;
  s.suppressed = suppressed;
  s.filesWithFindings = new Set(findings.map((f) => f.file)).size;
  for (const f of findings) {
    s.byProvider[f.provider] = (s.byProvider[f.provider] ?? 0) + 1;
    s.bySeverity[f.severity] += 1;
    s.byArtifact[f.artifact] = (s.byArtifact[f.artifact] ?? 0) + 1;
    s.byService[f.service] = (s.byService[f.service] ?? 0) + 1;
  }
  return s;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn || a.ruleId.localeCompare(b.ruleId);
}

/** Scan roots. Throws only for a missing root or a config error; file problems are skips. */
export async function scan(roots: string[], options: ScanOptions = {}): Promise<ScanResult> {
  const t0 = Date.now();
  const engine = options.engine ?? new Engine();
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const diagnostics: FileDiagnostic[] = [];
  const skipped: Skip[] = [];
  let filesScanned = 0;
  const multi = roots.length > 1;
  for (const root of roots) {
    const st = await fs.promises.stat(root).catch(() => undefined);
    if (!st) throw new Error(`path not found: ${root}`);
    const singleFile = st.isFile();
    const base = singleFile ? path.dirname(root) : root;
    const fileConfig = options.configFile ?? loadRootConfig(base);
    const config = mergeConfig(fileConfig, options.overrides ?? {});
    const prefix = multi ? `${path.basename(path.resolve(root))}/` : '';
    const collect = (r: FileResult) => {
      const rel = (f: string) => prefix + f;
      if (r.skipped) skipped.push({ ...r.skipped, file: rel(r.skipped.file) });
      else filesScanned++;
      for (const f of r.findings) (f.suppression ? suppressed : findings).push(prefix ? { ...f, file: rel(f.file) } : f);
      for (const d of r.diagnostics) diagnostics.push(prefix ? { ...d, file: rel(d.file) } : d);
      options.onFile?.(root, r);
      options.onProgress?.({ files: filesScanned + skipped.length, findings: findings.length, current: r.file });
    };
    if (singleFile) {
      const rel = path.basename(root);
      if (engine.analyzerFor(rel)) collect(await scanOne(engine, root, rel, config));
      continue;
    }
    const cacheDir = options.cache ? cacheDirFor(root, typeof options.cache === 'string' ? options.cache : undefined) : undefined;
    const cache = cacheDir ? ResultCache.open(cacheDir, ResultCache.salt({ tool: VERSION, rules: engine.catalog.version, config })) : undefined;
    await runPipeline(
      walk(root, {
        exclude: config.exclude,
        accept: (rel) => engine.analyzerFor(rel) !== undefined,
        signal: options.signal,
        onSkip: (s) => collect({ file: s.file, findings: [], diagnostics: [], skipped: s }),
        sizes: false,
      }),
      {
        engine,
        config,
        workers: options.workers ?? defaultWorkers(),
        signal: options.signal,
        onResult: collect,
        onClean: (n) => {
          filesScanned += n;
          options.onProgress?.({ files: filesScanned + skipped.length, findings: findings.length });
        },
        // a consumer of every file's result (the editor's audit) gets the clean ones too
        nameClean: !!options.onFile,
        // a grammar is loaded ahead only for what the cache will not answer
        prepare: cache ? (rel, bytes) => cache.has(rel, bytes) || engine.prepare(rel) : undefined,
        scanCandidate: cache
          ? async (rel, bytes) => {
              const hit = cache.get(rel, bytes);
              if (hit) return hit;
              const r = await engine.scanBytes(rel, bytes, config);
              cache.set(rel, bytes, r);
              return r;
            }
          : undefined,
      },
    );
    if (cache) {
      cache.save(!options.signal?.aborted);
      options.onCache?.({ root, dir: cache.dir, hits: cache.hits, misses: cache.misses });
    }
  }
  return scanResult(engine, roots.map((r) => path.resolve(r)), { findings, suppressed, diagnostics, skipped, filesScanned }, t0);
}

/** A scan's result from what it collected: findings and skips sorted, the summary counted. */
export function scanResult(
  engine: Engine,
  roots: string[],
  c: { findings: Finding[]; suppressed: Finding[]; diagnostics: FileDiagnostic[]; skipped: Skip[]; filesScanned: number },
  t0: number,
): ScanResult {
  c.findings.sort(compareFindings);
  c.suppressed.sort(compareFindings);
  return {
    tool: { name: 'ai-lockin-audit', version: VERSION, rulesVersion: engine.catalog.version },
    roots,
    findings: c.findings,
    suppressed: c.suppressed,
    diagnostics: c.diagnostics,
    skipped: c.skipped.sort((a, b) => a.file.localeCompare(b.file)),
    summary: summarize(c.findings, c.suppressed.length, c.filesScanned, c.skipped.length),
    durationMs: Date.now() - t0,
  };
}

/** Read and scan one file; every failure is a skip with its reason. */
export async function scanOne(engine: Engine, abs: string, rel: string, config: Config, size?: number): Promise<FileResult> {
  const limit = config.maxFileSizeKb * 1024;
  try {
    const s = size !== undefined && size >= 0 ? size : (await fs.promises.stat(abs)).size;
    if (s > limit) return { file: rel, findings: [], diagnostics: [], skipped: { file: rel, reason: 'too-large', detail: `${s} bytes is over the ${config.maxFileSizeKb} KiB limit (maxFileSizeKb)` } };
    // capped read: the file may have grown since discovery's stat (util/read.ts)
    const read = await readCapped(abs, limit);
    if (!read.bytes) return { file: rel, findings: [], diagnostics: [], skipped: { file: rel, reason: 'too-large', detail: `${read.size} bytes is over the ${config.maxFileSizeKb} KiB limit (maxFileSizeKb)` } };
    return await engine.scanBytes(rel, read.bytes, config);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { file: rel, findings: [], diagnostics: [], skipped: { file: rel, reason: 'unreadable', detail: `cannot read (${err.code ?? err.message})` } };
  }
}

export type { Severity };
