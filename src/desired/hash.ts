// Content hash of a task definition: what berth registered, independent of key order and tags.
// node:crypto's createHash is synchronous and deterministic, so it keeps this module pure
// in the sense that matters here (same input → same output, no I/O, no clock).
import { createHash } from 'node:crypto';

/** Hex characters kept: 64 bits is plenty to notice a change; it is not a security boundary. */
export const HASH_LENGTH = 16;

/** JSON with object keys sorted at every depth and undefined members dropped; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return v;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 of the canonical JSON of a value, first HASH_LENGTH hex characters. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, HASH_LENGTH);
}
