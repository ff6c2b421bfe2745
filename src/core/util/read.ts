/**
 * Reading a workspace file with a hard cap: the size seen by `stat` during discovery can be stale
 * (the file may grow, be replaced or deleted before it is read), so the read itself never takes
 * more than `limit + 1` bytes. Only regular files are opened (a FIFO or device swapped in after
 * discovery would block or never end).
 */
import * as fs from 'fs';

export type CappedRead = { bytes: Uint8Array; size?: undefined } | { bytes?: undefined; size: number };

/** The file's bytes, or `{ size }` (a lower bound) when it is larger than `limit`. */
export async function readCapped(abs: string, limit: number): Promise<CappedRead> {
  const fh = await fs.promises.open(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (st.size > limit) return { size: st.size };
    let buf = Buffer.allocUnsafe(Math.min(limit + 1, st.size + 1));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        // the file grew while being read: take more, never past limit + 1
        if (n > limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(n * 2, 64 * 1024)));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > limit) return { size: n };
    return { bytes: buf.subarray(0, n) };
  } finally {
    await fh.close();
  }
}
