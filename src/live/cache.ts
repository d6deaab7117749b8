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
  /** Forgets a revision whose tags berth changed: the next read describes it again. */
  dropRevision(arn: string): void;
  getSchedule(name: string): CachedSchedule | undefined;
  putSchedule(name: string, value: CachedSchedule): void;
  /** Tags of another schedule group, by "arn@creation time" (a group made again has another key). */
  getGroupTags(key: string): Record<string, string> | undefined;
  putGroupTags(key: string, tags: Record<string, string>): void;
  /** Drops entries the last read did not see, so the cache stays the size of what berth owns. */
  retain(seen: { revisions: Iterable<string>; schedules: Iterable<string>; groups?: Iterable<string> }): void;
  /** Persists what changed (no-op in memory). */
  save(): Promise<void>;
}

export interface CacheContents {
  revisions: Map<string, CachedRevision>;
  schedules: Map<string, CachedSchedule>;
  groups: Map<string, Record<string, string>>;
}

export const emptyContents = (): CacheContents => ({
  revisions: new Map(),
  schedules: new Map(),
  groups: new Map(),
});

/** In-memory cache: the controller keeps one for its lifetime. */
export class MemoryLiveCache implements LiveCache {
  protected scopeKey: string | undefined;
  protected data: CacheContents = emptyContents();
  protected dirty = false;

  async open(scope: CacheScope): Promise<void> {
    const key = scopeKey(scope);
    if (key !== this.scopeKey) {
      this.scopeKey = key;
      this.data = emptyContents();
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

  dropRevision(arn: string): void {
    if (this.data.revisions.delete(arn)) this.dirty = true;
  }

  getSchedule(name: string): CachedSchedule | undefined {
    return this.data.schedules.get(name);
  }

  putSchedule(name: string, value: CachedSchedule): void {
    this.data.schedules.set(name, deepFreeze(structuredClone(value)));
    this.dirty = true;
  }

  getGroupTags(key: string): Record<string, string> | undefined {
    const v = this.data.groups.get(key);
    return v && { ...v };
  }

  putGroupTags(key: string, tags: Record<string, string>): void {
    this.data.groups.set(key, { ...tags });
    this.dirty = true;
  }

  retain(seen: {
    revisions: Iterable<string>;
    schedules: Iterable<string>;
    groups?: Iterable<string>;
  }): void {
    this.dirty = prune(this.data.revisions, new Set(seen.revisions)) || this.dirty;
    this.dirty = prune(this.data.schedules, new Set(seen.schedules)) || this.dirty;
    this.dirty = prune(this.data.groups, new Set(seen.groups ?? [])) || this.dirty;
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
