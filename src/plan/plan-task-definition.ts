// The task-definition action of one job: create the family, register a new revision
// because the normalised content differs, or nothing.
import type { DesiredJob } from '../model/desired.js';
import type { LiveFamily } from '../model/live.js';
import type { PlanAction } from '../model/plan.js';
import { action } from './action.js';
import { diffValues, type SensitivePredicate } from './diff.js';
import { liveTaskDefinitionFields, normaliseTaskDefinition } from './normalise-task-definition.js';

export function planTaskDefinition(
  job: DesiredJob,
  family: LiveFamily | undefined,
  keepTag: (key: string) => boolean,
  isSensitive: SensitivePredicate,
): PlanAction {
  const want = normaliseTaskDefinition(job.taskDefinition, keepTag);
  const after = job.taskDefinition;
  if (!family) {
    const changes = diffValues(undefined, want, isSensitive);
    return action('create', 'taskDefinition', job.family, {
      job: job.name,
      reason: 'not in AWS',
      changes,
      after,
    });
  }
  const have = normaliseTaskDefinition(liveTaskDefinitionFields(family), keepTag);
  const changes = diffValues(have, want, isSensitive);
  const { arn, revision } = family.latest;
  if (changes.length === 0)
    return action('noop', 'taskDefinition', `${family.family}:${revision}`, { job: job.name, arn });
  return action('update', 'taskDefinition', job.family, { job: job.name, arn, changes, after });
}
