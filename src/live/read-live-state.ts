// Reads what berth owns → LiveState. A warm read with nothing changed costs the group look-up
// plus the listings: no describes, no GetSchedule (the cache answers them).
import type { LiveState } from '../model/live.js';
import type { AwsPorts } from '../model/ports.js';
import type { CacheScope, LiveCache } from './cache.js';
import { readFamilies } from './families.js';
import { liveFingerprint } from './fingerprint.js';
import { readGroup } from './group.js';
import type { ReadCounters } from './read-counters.js';
import { readSchedules } from './schedules.js';
import { callsSince } from '../aws/call-counts.js';

export interface ReadLiveOptions {
  /** metadata.name of the repository config (the ownership id). */
  owner: string;
  scheduleGroup: string;
  namePrefix: string;
  cache: LiveCache;
  /** Describes / GetSchedule calls in flight at once (the AWS rate limits still apply). */
  concurrency?: number;
}

export async function readLiveState(ports: AwsPorts, opts: ReadLiveOptions): Promise<LiveState> {
  const before = ports.calls.snapshot();
  const counters: ReadCounters = { cacheHits: 0, cacheMisses: 0, schedulesSkipped: 0 };
  const concurrency = opts.concurrency ?? 8;

  const scope = cacheScope(ports, opts);
  const opened = scope.then((s) => opts.cache.open(s));
  const [group] = await Promise.all([readGroup(ports.scheduler, opts.scheduleGroup, opts.owner), opened]);
  const [families, schedules] = await Promise.all([
    readFamilies(
      ports.ecs,
      { namePrefix: opts.namePrefix, owner: opts.owner, cache: opts.cache, concurrency },
      counters,
    ),
    // A group that is not berth's is reported, never read into: its schedules are not ours.
    group.status === 'owned'
      ? readSchedules(
          ports.scheduler,
          { group: opts.scheduleGroup, cache: opts.cache, concurrency },
          counters,
        )
      : Promise.resolve({ schedules: {}, listed: [] as [string, string][] }),
  ]);

  opts.cache.retain({ revisions: families.described, schedules: schedules.listed.map(([n]) => n) });
  // The cache only saves calls: failing to write it must not fail the read.
  await opts.cache.save().catch(() => undefined);

  const { region } = await scope;
  return {
    ...(region ? { region } : {}),
    group,
    families: families.families,
    schedules: schedules.schedules,
    stats: { calls: callsSince(before, ports.calls.snapshot()), ...counters },
    fingerprint: liveFingerprint(group, families.arns, schedules.listed),
  };
}

async function cacheScope(ports: AwsPorts, opts: ReadLiveOptions): Promise<CacheScope> {
  const conn = ports.connection ? await ports.connection() : { region: ports.region, endpoint: 'unknown' };
  return { ...conn, owner: opts.owner, group: opts.scheduleGroup };
}
