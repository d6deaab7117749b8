// The CLI's cache: one JSON file per scope (endpoint + region + owner + group) under the cache
// dir, written atomically (temp file + rename). A file that is unreadable, corrupt or of another
// scope is ignored: the cache only ever saves calls, it is never needed for correctness.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  MemoryLiveCache,
  scopeKey,
  type CachedRevision,
  type CachedSchedule,
  type CacheScope,
  type FullReadMark,
  type ReadPolicy,
} from './cache.js';
import { writePrivateFile } from '../pipeline/atomic-write.js';
import { deepFreeze } from './deep-freeze.js';
import { reviveRevision, reviveSchedule } from './revive.js';

const FORMAT = 1;

/** The file a scope's cache lives in (hashed: endpoints and names may hold any character). */
export function cacheFileFor(dir: string, scope: CacheScope): string {
  const hash = createHash('sha256').update(scopeKey(scope)).digest('hex').slice(0, 32);
  return path.join(dir, `live-${hash}.json`);
}

export class DiskLiveCache extends MemoryLiveCache {
  private file: string | undefined;
  /** The family lists as this process last read or wrote the file: the base of save()'s merge. */
  private base: ReadonlyMap<string, readonly string[]> = new Map();

  /** `dir`: see config/runtime.ts defaultCacheDir (the one reader of the environment). */
  constructor(
    private readonly dir: string,
    policy: Partial<ReadPolicy> = {},
  ) {
    super(policy);
  }

  override async open(scope: CacheScope): Promise<void> {
    const key = scopeKey(scope);
    if (key === this.scopeKey) return;
    await super.open(scope);
    this.file = cacheFileFor(this.dir, scope);
    const loaded = await readCacheFile(this.file, key);
    if (loaded) this.data = loaded;
    this.base = new Map(this.data.families);
    this.dirty = false;
  }

  override async save(): Promise<void> {
    if (!this.dirty || !this.file || !this.scopeKey) return;
    // Another berth process (a plan beside an apply) may have saved since this one read the file:
    // its family lists are merged in rather than overwritten (mergeFamilies).
    const disk = await readCacheFile(this.file, this.scopeKey);
    if (disk) {
      this.data.families = mergeFamilies(this.base, this.data.families, disk.families);
      const theirs = disk.fullRead;
      const mine = this.data.fullRead;
      if (theirs && (!mine || Date.parse(theirs.at) > Date.parse(mine.at))) this.data.fullRead = theirs;
    }
    const body = JSON.stringify({
      format: FORMAT,
      scope: this.scopeKey,
      revisions: Object.fromEntries(this.data.revisions),
      schedules: Object.fromEntries(this.data.schedules),
      groups: Object.fromEntries(this.data.groups),
      families: Object.fromEntries(this.data.families),
      ...(this.data.fullRead ? { fullRead: this.data.fullRead } : {}),
    });
    // Task definitions may hold plain environment values: owner-only, replaced whole.
    await writePrivateFile(this.file, body);
    this.base = new Map(this.data.families);
    this.dirty = false;
  }
}

/**
 * Three-way merge of family lists, from `base` (the file as this process last saw it), `mine`
 * (this process) and `disk` (the file now). A side that left a family as it was takes the
 * other's: an apply that dropped a family after registering into it (the list lacks its new
 * revision) is not undone by a plan that loaded the list before and saves after. When both sides
 * changed it differently, it is dropped: the next read lists it exactly (one call), never trusts
 * a list that may lack a revision either side registered.
 */
export function mergeFamilies(
  base: ReadonlyMap<string, readonly string[]>,
  mine: ReadonlyMap<string, readonly string[]>,
  disk: ReadonlyMap<string, readonly string[]>,
): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const f of new Set([...base.keys(), ...mine.keys(), ...disk.keys()])) {
    const b = base.get(f);
    const m = mine.get(f);
    const d = disk.get(f);
    const kept = same(m, d) || same(d, b) ? m : same(m, b) ? d : undefined;
    if (kept) out.set(f, kept);
  }
  return out;
}

function same(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function readCacheFile(file: string, key: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(raw) || raw.format !== FORMAT || raw.scope !== key) return undefined;
  if (!isRecord(raw.revisions) || !isRecord(raw.schedules)) return undefined;
  const revisions = new Map<string, CachedRevision>();
  for (const [arn, v] of Object.entries(raw.revisions)) {
    const r = reviveRevision(v);
    if (r) revisions.set(arn, deepFreeze(r));
  }
  const schedules = new Map<string, CachedSchedule>();
  for (const [name, v] of Object.entries(raw.schedules)) {
    const s = reviveSchedule(v);
    if (s) schedules.set(name, deepFreeze(s));
  }
  // Files written before group tags were cached have none: a miss, not an error.
  const groups = new Map<string, Record<string, string>>();
  for (const [key, v] of Object.entries(isRecord(raw.groups) ? raw.groups : {}))
    if (isRecord(v) && Object.values(v).every((x) => typeof x === 'string'))
      groups.set(key, v as Record<string, string>);
  // Files written before family listings were kept have none: the next read is a full one.
  const families = new Map<string, readonly string[]>();
  for (const [family, v] of Object.entries(isRecord(raw.families) ? raw.families : {}))
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) families.set(family, Object.freeze(v));
  const fullRead = fullReadMark(raw.fullRead);
  return { revisions, schedules, groups, families, ...(fullRead ? { fullRead } : {}) };
}

function fullReadMark(v: unknown): FullReadMark | undefined {
  if (!isRecord(v) || typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return undefined;
  if (typeof v.pages !== 'number' || !Number.isInteger(v.pages) || v.pages < 0) return undefined;
  return { at: v.at, pages: v.pages };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
