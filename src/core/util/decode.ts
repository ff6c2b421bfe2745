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

const BINARY = { reason: 'binary', detail: 'binary content (NUL bytes)' } as const;
const INVALID_UTF8 = { reason: 'invalid-encoding', detail: 'not valid UTF-8 (and no UTF-16 byte order mark)' } as const;

/** byte -> the byte with ASCII letters lowercased (the byte prefilters compare keywords with it). */
export const ASCII_LOWER = new Uint8Array(256);
for (let i = 0; i < 256; i++) ASCII_LOWER[i] = i >= 65 && i <= 90 ? i | 32 : i;

/** Starts with a UTF-16 byte order mark (little or big endian). */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * The skips `decode` would report, decided without decoding (`isUtf8` validates in native code):
 * undefined for text, and for UTF-16 (which only decoding can validate).
 */
export function bytesSkip(bytes: Uint8Array, isUtf8: (b: Uint8Array) => boolean): { reason: SkipReason; detail: string } | undefined {
  if (hasUtf16Bom(bytes)) return undefined;
  if (bytes.subarray(0, 8192).includes(0)) return BINARY;
  if (!isUtf8(bytes)) return INVALID_UTF8;
  return undefined;
}

export function decode(bytes: Uint8Array): Decoded {
  try {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16le.decode(bytes) };
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16be.decode(bytes) };
  } catch {
    return { text: '', skip: { reason: 'invalid-encoding', detail: 'invalid UTF-16 after a UTF-16 byte order mark' } };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { text: '', skip: BINARY };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { text: '', skip: INVALID_UTF8 };
  }
}
