// The revision a manual run uses: the family's latest ACTIVE revision, the one `berth apply`
// made live. A run never registers anything; a family berth does not own is not run.
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

export async function liveRevision(
  ecs: EcsPort,
  job: { family: string; contentHash: string },
  owner: string,
): Promise<LiveRevision> {
  const arns = await ecs.listTaskDefinitionArns({ family: job.family, status: 'ACTIVE' });
  const latest = arns.at(-1);
  const described = latest === undefined ? undefined : await ecs.describeTaskDefinition(latest);
  if (latest === undefined || !described)
    throw new BerthError('NotFound', `task definition family ${job.family} has no ACTIVE revision`, {
      hint: 'run `berth apply` first',
    });
  const { tags } = described;
  if (tags[TAG.managedBy] !== MANAGED_BY_VALUE || tags[TAG.owner] !== owner) {
    const who =
      tags[TAG.managedBy] === MANAGED_BY_VALUE
        ? `berth installation "${tags[TAG.owner] ?? '?'}"`
        : 'another tool';
    throw new BerthError('Ownership', `${latest} belongs to ${who}, not to "${owner}"`, {
      hint: 'berth runs only task definitions it registered for this repository; run `berth apply` first',
    });
  }
  return {
    arn: latest,
    description: described.taskDefinition,
    tags,
    stale: tags[TAG.hash] !== job.contentHash,
  };
}
