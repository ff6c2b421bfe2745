/** The JSON report: the ScanResult itself, with a format version for consumers. */
import type { ScanResult } from '../types';

export const JSON_FORMAT_VERSION = 1;

export function toJson(scan: ScanResult): string {
  return JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, ...scan }, null, 2) + '\n';
}
