// Reads what berth owns → LiveState. A warm read with nothing changed costs the group look-up
// plus the listings: no describes, no GetSchedule (the cache answers them). Revisions are listed
// fully (the account's ACTIVE revisions) when the cache has no recent full listing, else lightly
// (family names by prefix, revisions from the cache: light-listing.ts); LiveState.read says which.
import type { LiveRead, LiveSchedule, LiveScheduleGroup, LiveState, PreviousNames } from '../model/live.js';
import type { AwsPorts } from '../model/ports.js';
import type { CacheScope, LiveCache } from './cache.js';
import { listAllRevisions, readFamilies, type FamilyListing } from './families.js';
import { familiesToList, lightListing, listFamilyNames } from './light-listing.js';
import { decideRead, tooManyToList, type FullReadReason, type ReadDecision } from './read-kind.js';
import { liveFingerprint } from './fingerprint.js';
import { readGroup } from './group.js';
import { previousPrefixes, readOwnedGroups } from './previous.js';
import type { ReadCounters } from './read-counters.js';
import { describePinned } from './revisions.js';
import { readSchedules, type SchedulesRead } from './schedules.js';
import { callsSince } from '../aws/call-counts.js';

export interface ReadLiveOptions {
  /** metadata.name of the repository config (the ownership id). */
  owner: string;
  scheduleGroup: string;
  namePrefix: string;
  /** This environment, when the repository declares environments (the groups of others are skipped). */
  environment?: string | undefined;
  /** The other environments berth.yaml declares. */
  otherEnvironments?: readonly string[] | undefined;
  cache: LiveCache;
  /** Describes / GetSchedule calls in flight at once (the AWS rate limits still apply). */
  concurrency?: number;
  /**
   * Names of the desired jobs: their families are looked at below a latest revision that is not
   * berth's, and their families under a previous prefix are read. Without it, every family is.
   */
  jobs?: readonly string[];
}

const EMPTY: SchedulesRead = { schedules: {}, listed: [] };

export async function readLiveState(ports: AwsPorts, opts: ReadLiveOptions): Promise<LiveState> {
  const before = ports.calls.snapshot();
  const counters: ReadCounters = { cacheHits: 0, cacheMisses: 0, schedulesSkipped: 0 };
  const concurrency = opts.concurrency ?? 8;
  const { cache } = opts;

  // 1. The configured group, and the other groups this installation owns (renames).
  const scope = cacheScope(ports, opts);
  const opened = scope.then((s) => cache.open(s));
  const [group, owned] = await Promise.all([
    readGroup(ports.scheduler, opts.scheduleGroup, opts.owner),
    opened.then(() =>
      readOwnedGroups(ports.scheduler, {
        owner: opts.owner,
        configured: opts.scheduleGroup,
        cache,
        concurrency,
        environment: opts.environment,
        otherEnvironments: opts.otherEnvironments,
      }),
    ),
  ]);
  const recorded = group.status === 'owned' ? [group, ...owned.groups] : owned.groups;
  const prefixes = previousPrefixes(recorded, opts.namePrefix);
  const oldFamilies = new Set(prefixes.flatMap((p) => (opts.jobs ?? []).map((j) => p + j)));
  const jobFamilies = opts.jobs ? new Set(opts.jobs.map((j) => opts.namePrefix + j)) : undefined;

  // 2. Families and schedules side by side. A group that is not berth's is reported, never
  //    read into: its schedules are not ours. A light read lists family names by prefix here;
  //    which families it lists one by one depends on what the schedules pin (light-listing.ts).
  const { policy } = cache;
  const decision = decideRead(policy, cache.lastFullRead(), policy.now());
  const oldOnes = oldFamilies.size > 0 ? { previous: (f: string) => oldFamilies.has(f) } : {};
  const [firstListing, schedules, elsewhere] = await Promise.all([
    decision.kind === 'full'
      ? listAllRevisions(ports.ecs, { namePrefix: opts.namePrefix, ...oldOnes })
      : listFamilyNames(ports.ecs, { namePrefix: opts.namePrefix, previousPrefixes: prefixes, ...oldOnes }),
    group.status === 'owned'
      ? readSchedules(ports.scheduler, { group: opts.scheduleGroup, cache, concurrency }, counters)
      : Promise.resolve(EMPTY),
    Promise.all(
      owned.groups.map((g) =>
        readSchedules(
          ports.scheduler,
          { group: g.name, cache, concurrency, key: (n) => `${g.name}/${n}` },
          counters,
        ),
      ),
    ),
  ]);
  const previousSchedules: LiveSchedule[] = elsewhere.flatMap((r) => Object.values(r.schedules));
  const pins = [...Object.values(schedules.schedules), ...previousSchedules].map(
    (s) => s.description.Target?.EcsParameters?.TaskDefinitionArn ?? '',
  );
  const { listing, read } = await completeListing(ports, firstListing, decision, pins, {
    ...opts,
    ...oldOnes,
    concurrency,
  });
  const families = await readFamilies(
    ports.ecs,
    listing,
    {
      namePrefix: opts.namePrefix,
      owner: opts.owner,
      cache,
      concurrency,
      ...(jobFamilies ? { scan: (f: string) => jobFamilies.has(f) || oldFamilies.has(f) } : {}),
    },
    counters,
  );

  // 3. Revisions schedules pin that the family read left out (older, or deregistered).
  const state = { families: families.families, previous: { families: families.previous } as PreviousNames };
  const deregistered = await describePinned(ports.ecs, state, pins, {
    cache,
    counters,
    concurrency,
    described: families.described,
    namePrefix: opts.namePrefix,
  });

  const previousListed = owned.groups.flatMap((g, i) =>
    (elsewhere[i]?.listed ?? []).map(([n, m]): [string, string] => [`${g.name}/${n}`, m]),
  );
  cache.retain({
    // Every listed ACTIVE revision the cache has stays: an older one is what a rollback needs.
    revisions: [...families.described, ...families.arns],
    schedules: [...schedules.listed.map(([n]) => n), ...previousListed.map(([n]) => n)],
    groups: owned.keys,
  });
  // The cache only saves calls: failing to write it must not fail the read.
  await cache.save().catch(() => undefined);

  const { region } = await scope;
  const previous = previousNames(owned.groups, previousSchedules, prefixes, families.previous);
  return {
    ...(region ? { region } : {}),
    group,
    families: families.families,
    schedules: schedules.schedules,
    stats: { calls: callsSince(before, ports.calls.snapshot()), ...counters },
    read,
    fingerprint: liveFingerprint(
      group,
      families.arns,
      [...schedules.listed, ...previousListed],
      owned.groups,
    ),
    ...(previous ? { previous } : {}),
    ...(deregistered.length > 0 ? { deregistered } : {}),
  };
}

/**
 * The revisions by family: the full listing as it is (recorded in the cache as the new baseline),
 * or the light one completed from the cache, unless it would cost more than a full one.
 */
async function completeListing(
  ports: AwsPorts,
  first: FamilyListing | string[],
  decision: ReadDecision,
  pins: readonly string[],
  opts: ReadLiveOptions & { concurrency: number; previous?: (f: string) => boolean },
): Promise<{ listing: FamilyListing; read: LiveRead }> {
  const { cache } = opts;
  if (Array.isArray(first)) {
    const last = cache.lastFullRead();
    const exact = familiesToList(first, pins, cache);
    if (last && !tooManyToList(exact.length, last)) {
      const listing = await lightListing(ports.ecs, first, exact, { cache, concurrency: opts.concurrency });
      return { listing, read: { kind: 'light', lastFullRead: last.at, familiesListed: exact.length } };
    }
    const listing = await listAllRevisions(ports.ecs, opts);
    return { listing, read: recordFull(cache, listing, 'many-families') };
  }
  return {
    listing: first,
    read: recordFull(cache, first, decision.kind === 'full' ? decision.reason : 'cold'),
  };
}

function recordFull(cache: LiveCache, listing: FamilyListing, reason: FullReadReason): LiveRead {
  const at = new Date(cache.policy.now()).toISOString();
  // Pages of berth's own revisions: a lower bound of the account listing's (other teams' are
  // filtered out before berth sees them), so the light read falls back to full a little early.
  const pages = Math.max(1, Math.ceil(listing.arns.length / 100));
  const lists = new Map([...listing.byFamily].map(([f, refs]) => [f, refs.map((r) => r.arn)]));
  cache.recordFullRead({ at, pages }, lists);
  return { kind: 'full', reason, lastFullRead: at };
}

function previousNames(
  groups: LiveScheduleGroup[],
  schedules: LiveSchedule[],
  prefixes: string[],
  families: PreviousNames['families'],
): PreviousNames | undefined {
  if (groups.length === 0 && prefixes.length === 0 && Object.keys(families).length === 0) return undefined;
  return { groups, schedules, prefixes, families };
}

async function cacheScope(ports: AwsPorts, opts: ReadLiveOptions): Promise<CacheScope> {
  const conn = ports.connection ? await ports.connection() : { region: ports.region, endpoint: 'unknown' };
  return { ...conn, owner: opts.owner, group: opts.scheduleGroup };
}
