/**
 * Large scans across threads: the calling thread discovers files and deals out batches to
 * worker threads (one per core but one, at most 3) and scans batches itself between replies,
 * so that N cores cost N-1 extra engines. Each thread reads, prefilters and parses its batches
 * with its own engine. Used for scans of many files, where starting workers pays for itself.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Config } from './config';
import type { FileResult } from './types';
import { scanBatch, type WorkerReply } from './worker';
import type { Engine } from './engine';

/** Below this many files a scan stays on the calling thread. */
export const PARALLEL_MIN_FILES = 1500;
const BATCH = 128;

/** Worker threads besides the calling thread: one per core but one, at most 3, at least 1. */
export function defaultWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(3, cores - 1));
}

export function workerScript(): string | undefined {
  const p = path.join(__dirname, 'worker.js');
  return fs.existsSync(p) ? p : undefined;
}

/**
 * Scan `files` with `workers` threads, calling `collect` for every result that carries
 * something and `scanned` with counts. Resolves when all are done or the signal aborts.
 */
export async function scanParallel(
  files: { abs: string; rel: string }[],
  config: Config,
  workers: number,
  collect: (r: FileResult) => void,
  scanned: (n: number) => void,
  signal?: AbortSignal,
  local?: Engine,
): Promise<void> {
  const script = workerScript();
  if (!script) throw new Error('worker script not found beside the engine');
  const pool = Array.from({ length: Math.max(1, Math.min(workers, Math.ceil(files.length / BATCH))) }, () => new Worker(script, { workerData: { aiLockinAuditWorker: true, config }, resourceLimits: { maxYoungGenerationSizeMb: 8 } }));
  let next = 0;
  let id = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      const onAbort = () => reject(Object.assign(new Error('scan cancelled'), { name: 'AbortError' }));
      signal?.addEventListener('abort', onAbort, { once: true });
      const feed = (w: Worker): boolean => {
        if (signal?.aborted || next >= files.length) return false;
        w.postMessage({ id: id++, files: files.slice(next, next + BATCH) });
        next += BATCH;
        busy++;
        return true;
      };
      const done = () => {
        if (busy === 0 && (next >= files.length || signal?.aborted)) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }
      };
      for (const w of pool) {
        w.on('message', (m: WorkerReply) => {
          busy--;
          for (const r of m.results) collect(r);
          scanned(m.scanned);
          if (!feed(w)) done();
        });
        w.on('error', reject);
        feed(w);
      }
      // the calling thread takes batches too, yielding between them so replies are handled
      if (local) {
        busy++;
        void (async () => {
          try {
            while (!signal?.aborted && next < files.length) {
              const batch = files.slice(next, next + BATCH);
              next += BATCH;
              const results = await scanBatch(local, config, batch);
              for (const r of results) collect(r);
              scanned(batch.length - results.length);
              await new Promise((r) => setImmediate(r));
            }
          } catch (e) {
            reject(e);
          } finally {
            busy--;
            done();
          }
        })();
      }
      done();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
