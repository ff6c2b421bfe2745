/**
 * What the extension knows: one entry per file (from live linting of open documents or from the
 * last workspace audit), from which the Problems panel, the tree, the status bar and the report
 * are drawn. Pure (no `vscode`).
 */
import type { FileDiagnostic, FileResult, Finding, ScanResult, ScanSummary, Skip } from '../core/types';

export interface FileEntry {
  /** Document URI as a string (the key). */
  uri: string;
  /** Workspace folder name, when the file lies in one. */
  rootName?: string;
  /** Workspace folder file system path, when it has one. */
  rootPath?: string;
  /** Path relative to its workspace folder, `/`-separated. */
  rel: string;
  result: FileResult;
  origin: 'live' | 'audit';
}

export interface ToolInfo {
  name: string;
  version: string;
  rulesVersion: string;
}

export interface LocatedFinding {
  finding: Finding;
  uri: string;
  /** Display path: `<folder>/<rel>` in a multi-root workspace, else `rel`. */
  path: string;
}

type Listener = () => void;

export function compareLocated(a: LocatedFinding, b: LocatedFinding): number {
  return a.path.localeCompare(b.path) || a.finding.range.startLine - b.finding.range.startLine || a.finding.range.startColumn - b.finding.range.startColumn || a.finding.ruleId.localeCompare(b.finding.ruleId);
}

export class FindingsStore {
  private readonly files = new Map<string, FileEntry>();
  private readonly listeners = new Set<Listener>();
  /** Files read by the last workspace audit (their URIs), for re-reading from disk when closed. */
  readonly audited = new Set<string>();
  /** Extra skips of the last audit that have no URI of their own (discovery skips). */
  auditSkips: Skip[] = [];
  auditRoots: string[] = [];
  lastAuditDurationMs = 0;
  /** Files the last completed audit read. */
  auditFilesScanned = 0;
  multiRoot = false;

  onDidChange(l: Listener): { dispose(): void } {
    this.listeners.add(l);
    return { dispose: () => this.listeners.delete(l) };
  }

  private fire(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // a listener's failure is its own
      }
    }
  }

  get(uri: string): FileEntry | undefined {
    return this.files.get(uri);
  }

  set(entry: FileEntry): void {
    this.files.set(entry.uri, entry);
    this.fire();
  }

  /** Replace many entries at once (one change event). */
  setMany(entries: FileEntry[]): void {
    for (const e of entries) this.files.set(e.uri, e);
    this.fire();
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.fire();
  }

  clear(): void {
    this.files.clear();
    this.audited.clear();
    this.auditSkips = [];
    this.auditRoots = [];
    this.auditFilesScanned = 0;
    this.fire();
  }

  entries(): FileEntry[] {
    return [...this.files.values()];
  }

  displayPath(e: FileEntry): string {
    return this.multiRoot && e.rootName ? `${e.rootName}/${e.rel}` : e.rel;
  }

  /** Active findings with their URIs, sorted by path and position. */
  active(): LocatedFinding[] {
    const out: LocatedFinding[] = [];
    for (const e of this.files.values()) for (const f of e.result.findings) if (!f.suppression) out.push({ finding: f, uri: e.uri, path: this.displayPath(e) });
    return out.sort(compareLocated);
  }

  suppressed(): LocatedFinding[] {
    const out: LocatedFinding[] = [];
    for (const e of this.files.values()) for (const f of e.result.findings) if (f.suppression) out.push({ finding: f, uri: e.uri, path: this.displayPath(e) });
    return out.sort(compareLocated);
  }

  activeCount(): number {
    let n = 0;
    for (const e of this.files.values()) for (const f of e.result.findings) if (!f.suppression) n++;
    return n;
  }

  /** The store as a ScanResult for the core report renderers (files shown by display path). */
  toScanResult(tool: ToolInfo, summarize: (findings: Finding[], suppressed: number, filesScanned: number, skipped: number) => ScanSummary): ScanResult {
    const findings = this.active().map((l) => ({ ...l.finding, file: l.path }));
    const suppressed = this.suppressed().map((l) => ({ ...l.finding, file: l.path }));
    const diagnostics: FileDiagnostic[] = [];
    const skipped: Skip[] = [...this.auditSkips];
    let scanned = 0;
    for (const e of this.files.values()) {
      const p = this.displayPath(e);
      if (e.result.skipped) skipped.push({ ...e.result.skipped, file: p });
      else scanned++;
      for (const d of e.result.diagnostics) diagnostics.push({ ...d, file: p });
    }
    skipped.sort((a, b) => a.file.localeCompare(b.file));
    return {
      tool,
      roots: [...this.auditRoots],
      findings,
      suppressed,
      diagnostics,
      skipped,
      summary: summarize(findings, suppressed.length, Math.max(scanned, this.audited.size, this.auditFilesScanned), skipped.length),
      durationMs: this.lastAuditDurationMs,
    };
  }
}

/** Entries of one audited root from its ScanResult's per-file results. */
export function entryFromResult(uri: string, rel: string, result: FileResult, root: { name?: string; path?: string }, origin: FileEntry['origin']): FileEntry {
  return { uri, rel, result, origin, rootName: root.name, rootPath: root.path };
}
