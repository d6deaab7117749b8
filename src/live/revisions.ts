// Revisions beyond each family's latest: the ones schedules pin (deregistered ones too), and,
// for the jobs a plan finds out of step, every ACTIVE one (a rollback may find git's content in
// an older revision; the applied-state record may sit on an older one). Descriptions come from
// the cache when it has them: a revision's content never changes.
import pLimit from 'p-limit';
import type { LiveFamily, LiveRevision, LiveRevisionRef, LiveState } from '../model/live.js';
import type { EcsPort } from '../model/ports.js';
import { parseTaskDefinitionArn } from '../model/task-definition-arn.js';
import type { CachedRevision, LiveCache } from './cache.js';
import type { ReadCounters } from './read-counters.js';

export function parseRef(arn: string): LiveRevisionRef | undefined {
  const parsed = parseTaskDefinitionArn(arn);
  return parsed ? { arn, ...parsed } : undefined;
}

export async function describeRevision(
  ecs: EcsPort,
  arn: string,
  cache: LiveCache,
  counters: ReadCounters,
): Promise<CachedRevision | undefined> {
  const cached = cache.getRevision(arn);
  if (cached) {
    counters.cacheHits += 1;
    return cached;
  }
  counters.cacheMisses += 1;
  const d = await ecs.describeTaskDefinition(arn);
  if (!d) return undefined;
  const entry = { description: d.taskDefinition, tags: d.tags };
  cache.putRevision(arn, entry);
  return entry;
}

/** Adds a described revision to its family (newest first), once. */
export function withRevision(f: LiveFamily, r: LiveRevision): void {
  const list = (f.revisions ??= []);
  if (list.some((x) => x.arn === r.arn)) return;
  list.push(r);
  list.sort((a, b) => b.revision - a.revision);
}

const allFamilies = (live: Pick<LiveState, 'families' | 'previous'>) => ({
  ...live.families,
  ...(live.previous?.families ?? {}),
});

/**
 * Describes the revisions schedules pin that the family read left out (older, or deregistered).
 * A pinned revision of a family under the prefix with no ACTIVE revision left is returned apart.
 */
export async function describePinned(
  ecs: EcsPort,
  live: Pick<LiveState, 'families' | 'previous'>,
  pins: readonly string[],
  deps: {
    cache: LiveCache;
    counters: ReadCounters;
    concurrency: number;
    described: string[];
    namePrefix: string;
  },
): Promise<LiveRevision[]> {
  const families = allFamilies(live);
  const todo: { ref: LiveRevisionRef; f: LiveFamily | undefined }[] = [];
  for (const arn of new Set(pins)) {
    const ref = parseRef(arn);
    if (!ref) continue;
    const f = families[ref.family];
    if (f ? !f.revisions?.some((r) => r.arn === arn) : ref.family.startsWith(deps.namePrefix))
      todo.push({ ref, f });
  }
  const limit = pLimit(deps.concurrency);
  const gone: LiveRevision[] = [];
  await Promise.all(
    todo.map(({ ref, f }) =>
      limit(async () => {
        const entry = await describeRevision(ecs, ref.arn, deps.cache, deps.counters);
        if (!entry) return;
        deps.described.push(ref.arn);
        const r = { ...ref, ...entry, active: f?.active.some((a) => a.arn === ref.arn) ?? false };
        if (f) withRevision(f, r);
        else gone.push(r);
      }),
    ),
  );
  return gone.sort((a, b) => (a.arn < b.arn ? -1 : 1));
}

/** Describes every ACTIVE revision of these families that is not described yet. */
export async function deepen(
  ecs: EcsPort,
  live: LiveState,
  names: readonly string[],
  deps: { cache: LiveCache; concurrency: number },
): Promise<void> {
  const families = allFamilies(live);
  const counters = { cacheHits: 0, cacheMisses: 0, schedulesSkipped: 0 };
  const todo = names.flatMap((n) => {
    const f = families[n];
    return f
      ? f.active.filter((a) => !f.revisions?.some((r) => r.arn === a.arn)).map((ref) => ({ ref, f }))
      : [];
  });
  const limit = pLimit(deps.concurrency);
  await Promise.all(
    todo.map(({ ref, f }) =>
      limit(async () => {
        const entry = await describeRevision(ecs, ref.arn, deps.cache, counters);
        if (entry) withRevision(f, { ...ref, ...entry, active: true });
      }),
    ),
  );
  live.stats.cacheHits += counters.cacheHits;
  live.stats.cacheMisses += counters.cacheMisses;
}
