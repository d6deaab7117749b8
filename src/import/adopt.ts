// `berth import --adopt`: make the imported families berth's by tagging their live revision
// (ecs:TagResource) with the tags berth would have registered it with, so the first apply
// registers nothing. Never silent: each family is reported; another installation's is refused.
import { ownershipOf } from '../live/ownership.js';
import type { LiveTaskDefinitionDescription } from '../model/aws-types.js';
import type { DesiredState } from '../model/desired.js';
import type { EcsPort } from '../model/ports.js';
import { adoptionTags } from './adoption-tags.js';

export interface AdoptTarget {
  job: string;
  revisionArn: string;
}

export type AdoptStatus = 'tagged' | 'already' | 'skipped';

export interface AdoptOutcome {
  job: string;
  arn: string;
  status: AdoptStatus;
  /** The tags added (tagged). */
  tags?: Record<string, string>;
  /** The revision equals what git renders (the content hash was tagged too). */
  exact?: boolean;
  reason?: string;
}

/** Called after each tagging with the revision and its tags now, e.g. to refresh a live-state cache. */
export type OnTagged = (
  arn: string,
  description: LiveTaskDefinitionDescription,
  tags: Record<string, string>,
) => void;

export async function adoptRevisions(
  targets: AdoptTarget[],
  desired: DesiredState,
  ecs: EcsPort,
  onTagged?: OnTagged,
): Promise<AdoptOutcome[]> {
  const out: AdoptOutcome[] = [];
  for (const t of targets) {
    const base = { job: t.job, arn: t.revisionArn };
    const job = desired.jobs.find((j) => j.name === t.job);
    if (!job) {
      out.push({ ...base, status: 'skipped', reason: `job ${t.job} is not in the repository` });
      continue;
    }
    const live = await ecs.describeTaskDefinition(t.revisionArn);
    if (!live) {
      out.push({ ...base, status: 'skipped', reason: `${t.revisionArn} no longer exists` });
      continue;
    }
    const own = ownershipOf(live.tags, desired.owner);
    if (own.kind === 'owned') {
      out.push({ ...base, status: 'already' });
      continue;
    }
    if (own.kind === 'foreign') {
      out.push({ ...base, status: 'skipped', reason: `it belongs to berth installation "${own.owner}"` });
      continue;
    }
    const { tags, exact } = adoptionTags(job, live.taskDefinition);
    await ecs.tagResource(t.revisionArn, tags);
    onTagged?.(t.revisionArn, live.taskDefinition, { ...live.tags, ...tags });
    out.push({ ...base, status: 'tagged', tags, exact });
  }
  return out;
}
