// The live-state cache. Task-definition revisions are immutable, so a description is cached
// by ARN forever; a schedule is cached with its LastModificationDate and re-read when that moves.
import type { LiveScheduleDescription, LiveTaskDefinitionDescription } from '../model/aws-types.js';
import { deepFreeze } from './deep-freeze.js';

export interface CachedRevision {
  description: LiveTaskDefinitionDescription;
  tags: Record<string, string>;
}

export interface CachedSchedule {
  /** LastModificationDate (ISO) from the ListSchedules summary the description was read for. */
  lastModified: string;
  description: LiveScheduleDescription;
}

/** What a cache is valid for: never mix accounts, endpoints or installations. */
export interface CacheScope {
  endpoint: string;
  region: string;
  owner: string;
  group: string;
}

export interface LiveCache {
  /** Selects the scope for the next read; entries of another scope are never returned. */
  open(scope: CacheScope): Promise<void>;
  getRevision(arn: string): CachedRevision | undefined;
  putRevision(arn: string, value: CachedRevision): void;
  getSchedule(name: string): CachedSchedule | undefined;
  putSchedule(name: string, value: CachedSchedule): void;
  /** Drops entries the last read did not see, so the cache stays the size of what berth owns. */
  retain(seen: { revisions: Iterable<string>; schedules: Iterable<string> }): void;
  /** Persists what changed (no-op in memory). */
  save(): Promise<void>;
}

export interface CacheContents {
  revisions: Map<string, CachedRevision>;
  schedules: Map<string, CachedSchedule>;
}

/** In-memory cache: the controller keeps one for its lifetime. */
export class MemoryLiveCache implements LiveCache {
  protected scopeKey: string | undefined;
  protected data: CacheContents = { revisions: new Map(), schedules: new Map() };
  protected dirty = false;

  async open(scope: CacheScope): Promise<void> {
    const key = scopeKey(scope);
    if (key !== this.scopeKey) {
      this.scopeKey = key;
      this.data = { revisions: new Map(), schedules: new Map() };
    }
  }

  // A copy in (the caller keeps its own object), frozen entries out, shared (deep-freeze.ts).
  getRevision(arn: string): CachedRevision | undefined {
    return this.data.revisions.get(arn);
  }

  putRevision(arn: string, value: CachedRevision): void {
    this.data.revisions.set(arn, deepFreeze(structuredClone(value)));
    this.dirty = true;
  }

  getSchedule(name: string): CachedSchedule | undefined {
    return this.data.schedules.get(name);
  }

  putSchedule(name: string, value: CachedSchedule): void {
    this.data.schedules.set(name, deepFreeze(structuredClone(value)));
    this.dirty = true;
  }

  retain(seen: { revisions: Iterable<string>; schedules: Iterable<string> }): void {
    this.dirty = prune(this.data.revisions, new Set(seen.revisions)) || this.dirty;
    this.dirty = prune(this.data.schedules, new Set(seen.schedules)) || this.dirty;
  }

  async save(): Promise<void> {
    this.dirty = false;
  }
}

export function scopeKey(scope: CacheScope): string {
  return JSON.stringify([scope.endpoint, scope.region, scope.owner, scope.group]);
}

function prune<V>(m: Map<string, V>, keep: Set<string>): boolean {
  let removed = false;
  for (const k of [...m.keys()]) {
    if (!keep.has(k)) {
      m.delete(k);
      removed = true;
    }
  }
  return removed;
}
