/**
 * Bytes to text: UTF-8 (with or without BOM) and UTF-16 with a BOM. Binary content (NUL bytes
 * in the first 8 KiB of a file without a UTF-16 BOM) and invalid UTF-8 are skips, not errors.
 */
import type { SkipReason } from '../types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false });

export interface Decoded {
  text: string;
  skip?: { reason: SkipReason; detail: string };
}

export function decode(bytes: Uint8Array): Decoded {
  try {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16le.decode(bytes) };
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16be.decode(bytes) };
  } catch {
    return { text: '', skip: { reason: 'invalid-encoding', detail: 'invalid UTF-16 after a UTF-16 byte order mark' } };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { text: '', skip: { reason: 'binary', detail: 'binary content (NUL bytes)' } };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { text: '', skip: { reason: 'invalid-encoding', detail: 'not valid UTF-8 (and no UTF-16 byte order mark)' } };
  }
}
