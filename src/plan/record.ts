// berth's applied-state record, kept in AWS next to what it describes (docs/ownership-and-state.md):
//   berth:applied   on berth's newest revision of a job: `<content hash>:<schedule hash>` of the
//                   schedule berth last wrote, written after the write;
//   berth:tags-hash on each revision and on the group: the hash of the tags berth last wrote there.
// When AWS differs from git, a record equal to git's version means berth already wrote git's
// version, so AWS moved (drift); anything else (a different or a missing record) means git moved.
// Pure: the hashes are functions of the desired inputs only.
import { contentHash } from '../desired/hash.js';
import type { EcsTag, ScheduleInput } from '../model/aws-types.js';
import { RECORD_TAG_KEYS, TAG, VOLATILE_TAG_KEYS, type DesiredJob } from '../model/desired.js';
import { normaliseSchedule } from './normalise-schedule.js';

/** The schedule hash of a job without a schedule. */
export const NO_SCHEDULE = '-';

export interface AppliedRecord {
  /** Content hash of the revision the schedule was pinned to. */
  content: string;
  /** scheduleHash of the schedule written. */
  schedule: string;
}

/**
 * Hash of a schedule as berth writes it, without the revision it pins (which the content hash
 * stands for): normalised, so what AWS fills in never makes two equal schedules differ.
 */
export function scheduleHash(schedule: ScheduleInput | undefined): string {
  if (!schedule) return NO_SCHEDULE;
  const ecs = schedule.Target?.EcsParameters;
  const unpinned: ScheduleInput =
    schedule.Target && ecs
      ? { ...schedule, Target: { ...schedule.Target, EcsParameters: { ...ecs, TaskDefinitionArn: '' } } }
      : schedule;
  return contentHash(normaliseSchedule(unpinned));
}

export function recordOf(job: DesiredJob): AppliedRecord {
  return { content: job.contentHash, schedule: scheduleHash(job.schedule) };
}

export function formatRecord(r: AppliedRecord): string {
  return `${r.content}:${r.schedule}`;
}

export function parseRecord(value: string | undefined): AppliedRecord | undefined {
  const m = /^([0-9a-f]+):([0-9a-f]+|-)$/.exec(value ?? '');
  return m ? { content: m[1] as string, schedule: m[2] as string } : undefined;
}

export function sameRecord(a: AppliedRecord | undefined, b: AppliedRecord): boolean {
  return a !== undefined && a.content === b.content && a.schedule === b.schedule;
}

const UNHASHED = new Set<string>([...VOLATILE_TAG_KEYS, ...RECORD_TAG_KEYS, TAG.hash]);

/** The tags berth writes on a resource, as a map, without the ones that are not the user's to compare. */
export function writtenTags(
  tags: readonly EcsTag[] | Record<string, string> | undefined,
): Record<string, string> {
  const entries = Array.isArray(tags)
    ? (tags as readonly EcsTag[]).map((t) => [t.key, t.value] as const)
    : Object.entries((tags ?? {}) as Record<string, string>);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (k !== undefined && v !== undefined && !UNHASHED.has(k)) out[k] = v;
  return out;
}

/** berth:tags-hash of a tag set (commit, content hash and the record itself left out). */
export function tagsHash(tags: readonly EcsTag[] | Record<string, string> | undefined): string {
  return contentHash(writtenTags(tags));
}
