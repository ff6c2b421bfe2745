/**
 * A scan worker (worker_threads): reads and scans the batches of files the main thread sends,
 * with synchronous reads (no thread-pool round trip per file), and returns only the results that
 * carry something (findings, diagnostics, skips) plus a count.
 */
import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import type { Config } from './config';
import { Engine } from './engine';
import type { FileResult } from './types';

export interface WorkerRequest {
  id: number;
  files: { abs: string; rel: string }[];
}
export interface WorkerReply {
  id: number;
  /** Files scanned that yielded nothing (the others are in `results`). */
  scanned: number;
  results: FileResult[];
}

function tooLarge(rel: string, size: number, config: Config): FileResult {
  return { file: rel, findings: [], diagnostics: [], skipped: { file: rel, reason: 'too-large', detail: `${size} bytes is over the ${config.maxFileSizeKb} KiB limit (maxFileSizeKb)` } };
}

/** Read at most `limit` bytes of a file: undefined bytes when it is larger. */
export function readCappedSync(abs: string, limit: number): { bytes?: Buffer; size: number } {
  // non-blocking open and a regular-file check: a FIFO or device swapped in after discovery must not block the worker
  const fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const size = st.size;
    if (size > limit) return { size };
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { bytes: off === size ? buf : buf.subarray(0, off), size: off };
  } finally {
    fs.closeSync(fd);
  }
}

export async function scanBatch(engine: Engine, config: Config, files: WorkerRequest['files']): Promise<FileResult[]> {
  const limit = config.maxFileSizeKb * 1024;
  const out: FileResult[] = [];
  for (const { abs, rel } of files) {
    let r: FileResult;
    try {
      const read = readCappedSync(abs, limit);
      r = read.bytes ? await engine.scanBytes(rel, read.bytes, config) : tooLarge(rel, read.size, config);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      r = { file: rel, findings: [], diagnostics: [], skipped: { file: rel, reason: 'unreadable', detail: `cannot read (${err.code ?? err.message})` } };
    }
    if (r.findings.length || r.diagnostics.length || r.skipped) out.push(r);
  }
  return out;
}

if (parentPort && workerData?.aiLockinAuditWorker) {
  const config = workerData.config as Config;
  const engine = new Engine();
  const port = parentPort;
  port.on('message', (req: WorkerRequest) => {
    scanBatch(engine, config, req.files).then(
      (results) => port.postMessage({ id: req.id, scanned: req.files.length - results.length, results } satisfies WorkerReply),
      (e) => port.postMessage({ id: req.id, scanned: 0, results: req.files.map((f) => ({ file: f.rel, findings: [], diagnostics: [], skipped: { file: f.rel, reason: 'internal-error', detail: String((e as Error)?.message ?? e).slice(0, 200) } })) } satisfies WorkerReply),
    );
  });
}
