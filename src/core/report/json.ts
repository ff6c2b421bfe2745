/** The JSON report: the ScanResult itself, with a format version for consumers. */
import type { ScanResult } from '../types';

export const JSON_FORMAT_VERSION = 1;

/**
 * Reports carry no absolute paths (they get uploaded and shared): finding paths are relative to
 * their root, and roots are named by their folder name only.
 */
export function toJson(scan: ScanResult): string {
  return JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, ...scan, roots: scan.roots.map(rootName) }, null, 2) + '\n';
}

/** A root's folder name (`.` for a filesystem root). */
export function rootName(root: string): string {
  return root.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || '.';
}
