// A RegisterTaskDefinition whose response was lost (connection reset, timeout, 5xx after the
// write) is retried by the SDK and registers the same content a second time. The lost revision
// is ACTIVE, pinned by nothing and unknown to the plan: it would take a keepRevisions place and
// push the previous good revision out at the next change. When a register's number skips past
// the newest revision the plan saw, the revisions in between are looked at (one listing, one
// describe each) and those holding this job's own content are deregistered. (A family whose
// newest revisions were deregistered also skips numbers: one listing, nothing to retire.)
import { ownershipOf } from '../live/ownership.js';
import { TAG, type DesiredJob } from '../model/desired.js';
import type { LiveRevisionRef } from '../model/live.js';
import { revisionKey } from '../plan/revisions.js';
import type { JobContext } from './execute-job.js';

export async function lostRegistrations(
  job: DesiredJob,
  registered: LiveRevisionRef,
  ctx: Pick<JobContext, 'ports' | 'desired' | 'live' | 'refs'>,
): Promise<LiveRevisionRef[]> {
  const seen = ctx.live.families[job.family];
  const newestSeen = seen?.latest.revision ?? 0;
  // The usual case, no extra call: the number follows the newest one seen.
  if (registered.revision <= newestSeen + 1) return [];
  const arns = await ctx.ports.ecs.listTaskDefinitionArns({ family: job.family, status: 'ACTIVE' });
  return copiesAmong(job, arns, (r) => r > newestSeen && r < registered.revision, ctx);
}

/**
 * The same copies left by an earlier apply whose search for them failed (the job failed there,
 * before its schedule was written): when a run pins the schedule to the newest revision without
 * registering, the older ACTIVE revisions the live read listed are checked the same way. Rare,
 * and no listing: the live state has them.
 */
export async function leftoverCopies(
  job: DesiredJob,
  pinTo: string | undefined,
  ctx: Pick<JobContext, 'ports' | 'desired' | 'live' | 'refs'>,
): Promise<LiveRevisionRef[]> {
  const family = ctx.live.families[job.family];
  if (!family || family.active.length < 2 || family.latest.tags[TAG.hash] !== job.contentHash) return [];
  // Only when the schedule goes to the newest revision: a repin back to an older one (the newest
  // was registered by hand, berth's tags copied onto other content) must keep its target ACTIVE.
  if (pinTo !== family.latest.arn) return [];
  const newest = family.latest.revision;
  return copiesAmong(
    job,
    family.active.map((r) => r.arn),
    (r) => r < newest,
    ctx,
  );
}

async function copiesAmong(
  job: DesiredJob,
  arns: readonly string[],
  inRange: (revision: number) => boolean,
  ctx: Pick<JobContext, 'ports' | 'desired' | 'refs'>,
): Promise<LiveRevisionRef[]> {
  const referenced = new Set([...ctx.refs.snapshot()].map((arn) => revisionKey(arn) ?? arn));
  const lost: LiveRevisionRef[] = [];
  for (const arn of arns) {
    const revision = Number(/:(\d+)$/.exec(arn)?.[1]);
    if (!inRange(revision)) continue;
    if (referenced.has(`${job.family}:${revision}`)) continue;
    const d = await ctx.ports.ecs.describeTaskDefinition(arn);
    // Only berth's own registration of this very content: anything else is left alone.
    if (!d || ownershipOf(d.tags, ctx.desired.owner).kind !== 'owned') continue;
    if (d.tags[TAG.job] !== job.name || d.tags[TAG.hash] !== job.contentHash) continue;
    lost.push({ arn, family: job.family, revision });
  }
  return lost;
}
