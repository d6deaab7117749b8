// Plan counts: one per action; unchanged job resources count as noop, the group only when it changes.
import type { JobPlan, PlanAction, PlanSummary } from '../model/plan.js';

export function summarise(
  groupAction: PlanAction,
  jobs: readonly JobPlan[],
  previousGroups: readonly PlanAction[] = [],
): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, delete: 0, noop: 0, conflicts: 0 };
  for (const g of [groupAction, ...previousGroups]) if (g.kind !== 'noop') s[g.kind] += 1;
  for (const j of jobs) {
    if (j.status === 'Conflict') s.conflicts += 1;
    for (const a of j.actions) s[a.kind] += 1;
  }
  return s;
}
