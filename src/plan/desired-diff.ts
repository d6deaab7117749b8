// Desired state against desired state: what a change to the manifests changes, job by job and
// field by field, with no AWS in sight. Both sides go through the planner's normalisers and
// differ, so what counts as "the same" here is exactly what counts as "in sync" in a plan.
import type { DesiredJob, DesiredState } from '../model/desired.js';
import type { PlanAction } from '../model/plan.js';
import type { DesiredDiff, JobDiff } from '../model/review.js';
import { action } from './action.js';
import { diffValues, type SensitivePredicate } from './diff.js';
import { compact, unordered } from './json.js';
import { normaliseSchedule } from './normalise-schedule.js';
import { tagFilter } from './normalise-tags.js';
import { normaliseTaskDefinition } from './normalise-task-definition.js';
import { scheduleNameOf } from './plan-job.js';
import { sensitiveEnvPredicate } from './sensitive.js';
import { timingChange } from './timing-change.js';

interface Side {
  state: DesiredState;
  job: DesiredJob;
}

/**
 * `base` undefined means "no berth config yet": every head job is added. With `now`, a schedule
 * whose timing changes carries its next runs before and after.
 */
export function diffDesired(base: DesiredState | undefined, head: DesiredState, now?: Date): DesiredDiff {
  const ignored = [...new Set([...(base?.ignoreTagKeys ?? []), ...head.ignoreTagKeys])];
  const keepTag = tagFilter(ignored);
  const before = new Map((base?.jobs ?? []).map((job) => [job.name, job]));
  const after = new Map(head.jobs.map((job) => [job.name, job]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();

  const jobs: JobDiff[] = [];
  let unchanged = 0;
  for (const name of names) {
    const b = before.get(name);
    const h = after.get(name);
    const d = diffJob(
      b && base ? { state: base, job: b } : undefined,
      h ? { state: head, job: h } : undefined,
      keepTag,
      now,
    );
    if (d) jobs.push(d);
    else unchanged += 1;
  }
  const count = (c: JobDiff['change']) => jobs.filter((j) => j.change === c).length;
  return {
    repository: base ? diffValues(repositoryView(base), repositoryView(head)) : [],
    jobs,
    summary: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged },
  };
}

/** True when the two revisions want different things. */
export function desiredDiffers(d: DesiredDiff): boolean {
  return d.repository.length > 0 || d.jobs.length > 0;
}

function diffJob(
  b: Side | undefined,
  h: Side | undefined,
  keepTag: (k: string) => boolean,
  now: Date | undefined,
): JobDiff | undefined {
  const either = (h ?? b) as Side;
  const name = either.job.name;
  const isSensitive = sensitiveEnvPredicate([
    ...new Set([...(b?.job.sensitiveEnv ?? []), ...(h?.job.sensitiveEnv ?? [])]),
  ]);
  const file = either.job.source.file;
  if (!b)
    return { job: name, change: 'added', file, actions: created(either, keepTag, isSensitive), settings: [] };
  if (!h) return { job: name, change: 'removed', file, actions: removed(b), settings: [] };

  const actions: PlanAction[] = [];
  const td = diffValues(
    normaliseTaskDefinition(b.job.taskDefinition, keepTag),
    normaliseTaskDefinition(h.job.taskDefinition, keepTag),
    isSensitive,
  );
  if (td.length > 0)
    actions.push(action('update', 'taskDefinition', h.job.family, { job: name, changes: td }));
  const schedule = scheduleAction(b, h, isSensitive, now);
  if (schedule) actions.push(schedule);
  const settings = diffValues({ sync: b.job.sync }, { sync: h.job.sync });
  if (actions.length === 0 && settings.length === 0) return undefined;
  return { job: name, change: 'changed', file, actions, settings };
}

function created(h: Side, keepTag: (k: string) => boolean, isSensitive: SensitivePredicate): PlanAction[] {
  const f = { job: h.job.name, reason: 'new job' };
  const td = normaliseTaskDefinition(h.job.taskDefinition, keepTag);
  const out = [
    action('create', 'taskDefinition', h.job.family, {
      ...f,
      changes: diffValues(undefined, td, isSensitive),
    }),
  ];
  if (h.job.schedule) {
    const changes = diffValues(undefined, normaliseSchedule(h.job.schedule), isSensitive);
    out.push(action('create', 'schedule', scheduleNameOf(h.job, h.state), { ...f, changes }));
  }
  return out;
}

/** A removed job is named, not listed field by field: every field would only say "gone". */
function removed(b: Side): PlanAction[] {
  const f = { job: b.job.name, reason: 'job removed' };
  const out = [action('delete', 'taskDefinition', b.job.family, f)];
  if (b.job.schedule) out.push(action('delete', 'schedule', scheduleNameOf(b.job, b.state), f));
  return out;
}

function scheduleAction(
  b: Side,
  h: Side,
  isSensitive: SensitivePredicate,
  now: Date | undefined,
): PlanAction | undefined {
  const f = { job: h.job.name };
  const name = scheduleNameOf(h.job, h.state);
  if (!b.job.schedule && !h.job.schedule) return undefined;
  if (!h.job.schedule)
    return action('delete', 'schedule', scheduleNameOf(b.job, b.state), { ...f, reason: 'schedule removed' });
  const want = normaliseSchedule(h.job.schedule);
  if (!b.job.schedule)
    return action('create', 'schedule', name, {
      ...f,
      reason: 'schedule added',
      changes: diffValues(undefined, want, isSensitive),
    });
  const changes = diffValues(normaliseSchedule(b.job.schedule), want, isSensitive);
  if (changes.length === 0) return undefined;
  const timing = timingChange(b.job.schedule, h.job.schedule, now);
  return action('update', 'schedule', name, { ...f, changes, ...(timing ? { timing } : {}) });
}

/** The repository-wide settings a reviewer should see change (ownership, names, guards). */
function repositoryView(d: DesiredState): unknown {
  return compact({
    owner: d.owner,
    region: d.region,
    clusterArn: d.clusterArn,
    scheduleGroup: d.scheduleGroup,
    groupTags: d.groupTags,
    namePrefix: d.namePrefix,
    keepRevisions: d.keepRevisions,
    prune: d.prune,
    ignoreTagKeys: unordered(d.ignoreTagKeys),
  });
}
