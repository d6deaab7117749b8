// The schedule groups: berth's group made before any schedule goes in, its tags brought in line
// after every job (the namePrefix it records may only move once the old copies are gone), and
// groups left empty by a rename deleted last, each only if it is still empty.
import { TAG, type DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LiveState } from '../model/live.js';
import type { Plan, PlanAction } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import type { TagWrite } from '../plan/plan-task-definition.js';
import type { ApplyResult, ApplyStep } from '../model/apply.js';

export async function ensureGroup(
  plan: Plan,
  desired: DesiredState,
  live: LiveState,
  ports: AwsPorts,
): Promise<{ status: ApplyResult['group']; error?: string }> {
  if (live.group.status === 'unowned' || live.group.status === 'foreign') return { status: 'conflict' };
  if (plan.groupAction.kind !== 'create') return { status: 'unchanged' };
  const tags =
    (plan.groupAction.after as { Tags?: Record<string, string> } | undefined)?.Tags ?? desired.groupTags;
  try {
    await ports.scheduler.createScheduleGroup(desired.scheduleGroup, tags);
    return { status: 'created' };
  } catch (err) {
    // A group that appeared meanwhile is fine only if it is ours; the next plan will tell.
    if (err instanceof BerthError && err.code === 'Conflict') {
      const g = await ports.scheduler.getScheduleGroup(desired.scheduleGroup);
      if (g && g.tags[TAG.owner] === desired.owner) return { status: 'unchanged' };
    }
    return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
}

/** TagResource + UntagResource on berth's group. Returns an error message, or undefined. */
export async function updateGroupTags(a: PlanAction, ports: AwsPorts): Promise<string | undefined> {
  const w = a.after as TagWrite | undefined;
  if (a.kind !== 'update' || !w || !a.arn) return undefined;
  try {
    if (Object.keys(w.set).length > 0) await ports.scheduler.tagResource(a.arn, w.set);
    if (w.remove.length > 0) await ports.scheduler.untagResource(a.arn, w.remove);
    return undefined;
  } catch (err) {
    return `schedule group tags not updated: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** True when the update moves the namePrefix the group records (old copies must be gone first). */
export function movesPrefix(a: PlanAction): boolean {
  return a.changes.some((c) => c.path === `/Tags/${TAG.namePrefix}`);
}

/** Deletes each group left empty by a rename, after checking it is empty now. */
export async function retireGroups(groups: readonly PlanAction[], ports: AwsPorts): Promise<ApplyStep[]> {
  const steps: ApplyStep[] = [];
  for (const g of groups) {
    if (g.kind !== 'delete') continue;
    try {
      const left = await ports.scheduler.listSchedules(g.name);
      if (left.length > 0) {
        const names = left.map((s) => s.Name).join(', ');
        steps.push({
          step: 'delete-group',
          name: g.name,
          ok: false,
          error: `not empty (${names}): left in place`,
        });
        continue;
      }
      await ports.scheduler.deleteScheduleGroup(g.name);
      steps.push({ step: 'delete-group', name: g.name, ...(g.arn ? { arn: g.arn } : {}), ok: true });
    } catch (err) {
      if (err instanceof BerthError && err.code === 'NotFound') continue;
      steps.push({
        step: 'delete-group',
        name: g.name,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return steps;
}
