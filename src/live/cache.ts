// The live-state cache. Task-definition revisions are immutable, so a description is cached
// by ARN forever; a schedule is cached with its LastModificationDate and re-read when that moves.
// It also keeps each family's list of ACTIVE revisions as last listed, and when the last full
// listing was: a light read (read-live-state.ts) trusts those lists until the next full read.
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

/** When the last full listing of ACTIVE revisions was made, and how many pages of 100 it took. */
export interface FullReadMark {
  /** ISO time. */
  at: string;
  pages: number;
}

/** When a read may trust the cached revision lists (a light read) instead of listing them all. */
export interface ReadPolicy {
  /** A full read at least this often (0: every read is full). */
  fullReadIntervalMs: number;
  /** This read is full whatever the age of the last one (--full-read). */
  forceFullRead: boolean;
  /** Milliseconds clock. */
  now: () => number;
}

/** One hour: how stale "a revision registered out of band that no schedule pins" may get. */
export const DEFAULT_FULL_READ_INTERVAL_MS = 60 * 60 * 1000;

export function readPolicy(p: Partial<ReadPolicy> = {}): ReadPolicy {
  return {
    fullReadIntervalMs: p.fullReadIntervalMs ?? DEFAULT_FULL_READ_INTERVAL_MS,
    forceFullRead: p.forceFullRead ?? false,
    now: p.now ?? (() => Date.now()),
  };
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
  /**
   * Forgets a revision whose tags berth changed, or that berth registered or deregistered: the
   * next read describes it again and lists its family again.
   */
  dropRevision(arn: string): void;
  /** The ACTIVE revision ARNs of a family as last listed. */
  getFamilyListing(family: string): readonly string[] | undefined;
  putFamilyListing(family: string, arns: readonly string[]): void;
  dropFamilyListing(family: string): void;
  /** Families with a cached listing. */
  listedFamilies(): string[];
  /** The last full listing; undefined when there was none in this scope. */
  lastFullRead(): FullReadMark | undefined;
  /** A full listing was made: its families' lists replace every cached one. */
  recordFullRead(mark: FullReadMark, listings: ReadonlyMap<string, readonly string[]>): void;
  /** When reads may be light. */
  readonly policy: ReadPolicy;
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
  families: Map<string, readonly string[]>;
  fullRead?: FullReadMark;
}

export const emptyContents = (): CacheContents => ({
  revisions: new Map(),
  schedules: new Map(),
  groups: new Map(),
  families: new Map(),
});

/** In-memory cache: the controller keeps one for its lifetime. */
export class MemoryLiveCache implements LiveCache {
  protected scopeKey: string | undefined;
  protected data: CacheContents = emptyContents();
  protected dirty = false;
  readonly policy: ReadPolicy;

  constructor(policy: Partial<ReadPolicy> = {}) {
    this.policy = readPolicy(policy);
  }

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
    const family = /task-definition\/([^:/]+):\d+$/.exec(arn)?.[1];
    if (family) this.dropFamilyListing(family);
  }

  getFamilyListing(family: string): readonly string[] | undefined {
    return this.data.families.get(family);
  }

  putFamilyListing(family: string, arns: readonly string[]): void {
    this.data.families.set(family, Object.freeze([...arns]));
    this.dirty = true;
  }

  dropFamilyListing(family: string): void {
    if (this.data.families.delete(family)) this.dirty = true;
  }

  listedFamilies(): string[] {
    return [...this.data.families.keys()];
  }

  lastFullRead(): FullReadMark | undefined {
    return this.data.fullRead && { ...this.data.fullRead };
  }

  recordFullRead(mark: FullReadMark, listings: ReadonlyMap<string, readonly string[]>): void {
    this.data.fullRead = { ...mark };
    this.data.families = new Map([...listings].map(([f, a]) => [f, Object.freeze([...a])]));
    this.dirty = true;
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
