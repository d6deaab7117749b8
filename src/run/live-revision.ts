// The revision a manual run uses: berth's newest ACTIVE revision holding git's content (the one
// the schedule runs, also after a rollback repinned an older one), else berth's newest. A run
// never registers anything; a family without a revision of this installation is not run.
import type { LiveTaskDefinitionDescription } from '../model/aws-types.js';
import { MANAGED_BY_VALUE, TAG } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { EcsPort } from '../model/ports.js';

export interface LiveRevision {
  arn: string;
  description: LiveTaskDefinitionDescription;
  tags: Record<string, string>;
  /** The revision's content hash differs from what the manifests render now. */
  stale: boolean;
}

/** Revisions looked at below the latest before settling for berth's newest. */
const LOOK_BACK = 5;

export async function liveRevision(
  ecs: EcsPort,
  job: { family: string; contentHash: string },
  owner: string,
): Promise<LiveRevision> {
  const arns = await ecs.listTaskDefinitionArns({ family: job.family, status: 'ACTIVE' });
  const latest = arns.at(-1);
  if (latest === undefined)
    throw new BerthError('NotFound', `task definition family ${job.family} has no ACTIVE revision`, {
      hint: 'run `berth apply` first',
    });
  let newestMine: LiveRevision | undefined;
  let latestTags: Record<string, string> | undefined;
  for (const arn of [...arns].reverse().slice(0, LOOK_BACK)) {
    const d = await ecs.describeTaskDefinition(arn);
    if (!d) continue;
    latestTags ??= d.tags;
    if (d.tags[TAG.managedBy] !== MANAGED_BY_VALUE || d.tags[TAG.owner] !== owner) continue;
    const r = {
      arn,
      description: d.taskDefinition,
      tags: d.tags,
      stale: d.tags[TAG.hash] !== job.contentHash,
    };
    if (!r.stale) return r;
    newestMine ??= r;
  }
  if (newestMine) return newestMine;
  const tags = latestTags ?? {};
  const who =
    tags[TAG.managedBy] === MANAGED_BY_VALUE
      ? `berth installation "${tags[TAG.owner] ?? '?'}"`
      : 'another tool';
  throw new BerthError('Ownership', `${latest} belongs to ${who}, not to "${owner}"`, {
    hint: 'berth runs only task definitions it registered for this repository; run `berth apply` first',
  });
}
