// Cache entries read back from JSON: shape-checked, and the SDK's Date fields made Dates again
// so a cached description equals a fresh one. Anything malformed is dropped (a miss, not an error).
import type { CachedRevision, CachedSchedule } from './cache.js';

const REVISION_DATES = ['registeredAt', 'deregisteredAt', 'deleteRequestedAt'] as const;
const SCHEDULE_DATES = ['CreationDate', 'LastModificationDate', 'StartDate', 'EndDate'] as const;

export function reviveRevision(v: unknown): CachedRevision | undefined {
  if (!isRecord(v) || !isRecord(v.description) || !isStringRecord(v.tags)) return undefined;
  const description = { ...v.description };
  reviveDates(description, REVISION_DATES);
  return { description, tags: v.tags };
}

export function reviveSchedule(v: unknown): CachedSchedule | undefined {
  if (!isRecord(v) || typeof v.lastModified !== 'string' || !isRecord(v.description)) return undefined;
  const description = { ...v.description, $metadata: {} };
  reviveDates(description, SCHEDULE_DATES);
  return { lastModified: v.lastModified, description };
}

function reviveDates(o: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) {
    const d = o[k];
    if (typeof d === 'string') o[k] = new Date(d);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((x) => typeof x === 'string');
}
