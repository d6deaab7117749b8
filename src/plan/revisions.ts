// Which ACTIVE revisions a plan deregisters: beyond keepRevisions, or all of an orphan's, and
// never one a schedule still points at (a schedule pinning family:N breaks once N is INACTIVE).
import type { LiveRevisionRef, LiveSchedule, LiveState } from '../model/live.js';
import type { ActionOrigin, PlanAction } from '../model/plan.js';
import { revisionKey } from '../model/task-definition-arn.js';
import { action } from './action.js';
import { scheduleKey } from './moves.js';

/** family:revision from a task-definition ARN (…:task-definition/family:12). */
export { revisionKey };

/**
 * Revisions (family:revision) schedules will reference once this plan is applied: a schedule
 * the plan deletes references nothing; one it creates or updates references its new pin
 * (the pending new revision counts as none of the existing ones); the rest keep their live pin.
 * Schedules are named as plans name them: by name in the configured group, "group/name" in any
 * other group berth owns.
 */
export function referencedRevisions(
  live: LiveState,
  deletedSchedules: ReadonlySet<string>,
  repinned: ReadonlyMap<string, string> = new Map(),
  configured: string = live.group.name,
): Set<string> {
  const out = new Set<string>();
  const all: LiveSchedule[] = [...Object.values(live.schedules), ...(live.previous?.schedules ?? [])];
  for (const s of all) {
    const name = scheduleKey(s, configured);
    if (deletedSchedules.has(name) || repinned.has(name)) continue;
    const key = revisionKey(s.description.Target?.EcsParameters?.TaskDefinitionArn ?? '');
    if (key) out.add(key);
  }
  for (const arn of repinned.values()) {
    const key = revisionKey(arn);
    if (key) out.add(key);
  }
  return out;
}

const unreferenced = (referenced: ReadonlySet<string>) => (r: LiveRevisionRef) =>
  !referenced.has(`${r.family}:${r.revision}`);

/**
 * Oldest-first victims beyond the newest `keep` (at least 1). A revision about to be
 * registered takes one of the kept places, so the oldest kept one falls out.
 */
export function revisionsBeyondKeep(
  active: readonly LiveRevisionRef[],
  keep: number,
  registersNew: boolean,
  referenced: ReadonlySet<string>,
): LiveRevisionRef[] {
  const places = Math.max(1, keep) - (registersNew ? 1 : 0);
  return [...active]
    .sort((a, b) => b.revision - a.revision)
    .slice(places)
    .filter(unreferenced(referenced))
    .reverse();
}

/** Every revision of a family that no remaining schedule points at, oldest first. */
export function unreferencedRevisions(
  active: readonly LiveRevisionRef[],
  referenced: ReadonlySet<string>,
): LiveRevisionRef[] {
  return [...active].sort((a, b) => a.revision - b.revision).filter(unreferenced(referenced));
}

export function deregisterAction(
  job: string,
  r: LiveRevisionRef,
  reason: string,
  origin: ActionOrigin,
): PlanAction {
  return action('delete', 'taskDefinitionRevision', `${r.family}:${r.revision}`, {
    job,
    arn: r.arn,
    reason,
    origin,
  });
}
