// Requests are built purely, sent thinly (house rule 3): the exact SDK inputs apply sends.
import { createHash } from 'node:crypto';
import type { ScheduleInput, TaskDefinitionInput } from '../model/aws-types.js';
import { PENDING_REVISION, TAG } from '../model/desired.js';
import type { DesiredJob } from '../model/desired.js';
import { tagsHash } from '../plan/record.js';

/**
 * The RegisterTaskDefinition input, stamped with the source commit when known and with the hash
 * of the tags it carries (berth's record of the tags it wrote: a later difference that keeps
 * the hash is an edit in AWS, one that does not is a change in git).
 */
export function registerInput(job: DesiredJob, revision: string | undefined): TaskDefinitionInput {
  const own = new Set<string>([TAG.commit, TAG.tagsHash]);
  const tags = (job.taskDefinition.tags ?? []).filter((t) => !own.has(t.key ?? ''));
  if (revision) tags.push({ key: TAG.commit, value: revision });
  tags.push({ key: TAG.tagsHash, value: tagsHash(job.taskDefinition.tags) });
  tags.sort((a, b) => String(a.key).localeCompare(String(b.key)));
  return { ...job.taskDefinition, tags };
}

/** The schedule input pinned to an exact revision ARN (never the family alone, never the marker). */
export function pinnedSchedule(input: ScheduleInput, revisionArn: string | undefined): ScheduleInput {
  const ecs = input.Target?.EcsParameters;
  if (!input.Target || !ecs) return input;
  const current = ecs.TaskDefinitionArn;
  const needsPin = current === PENDING_REVISION || (current !== undefined && !/:\d+$/.test(current));
  if (!needsPin) return input;
  if (!revisionArn) throw new Error(`schedule ${input.Name}: no task-definition revision to point at`);
  return { ...input, Target: { ...input.Target, EcsParameters: { ...ecs, TaskDefinitionArn: revisionArn } } };
}

/**
 * Idempotency token for CreateSchedule: the same schedule content gives the same token,
 * so a create retried after a lost response cannot make a second schedule.
 */
export function scheduleClientToken(input: ScheduleInput): string {
  const canonical = JSON.stringify(input, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 64);
}
