/**
 * A reader worker (worker_threads): reads the batches of files the scanning thread sends, runs
 * the byte prefilter, and returns the skips, the number of files with nothing to scan and the
 * bytes of the files that spell a keyword (transferred, not copied). It loads no engine: no rule
 * catalog, no grammar, a small isolate that starts in milliseconds.
 */
import { parentPort, workerData } from 'worker_threads';
import { ByteFilter } from './bytefilter';
import type { PreparedWindows } from './windowfilter';
import { FileReader } from './reader';
import type { Skip } from './types';

/** What a reader worker is started with (its workerData): it then waits for its setup. */
export interface ReaderStart {
  aiLockinAuditReader: true;
}
/** A reader worker's first message: what it needs to read (a worker can start before the scan's rules load: parallel.ts, startReaders). */
export interface ReaderSetup {
  keywords: string[];
  /** The calling thread's SIMD filter tables for these keywords (saves the worker computing them). */
  prepared?: PreparedWindows;
  maxFileSizeKb: number;
  /** Name the clean files in replies (a consumer wants every file). */
  nameClean: boolean;
}
export interface ReaderRequest {
  id: number;
  /** [absolute path, relative path] pairs */
  files: [string, string][];
}
export interface ReaderReply {
  id: number;
  clean: number;
  cleanFiles?: string[];
  skips: Skip[];
  candidates: { rel: string; bytes: Uint8Array }[];
}

/** Read one batch with the worker's reader (the calling thread reads its own batches in parallel.ts: readLocal). */
export function readBatch(reader: FileReader, req: ReaderRequest, nameClean: boolean): ReaderReply {
  const reply: ReaderReply = { id: req.id, clean: 0, skips: [], candidates: [] };
  if (nameClean) reply.cleanFiles = [];
  for (const [abs, rel] of req.files) {
    const r = reader.read(abs, rel);
    if (r.kind === 'clean') {
      reply.clean++;
      reply.cleanFiles?.push(rel);
    } else if (r.kind === 'skip') reply.skips.push(r.skip);
    else reply.candidates.push({ rel, bytes: r.bytes });
  }
  return reply;
}

if (parentPort && (workerData as ReaderStart | undefined)?.aiLockinAuditReader) {
  const port = parentPort;
  port.once('message', (setup: ReaderSetup) => {
    const reader = new FileReader(new ByteFilter(setup.keywords, { prepared: setup.prepared }), setup.maxFileSizeKb);
    port.on('message', (req: ReaderRequest) => {
      let reply: ReaderReply;
      try {
        reply = readBatch(reader, req, setup.nameClean);
      } catch (e) {
        const detail = `the reader failed: ${String((e as Error)?.message ?? e).slice(0, 200)}`;
        reply = { id: req.id, clean: 0, skips: req.files.map(([, rel]) => ({ file: rel, reason: 'internal-error', detail })), candidates: [] };
      }
      port.postMessage(reply, reply.candidates.map((c) => c.bytes.buffer as ArrayBuffer));
    });
  });
}
