// Which part of head's plan a change causes. Whatever applying base would do as well (the same
// action, or the same field change) was there before the change: drift, a base never applied,
// an orphan left behind. Reviewers see that apart, so nobody is blamed for it.
import type { FieldChange, JobPlan, Plan, PlanAction, SyncStatus } from '../model/plan.js';
import { action } from './action.js';
import { deepEqual } from './json.js';
import { summarise } from './summary.js';

/** Statuses that carry no actions but still tell a reviewer something. */
const TELLING: ReadonlySet<SyncStatus> = new Set(['Conflict', 'Suspended', 'Completed', 'Failed']);

/** Head's plan without what base's plan holds too; jobs left with nothing to say are dropped. */
export function attributeToChange(head: Plan, base: Plan): Plan {
  const baseJobs = new Map(base.jobs.map((j) => [j.job, j]));
  const jobs = head.jobs.flatMap((j) => {
    const kept = attributeJob(j, baseJobs.get(j.job));
    return kept ? [kept] : [];
  });
  const groupAction = sameAction(head.groupAction, base.groupAction)
    ? action('noop', 'scheduleGroup', head.groupAction.name)
    : head.groupAction;
  return {
    ...head,
    groupAction,
    jobs,
    warnings: head.warnings.filter((w) => !base.warnings.includes(w)),
    summary: summarise(groupAction, jobs, head.previousGroups),
  };
}

function attributeJob(h: JobPlan, b: JobPlan | undefined): JobPlan | undefined {
  if (!b) return h;
  const actions = h.actions.flatMap((a) => {
    const kept = attributeAction(a, b.actions);
    return kept ? [kept] : [];
  });
  const changing = actions.some((a) => a.kind !== 'noop');
  const news = TELLING.has(h.status) && (h.status !== b.status || h.message !== b.message);
  return changing || news ? { ...h, actions } : undefined;
}

function attributeAction(a: PlanAction, baseActions: readonly PlanAction[]): PlanAction | undefined {
  if (a.kind === 'noop') return a;
  const twin = baseActions.find((b) => b.resource === a.resource && b.kind === a.kind && b.name === a.name);
  if (!twin) return a;
  // Creates and deletes are one piece: if anything in them differs, the whole action is the change's.
  if (a.kind !== 'update') return deepEqual(a.changes, twin.changes) ? undefined : a;
  const changes = a.changes.filter((c) => !twin.changes.some((t) => sameChange(c, t)));
  return changes.length > 0 ? { ...a, changes } : undefined;
}

function sameAction(a: PlanAction, b: PlanAction): boolean {
  return a.kind !== 'noop' && a.kind === b.kind && a.name === b.name && deepEqual(a.changes, b.changes);
}

const sameChange = (a: FieldChange, b: FieldChange) =>
  a.path === b.path && deepEqual(a.before, b.before) && deepEqual(a.after, b.after);
