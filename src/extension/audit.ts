/**
 * The workspace audit, apart from the editor: scan each folder with the engine's `scan` (its
 * AbortSignal wired to the caller's cancellation), collect per-file results, and apply them to
 * the store only when the run completed. A cancelled run changes nothing. Pure (no `vscode`).
 */
import type { Config } from '../core/config';
import type { ScanOptions } from '../core/scan';
import type { FileResult, ScanResult } from '../core/types';
import type { FileEntry, FindingsStore } from './store';

export interface AuditFolder {
  name: string;
  /** File system path of the folder (audits need folders on disk). */
  fsPath: string;
  /** Document URI string of a file in this folder, by its `/`-separated relative path. */
  uriOf(rel: string): string;
  /** Settings overrides for this folder, or undefined when the extension is disabled there. */
  overrides: Partial<Config> | undefined;
}

export interface AuditRun {
  cancelled: boolean;
  roots: string[];
  /** Files with findings, problems or a skip. */
  entries: FileEntry[];
  /** URIs of every file read. */
  audited: string[];
  filesScanned: number;
  errors: string[];
}

export type ScanFn = (roots: string[], options: ScanOptions) => Promise<ScanResult>;

export async function runAudit(folders: AuditFolder[], scan: ScanFn, options: { signal?: AbortSignal; engine?: ScanOptions['engine']; cache?: ScanOptions['cache']; onProgress?: (folder: AuditFolder, files: number, findings: number) => void; log?: (m: string) => void } = {}): Promise<AuditRun> {
  const run: AuditRun = { cancelled: false, roots: [], entries: [], audited: [], filesScanned: 0, errors: [] };
  for (const folder of folders) {
    if (options.signal?.aborted) break;
    if (!folder.overrides) continue;
    run.roots.push(folder.fsPath);
    try {
      const r = await scan([folder.fsPath], {
        engine: options.engine,
        cache: options.cache,
        overrides: folder.overrides,
        signal: options.signal,
        onProgress: (p) => options.onProgress?.(folder, p.files, p.findings),
        onFile: (_root, fr: FileResult) => {
          const uri = folder.uriOf(fr.file);
          if (!fr.skipped) run.audited.push(uri);
          if (fr.findings.length || fr.diagnostics.length || fr.skipped) run.entries.push({ uri, rel: fr.file, result: fr, origin: 'audit', rootName: folder.name, rootPath: folder.fsPath });
        },
      });
      run.filesScanned += r.summary.filesScanned;
    } catch (e) {
      const msg = `${folder.name}: ${(e as Error).message}`;
      run.errors.push(msg);
      options.log?.(`[audit] ${msg}`);
    }
  }
  run.cancelled = !!options.signal?.aborted;
  return run;
}

/**
 * Replace the previous audit's view with a completed run. Files open in the editor keep their
 * live results (`isOpen`). Returns the URIs whose audit problems must be removed and the entries
 * to publish. A cancelled run is refused (the store keeps the previous results).
 */
export function applyAudit(store: FindingsStore, run: AuditRun, isOpen: (uri: string) => boolean, multiRoot: boolean): { removed: string[]; published: FileEntry[] } {
  if (run.cancelled) return { removed: [], published: [] };
  const removed = store.entries().filter((e) => e.origin === 'audit').map((e) => e.uri);
  const fresh = run.entries.filter((e) => !isOpen(e.uri));
  const keep = new Set(fresh.map((e) => e.uri));
  for (const u of removed) if (!keep.has(u)) store.delete(u);
  store.audited.clear();
  for (const u of run.audited) store.audited.add(u);
  store.auditSkips = [];
  store.auditRoots = run.roots;
  store.multiRoot = multiRoot;
  store.auditFilesScanned = run.filesScanned;
  store.setMany(fresh);
  return { removed: removed.filter((u) => !keep.has(u)), published: fresh };
}
