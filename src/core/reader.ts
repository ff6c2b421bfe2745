/**
 * The first stage of a workspace scan, run by the calling thread and by reader workers alike:
 * read a file into a reused buffer (no allocation per file, at most `limit + 1` bytes), report
 * the files that cannot be scanned (unreadable, too large, binary, invalid UTF-8) with their
 * reason, and run the byte prefilter. Only the files that spell a keyword leave this stage with
 * their bytes: the rest is counted and forgotten. Nothing here parses, so a reader worker loads no
 * grammar and no rule catalog.
 */
import * as fs from 'fs';
import { isUtf8 } from 'buffer';
import { ByteFilter } from './bytefilter';
import { bytesSkip } from './util/decode';
import type { Skip } from './types';

export type ReadResult =
  /** Read, valid text, no keyword: nothing to do. */
  | { kind: 'clean' }
  | { kind: 'skip'; skip: Skip }
  /** Spells a keyword (or cannot be decided on bytes): the engine scans these bytes. */
  | { kind: 'candidate'; bytes: Uint8Array };

const INITIAL = 256 * 1024;
/** The answer for most files: one object, not one per file. */
const CLEAN: ReadResult = Object.freeze({ kind: 'clean' });

export class FileReader {
  private buf: Buffer;
  /** The buffer's size (kept apart: a detached buffer reports 0). */
  private capacity: number;
  private readonly limit: number;

  constructor(
    private readonly filter: ByteFilter,
    maxFileSizeKb: number,
  ) {
    this.limit = maxFileSizeKb * 1024;
    // the filter's own memory when it has one (the SIMD filter tests it without a copy)
    this.capacity = Math.min(INITIAL, this.limit + 1);
    this.buf = filter.buffer(this.capacity);
  }

  read(abs: string, rel: string): ReadResult {
    // a buffer in the filter's memory is detached (length 0) when that memory grew for another
    // user of the same filter (the engine testing a larger file): take the new one
    if (this.buf.length === 0) this.buf = this.filter.buffer(this.capacity);
    let n = 0;
    let fd: number;
    try {
      // non-blocking: a FIFO or device swapped in after discovery must not block the thread
      fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (e) {
      return unreadable(rel, e);
    }
    try {
      for (;;) {
        if (n === this.buf.length) {
          if (n > this.limit) break;
          this.capacity = Math.min(this.limit + 1, this.buf.length * 4);
          this.buf = this.filter.buffer(this.capacity, this.buf, n);
        }
        const got = fs.readSync(fd, this.buf, n, this.buf.length - n, n);
        if (got === 0) break;
        n += got;
      }
      if (n > this.limit) {
        let size = n;
        try {
          size = fs.fstatSync(fd).size;
        } catch {
          // the lower bound is enough
        }
        return { kind: 'skip', skip: { file: rel, reason: 'too-large', detail: `${Math.max(size, n)} bytes is over the ${this.limit / 1024} KiB limit (maxFileSizeKb)` } };
      }
    } catch (e) {
      return unreadable(rel, e);
    } finally {
      try {
        fs.closeSync(fd);
      } catch {
        // already gone
      }
    }
    const bytes = this.buf.subarray(0, n);
    const skip = bytesSkip(bytes, isUtf8);
    if (skip) return { kind: 'skip', skip: { file: rel, ...skip } };
    if (!this.filter.test(bytes, n)) return CLEAN;
    return { kind: 'candidate', bytes: new Uint8Array(bytes) };
  }
}

function unreadable(rel: string, e: unknown): ReadResult {
  const err = e as NodeJS.ErrnoException;
  const code = err.code === 'EISDIR' ? 'ENOTFILE' : err.code;
  return { kind: 'skip', skip: { file: rel, reason: 'unreadable', detail: `cannot read (${code ?? err.message})` } };
}
