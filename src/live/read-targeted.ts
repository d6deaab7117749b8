// A read of only some jobs (plan/apply -t, a controller cycle after a small git change): the
// ownership and rename proof (targeted-group.ts), then per job its schedule (GetSchedule), its
// family's ACTIVE revisions and its latest revision (cached by ARN). The revisions are the
// cache's list while a light read would trust it (read-kind.ts, light-listing.ts: the family is
// listed exactly when the cache has no list, berth wrote to it since, or the schedule pins a
// revision the list lacks), else the family by exact name (one ListTaskDefinitions page). Everything else is not read: the LiveState holds only these jobs, so a
// plan made from it must not conclude anything about the others (pipeline/plan-live.ts keeps
// deletions a full-read decision). When the proof fails, the caller reads everything.
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { callsSince } from '../aws/call-counts.js';
import type { LiveFamily, LiveRead, LiveSchedule, LiveState } from '../model/live.js';
import type { AwsPorts } from '../model/ports.js';
import type { CacheScope, LiveCache } from './cache.js';
import { readFamily, sortedByKey, type ReadContext } from './families.js';
import { liveFingerprint } from './fingerprint.js';
import { familiesToList, familyLists } from './light-listing.js';
import { decideRead } from './read-kind.js';
import type { ReadCounters } from './read-counters.js';
import { describePinned, parseRef } from './revisions.js';
import { proveTargetable } from './targeted-group.js';

/** A job to read: its family and its schedule's name in the configured group. */
export interface TargetJob {
  job: string;
  family: string;
  schedule: string;
}

export interface ReadTargetedOptions {
  owner: string;
  scheduleGroup: string;
  namePrefix: string;
  /** This environment, when the repository declares environments. */
  environment?: string | undefined;
  /** The other environments berth.yaml declares. */
  otherEnvironments?: readonly string[] | undefined;
  cache: LiveCache;
  concurrency?: number;
  targets: readonly TargetJob[];
}

export type TargetedRead = { kind: 'targeted'; live: LiveState } | { kind: 'full'; reason: string };

export async function readTargetedState(ports: AwsPorts, opts: ReadTargetedOptions): Promise<TargetedRead> {
  const before = ports.calls.snapshot();
  const counters: ReadCounters = { cacheHits: 0, cacheMisses: 0, schedulesSkipped: 0 };
  const concurrency = opts.concurrency ?? 8;
  const { cache } = opts;
  const conn = ports.connection ? await ports.connection() : { region: ports.region, endpoint: 'unknown' };
  const scope: CacheScope = { ...conn, owner: opts.owner, group: opts.scheduleGroup };
  await cache.open(scope);

  const proof = await proveTargetable(ports.scheduler, { ...opts, concurrency });
  if (proof.kind === 'full') return proof;
  const { group } = proof;

  const limit = pLimit(concurrency);
  const families: Record<string, LiveFamily> = {};
  const schedules: Record<string, LiveSchedule> = {};
  const arns: string[] = [];
  const listed: [string, string][] = [];
  const described: string[] = [];
  const ctx: ReadContext = { ecs: ports.ecs, cache, counters, described };
  const targetFamilies = [...new Set(opts.targets.map((t) => t.family))].sort();
  const readSchedule = async (t: TargetJob) => {
    const description = await ports.scheduler.getSchedule(opts.scheduleGroup, t.schedule);
    if (!description) return;
    const lastModified = description.LastModificationDate?.toISOString() ?? '';
    counters.cacheMisses += 1;
    listed.push([t.schedule, lastModified]);
    if (lastModified) cache.putSchedule(t.schedule, { lastModified, description });
    schedules[t.schedule] = {
      name: t.schedule,
      group: opts.scheduleGroup,
      description,
      ...(lastModified ? { lastModified } : {}),
    };
  };
  const deps = { cache, concurrency };

  // The same rule as a full or light read (read-kind.ts): while the cache's revision lists are
  // trusted, a target's family is listed exactly only when light-listing.ts would list it, which
  // depends on what its schedule pins, so the schedules are read first. Otherwise every target's
  // family is listed exactly, beside the schedules.
  const { policy } = cache;
  const last = cache.lastFullRead();
  const decision = decideRead(policy, last, policy.now());
  let lists: Map<string, readonly string[]>;
  let read: LiveRead;
  if (decision.kind === 'light' && last) {
    await Promise.all(opts.targets.map((t) => limit(() => readSchedule(t))));
    const exact = familiesToList(targetFamilies, pinsOf(schedules), cache);
    lists = await familyLists(ports.ecs, targetFamilies, exact, deps);
    read = { kind: 'light', lastFullRead: last.at, familiesListed: exact.length };
  } else {
    [lists] = await Promise.all([
      familyLists(ports.ecs, targetFamilies, targetFamilies, deps),
      Promise.all(opts.targets.map((t) => limit(() => readSchedule(t)))),
    ]);
    // Listed now, but not a full read: no mark is recorded, the next read decides as before.
    read = {
      kind: 'full',
      reason: decision.kind === 'full' ? decision.reason : 'cold',
      lastFullRead: new Date(policy.now()).toISOString(),
    };
  }
  await Promise.all(
    targetFamilies.map((family) =>
      limit(async () => {
        const refs = (lists.get(family) ?? []).flatMap((arn) => parseRef(arn) ?? []);
        arns.push(...refs.map((r) => r.arn));
        if (refs.length === 0) return;
        // scan: below a latest revision that is not berth's, as a full read does for desired jobs.
        const f = await readFamily(family, refs, opts.owner, true, ctx);
        if (f) families[family] = f;
      }),
    ),
  );

  // Older revisions the read schedules pin, of the targets' own families only: a pin elsewhere
  // is another job's family, which this read does not see (the planner shows it as drift).
  const own = new Set(targetFamilies);
  const pins = pinsOf(schedules).filter((arn) => own.has(parseRef(arn)?.family ?? ''));
  const deregistered = await describePinned(ports.ecs, { families }, pins, {
    cache,
    counters,
    concurrency,
    described,
    namePrefix: opts.namePrefix,
  });
  // No retain(): entries of jobs this read did not look at stay, for the next read.
  await cache.save().catch(() => undefined);

  return {
    kind: 'targeted',
    live: {
      ...(conn.region ? { region: conn.region } : {}),
      group,
      families: sortedByKey(families),
      schedules: sortedByKey(schedules),
      stats: { calls: callsSince(before, ports.calls.snapshot()), ...counters },
      read,
      fingerprint: targetedFingerprint(opts.targets, liveFingerprint(group, arns, listed)),
      ...(deregistered.length > 0 ? { deregistered } : {}),
    },
  };
}

function pinsOf(schedules: Record<string, LiveSchedule>): string[] {
  return Object.values(schedules).map((s) => s.description.Target?.EcsParameters?.TaskDefinitionArn ?? '');
}

/**
 * The fingerprint of a targeted read names its targets, so a plan saved from it is never taken
 * for a plan of everything (and the reverse): apply of a saved -t plan needs the same -t.
 */
function targetedFingerprint(targets: readonly TargetJob[], base: string): string {
  const jobs = targets.map((t) => t.job).sort();
  const canonical = JSON.stringify({ targets: jobs, read: base });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
