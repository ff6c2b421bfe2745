/**
 * Scanning a list of files against one base folder, as pre-commit and editors' "changed files"
 * invocations do (`ai-lockin-audit scan a.tf b/c.yaml`): paths in findings are relative to the
 * base, the base's `.ai-lockin-audit.yaml` applies (its `exclude` included), and files the
 * engine does not read are passed over.
 */
import * as path from 'path';
import ignore from 'ignore';
import { type Config, loadRootConfig, mergeConfig } from './config';
import { DEFAULT_EXCLUDES } from './discovery';
import { Engine } from './engine';
import { scanOne, scanResult } from './scan';
import type { FileDiagnostic, Finding, ScanResult, Skip } from './types';

export interface FileListOptions {
  base: string;
  configFile?: Config;
  overrides?: Partial<Config>;
  engine?: Engine;
  concurrency?: number;
}

/** True when every path is a file inside `base` (the case scanFiles handles). */
export function isFileList(paths: string[], base: string, isFile: (p: string) => boolean): boolean {
  if (!paths.length) return false;
  const b = path.resolve(base);
  return paths.every((p) => {
    const rel = path.relative(b, path.resolve(p));
    return isFile(p) && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

export async function scanFiles(files: string[], options: FileListOptions): Promise<ScanResult> {
  const t0 = Date.now();
  const engine = options.engine ?? new Engine();
  const base = path.resolve(options.base);
  const config = mergeConfig(options.configFile ?? loadRootConfig(base), options.overrides ?? {});
  const excluded = ignore().add(DEFAULT_EXCLUDES).add(config.exclude);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const diagnostics: FileDiagnostic[] = [];
  const skipped: Skip[] = [];
  let filesScanned = 0;
  const rels = [...new Set(files.map((f) => path.relative(base, path.resolve(f)).split(path.sep).join('/')))].filter((rel) => !excluded.ignores(rel) && engine.analyzerFor(rel));
  const limit = Math.max(1, options.concurrency ?? 8);
  for (let i = 0; i < rels.length; i += limit) {
    const batch = await Promise.all(rels.slice(i, i + limit).map((rel) => scanOne(engine, path.join(base, rel), rel, config)));
    for (const r of batch) {
      if (r.skipped) skipped.push(r.skipped);
      else filesScanned++;
      for (const f of r.findings) (f.suppression ? suppressed : findings).push(f);
      diagnostics.push(...r.diagnostics);
    }
  }
  return scanResult(engine, [base], { findings, suppressed, diagnostics, skipped, filesScanned }, t0);
}
