/**
 * Where a finding's file is on disk, and how CI-facing reports name it. Findings carry paths
 * relative to their scan root (with the root's folder name as a prefix when several roots were
 * scanned); annotations, SARIF for code scanning and JUnit want paths relative to the repository
 * (the current folder, or GITHUB_WORKSPACE on GitHub Actions).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ScanResult } from '../types';

/** A function from a finding's `file` to its absolute path (best effort). */
export type Locator = (file: string) => string;

/** Locator for a scan result: the inverse of how `scan` names files. */
export function locator(result: Pick<ScanResult, 'roots'>): Locator {
  const multi = result.roots.length > 1;
  const bases = result.roots.map((r) => {
    let base = r;
    try {
      if (fs.statSync(r).isFile()) base = path.dirname(r);
    } catch {
      // a root that vanished: keep it as given
    }
    return { prefix: multi ? `${path.basename(path.resolve(r))}/` : '', base };
  });
  return (file) => {
    for (const b of bases) if (file.startsWith(b.prefix)) return path.join(b.base, file.slice(b.prefix.length));
    return path.resolve(file);
  };
}

/**
 * Display path for CI reports: `/`-separated, relative to `base` when the file is inside it,
 * otherwise the finding's own path.
 */
export function relativeTo(base: string, locate: Locator): (file: string) => string {
  const b = path.resolve(base);
  return (file) => {
    const abs = locate(file);
    const rel = path.relative(b, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return file;
    return rel.split(path.sep).join('/');
  };
}
