// The task-definition action of one job: which revision the job runs (an ACTIVE revision of
// berth's with git's content, rollbacks included), or register one because none has it; then
// the tags of the revision it runs (TagResource on it: a tag-only change costs no revision).
import type { DesiredJob } from '../model/desired.js';
import type { LiveFamily, LiveRevision } from '../model/live.js';
import type { PlanAction } from '../model/plan.js';
import { action } from './action.js';
import { diffValues, type SensitivePredicate } from './diff.js';
import type { FamilyView } from './family-view.js';
import { deepEqual } from './json.js';
import { tagMap } from './normalise-tags.js';
import { normaliseTaskDefinition, type TaskDefinitionFields } from './normalise-task-definition.js';
import { tagsHash, writtenTags } from './record.js';
import { TAG } from '../model/desired.js';

export interface TaskDefinitionStep {
  action: PlanAction;
  /** The existing revision the job runs when nothing is registered. */
  target?: LiveRevision;
  /** What the register diff was taken against (the revision AWS runs now, or the newest). */
  base?: LiveRevision;
}

const NO_TAGS = () => false;
const fieldsOf = (r: LiveRevision): TaskDefinitionFields =>
  ({ ...r.description, tags: r.tags }) as TaskDefinitionFields;

export function planTaskDefinition(
  job: DesiredJob,
  family: LiveFamily | undefined,
  view: FamilyView | undefined,
  opts: {
    pinned: LiveRevision | undefined;
    keepTag: (key: string) => boolean;
    isSensitive: SensitivePredicate;
  },
): TaskDefinitionStep {
  const want = normaliseTaskDefinition(job.taskDefinition, opts.keepTag);
  const after = job.taskDefinition;
  if (!family || !view) {
    const changes = diffValues(undefined, want, opts.isSensitive);
    return {
      action: action('create', 'taskDefinition', job.family, {
        job: job.name,
        reason: 'not in AWS',
        changes,
        after,
      }),
    };
  }
  const target = chooseTarget(job, family, view, opts.pinned);
  if (target)
    return {
      action: action('noop', 'taskDefinition', `${family.family}:${target.revision}`, {
        job: job.name,
        arn: target.arn,
      }),
      target,
    };
  // What AWS has now: a revision registered on top by hand, else the one the schedule runs.
  const inFamily = opts.pinned && opts.pinned.family === family.family ? opts.pinned : undefined;
  const base = view.foreignLatest ?? inFamily ?? view.head ?? view.mine[0];
  const have = base ? normaliseTaskDefinition(fieldsOf(base), opts.keepTag) : undefined;
  const changes = diffValues(have, want, opts.isSensitive);
  return {
    action: action('update', 'taskDefinition', job.family, {
      job: job.name,
      arn: base?.arn ?? family.latest.arn,
      changes,
      after,
    }),
    ...(base ? { base } : {}),
  };
}

/**
 * The revision to run without registering: one of berth's ACTIVE revisions whose content is
 * git's. A scheduled job keeps the one its schedule pins, or goes back to the newest such (a
 * rollback repins instead of registering a copy); a job without a schedule runs the latest
 * revision (`berth run` starts it), so that one must be it. None while the latest ACTIVE
 * revision is not berth's: berth registers its own on top.
 */
function chooseTarget(
  job: DesiredJob,
  family: LiveFamily,
  view: FamilyView,
  pinned: LiveRevision | undefined,
): LiveRevision | undefined {
  if (view.foreignLatest) return undefined;
  const want = normaliseTaskDefinition(job.taskDefinition, NO_TAGS);
  const candidates = view.mine.filter(
    (r) => r.active && deepEqual(normaliseTaskDefinition(fieldsOf(r), NO_TAGS), want),
  );
  if (!job.schedule) {
    const newest = candidates[0];
    return newest && newest.revision === family.latest.revision ? newest : undefined;
  }
  return candidates.find((r) => r.arn === pinned?.arn) ?? candidates[0];
}

/** The tags git wants on the revision a job runs, when they differ (TagResource / UntagResource). */
export function planRevisionTags(
  job: DesiredJob,
  target: LiveRevision,
  opts: { keepTag: (key: string) => boolean },
): PlanAction | undefined {
  const want = tagMap(job.taskDefinition.tags, opts.keepTag);
  const have = tagMap(target.tags, opts.keepTag);
  const changes = diffValues({ tags: have }, { tags: want });
  if (changes.length === 0) return undefined;
  return action('update', 'taskDefinitionTags', `${target.family}:${target.revision}`, {
    job: job.name,
    arn: target.arn,
    changes,
    after: tagWrite(job, target, opts.keepTag),
  });
}

/** What TagResource / UntagResource send: every tag git wants (commit left as registered), the hash. */
export interface TagWrite {
  set: Record<string, string>;
  remove: string[];
}

export function tagWrite(job: DesiredJob, target: LiveRevision, keepTag: (key: string) => boolean): TagWrite {
  const set: Record<string, string> = {
    ...writtenTags(job.taskDefinition.tags),
    [TAG.hash]: job.contentHash,
    [TAG.tagsHash]: tagsHash(job.taskDefinition.tags),
  };
  const remove = Object.keys(target.tags).filter((k) => keepTag(k) && !(k in set));
  return { set, remove: remove.sort() };
}

/** The tags berth would leave on the revision equal what it wrote (see plan/record.ts). */
export function tagsRecorded(job: DesiredJob, target: LiveRevision): boolean {
  return target.tags[TAG.tagsHash] === tagsHash(job.taskDefinition.tags);
}
