/**
 * The scan pipeline of a folder: discovery feeds batches of paths to readers (the calling thread
 * and, for larger trees, reader workers: one per core but one, at most 3); readers read each file
 * into a reused buffer, report the files that cannot be scanned and run the byte prefilter;
 * only the files that spell a keyword come back to the calling thread, whose engine parses them.
 * The calling thread parses candidates first and reads batches itself while there is none, so
 * both kinds of work share the cores. Paths are streamed (the calling thread walks on only as far
 * as the readers need) and nothing is kept per clean file, so memory does not grow with the tree.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Config } from './config';
import type { DiscoveredFile } from './discovery';
import type { Engine } from './engine';
import { FileReader } from './reader';
import type { FileResult } from './types';
import type { ReaderReply, ReaderSetup, ReaderStart } from './worker';

/** From this many files on, reader workers are started (below, the calling thread reads alone). */
export const PARALLEL_MIN_FILES = 256;
const BATCH = 64;
/**
 * Batches a reader worker holds at once (one being read, the rest queued): enough that it keeps
 * reading while the calling thread is busy with its own batch, discovery or a collection.
 */
const WORKER_QUEUE = 6;

/** Reader workers besides the calling thread: one per core but one, at most 3, at least 1. */
export function defaultWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(3, cores - 1));
}

export function workerScript(): string | undefined {
  const p = path.join(__dirname, 'worker.js');
  return fs.existsSync(p) ? p : undefined;
}

const READER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

function newReader(script: string): Worker {
  const start: ReaderStart = { aiLockinAuditReader: true };
  return new Worker(script, { workerData: start, resourceLimits: READER_LIMITS });
}

/** Reader workers started ahead of a scan (`startReaders`), not yet taken by a pipeline. */
const ahead: { worker: Worker; script: string }[] = [];

/**
 * Start reader workers before a scan needs them. A worker takes 20 to 60 ms to boot, time the
 * caller can spend loading its rules and configuration: the CLI starts them first thing for a
 * large folder scan. The next pipeline with the same script takes them over (their setup is their
 * first message); until then they do not keep the process alive, and one that fails is dropped.
 * Returns the workers started (their 'online' event says when they have booted).
 */
export function startReaders(count = defaultWorkers(), script = workerScript()): Worker[] {
  const started: Worker[] = [];
  if (!script) return started;
  for (let i = 0; i < count; i++) {
    const worker = newReader(script);
    worker.unref();
    const drop = () => {
      const at = ahead.findIndex((a) => a.worker === worker);
      if (at >= 0) ahead.splice(at, 1);
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    ahead.push({ worker, script });
    started.push(worker);
  }
  return started;
}

/** A reader for `script`: one started ahead if there is one, else a new one. */
function takeReader(script: string): Worker {
  const at = ahead.findIndex((a) => a.script === script);
  const worker = at >= 0 ? ahead.splice(at, 1)[0].worker : newReader(script);
  worker.ref();
  return worker;
}

export interface PipelineOptions {
  engine: Engine;
  config: Config;
  /** Reader workers to start for a large tree (0: the calling thread reads everything). */
  workers: number;
  signal?: AbortSignal;
  /** Every result that carries something (findings, diagnostics, a skip); with `nameClean`, also the empty results of clean files. */
  onResult: (r: FileResult) => void;
  /** Files read and found to need no parse (counted, not named, unless `nameClean`). */
  onClean: (count: number) => void;
  nameClean?: boolean;
  /** The reader worker's script (default: worker.js beside this bundle). */
  workerScript?: string;
  /** Called when a candidate joins the queue (default: the engine loads its grammar ahead). */
  prepare?: (rel: string, bytes: Uint8Array) => void;
  /** Scan a candidate's bytes (default: the engine). */
  scanCandidate?: (rel: string, bytes: Uint8Array) => Promise<FileResult>;
}

interface Slot {
  worker: Worker;
  dead: boolean;
  /** Batches sent and not answered, oldest first (a worker has its next batch queued while it reads). */
  batches: Map<number, [string, string][]>;
}

/** Scan the discovered files of one root. Resolves when all are done or the signal aborts. */
export async function runPipeline(files: Iterable<DiscoveredFile>, o: PipelineOptions): Promise<void> {
  const { engine, config, signal } = o;
  const keywords = engine.byteKeywords(config);
  const filter = engine.byteFilter(config);
  const local = new FileReader(filter, config.maxFileSizeKb);
  const nameClean = !!o.nameClean;
  const prepare = o.prepare ?? ((rel: string) => engine.prepare(rel));
  const scanCandidate = o.scanCandidate ?? ((rel: string, bytes: Uint8Array) => engine.scanBytes(rel, bytes, config));

  const pending: [string, string][] = [];
  let head = 0;
  let discovered = 0;
  let discoveryDone = false;
  let failure: unknown;
  const candidates: { rel: string; bytes: Uint8Array }[] = [];
  const pool: Slot[] = [];
  let outstanding = 0;
  let wake: (() => void) | undefined;
  let batchId = 0;
  const paths = files[Symbol.iterator]();
  /** Discovered paths kept waiting for a reader: enough for every worker's queue and the calling thread's next batch. */
  const WANTED = BATCH * (WORKER_QUEUE * Math.max(1, o.workers) + 2);

  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const backlog = () => pending.length - head;
  const takeBatch = (): [string, string][] | undefined => {
    const n = backlog();
    if (n === 0 || (n < BATCH && !discoveryDone)) return undefined;
    const batch = pending.slice(head, head + BATCH);
    head += batch.length;
    if (head > 4096 && head * 2 > pending.length) {
      pending.splice(0, head);
      head = 0;
    }
    return batch;
  };
  /**
   * Walk on until `want` paths wait for a reader (or the walk is done). Synchronous: the calling
   * thread walks between its other work, when a reader is about to need paths.
   */
  const discover = (want: number) => {
    while (!discoveryDone && backlog() < want) {
      if (signal?.aborted) return;
      let next: IteratorResult<DiscoveredFile>;
      try {
        next = paths.next();
      } catch (e) {
        failure ??= e;
        discoveryDone = true;
        return;
      }
      if (next.done) {
        discoveryDone = true;
        return;
      }
      pending.push([next.value.abs, next.value.rel]);
      discovered++;
      if (discovered === PARALLEL_MIN_FILES) spawn();
    }
  };
  const handle = (reply: ReaderReply) => {
    for (const skip of reply.skips) o.onResult({ file: skip.file, findings: [], diagnostics: [], skipped: skip });
    if (reply.cleanFiles) for (const file of reply.cleanFiles) o.onResult({ file, findings: [], diagnostics: [], prefiltered: true });
    else if (reply.clean) o.onClean(reply.clean);
    for (const c of reply.candidates) {
      prepare(c.rel, c.bytes);
      candidates.push(c);
    }
  };
  const requeue = (files: [string, string][]) => {
    pending.splice(head, 0, ...files);
  };
  const feed = () => {
    for (const slot of pool) {
      // several batches per worker: it starts the next as soon as it answers one, without waiting
      // for the calling thread to finish a batch of its own and hand out another
      while (!slot.dead && !signal?.aborted && slot.batches.size < WORKER_QUEUE) {
        const files = takeBatch();
        if (!files) return;
        const id = batchId++;
        slot.batches.set(id, files);
        outstanding++;
        slot.worker.postMessage({ id, files });
      }
    }
  };
  const script = o.workers > 0 ? o.workerScript ?? workerScript() : undefined;
  const spawn = () => {
    if (!script || pool.length) return;
    const setup: ReaderSetup = { keywords, prepared: filter.prepared(), maxFileSizeKb: config.maxFileSizeKb, nameClean };
    for (let i = 0; i < o.workers; i++) {
      const worker = takeReader(script);
      worker.postMessage(setup);
      const slot: Slot = { worker, dead: false, batches: new Map() };
      worker.on('message', (reply: ReaderReply) => {
        slot.batches.delete(reply.id);
        outstanding--;
        handle(reply);
        discover(WANTED);
        feed();
        notify();
      });
      // a worker that fails (it should not: it only reads) is dropped; its batch goes back to the
      // queue and the calling thread reads it
      const lose = () => {
        if (slot.dead) return;
        slot.dead = true;
        for (const files of [...slot.batches.values()].reverse()) {
          outstanding--;
          requeue(files);
        }
        slot.batches.clear();
        notify();
      };
      worker.on('error', lose);
      worker.on('exit', lose);
      pool.push(slot);
    }
  };

  // the calling thread's own batches: its candidates are parsed at once, in discovery order
  const readLocal = async (files: [string, string][]) => {
    let clean = 0;
    for (const [abs, rel] of files) {
      if (signal?.aborted || failure) break;
      const r = local.read(abs, rel);
      if (r.kind === 'skip') o.onResult({ file: rel, findings: [], diagnostics: [], skipped: r.skip });
      else if (r.kind === 'candidate') o.onResult(await scanCandidate(rel, r.bytes));
      else if (nameClean) o.onResult({ file: rel, findings: [], diagnostics: [], prefiltered: true });
      else clean++;
    }
    if (clean) o.onClean(clean);
  };

  try {
    for (;;) {
      if (failure) throw failure;
      if (signal?.aborted) break;
      const c = candidates.shift();
      if (c) {
        o.onResult(await scanCandidate(c.rel, c.bytes));
        continue;
      }
      discover(WANTED);
      const files = takeBatch();
      if (files) {
        feed();
        await readLocal(files);
        // let worker replies and discovery in between batches
        await new Promise((r) => setImmediate(r));
        continue;
      }
      if (discoveryDone && outstanding === 0 && backlog() === 0) break;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
}
