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
  const referenced = new Set([...ctx.refs.snapshot()].map((arn) => revisionKey(arn) ?? arn));
  const arns = await ctx.ports.ecs.listTaskDefinitionArns({ family: job.family, status: 'ACTIVE' });
  const lost: LiveRevisionRef[] = [];
  for (const arn of arns) {
    const revision = Number(/:(\d+)$/.exec(arn)?.[1]);
    if (!(revision > newestSeen && revision < registered.revision)) continue;
    if (referenced.has(`${job.family}:${revision}`)) continue;
    const d = await ctx.ports.ecs.describeTaskDefinition(arn);
    // Only berth's own registration of this very content: anything else is left alone.
    if (!d || ownershipOf(d.tags, ctx.desired.owner).kind !== 'owned') continue;
    if (d.tags[TAG.job] !== job.name || d.tags[TAG.hash] !== job.contentHash) continue;
    lost.push({ arn, family: job.family, revision });
  }
  return lost;
}
