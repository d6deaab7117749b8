// Which planned jobs a cycle may change. The planner says what differs; this says whether the
// controller acts on it: git changes are applied when sync is automatic, out-of-band drift only
// when self-heal is on, orphans only when prune is on, suspended jobs never.
import type { DesiredJob } from '../model/desired.js';
import type { JobPlan, PlanAction } from '../model/plan.js';

export interface SyncPolicy {
  /** Apply git changes without a person (false: report only, like `berth plan`). */
  auto: boolean;
  /** Revert out-of-band changes of every job (a job's spec.sync.selfHeal turns it on for that job). */
  selfHeal: boolean;
  /** Delete what berth owns but git no longer has (berth.yaml prune settings still apply). */
  prune: boolean;
}

/** What kind of difference a job has. */
export type ChangeKind = 'none' | 'git' | 'drift' | 'orphan' | 'blocked';
export type Decision = 'apply' | 'report' | 'leave';

export interface JobDecision {
  job: string;
  status: JobPlan['status'];
  kind: ChangeKind;
  decision: Decision;
  /** For people: why berth does (not) act. */
  reason: string;
}

export interface DecideContext {
  /** The job carried spec.sync.preventDestroy in a revision this controller applied. */
  preventDestroy: boolean;
  /** Why no orphan may be pruned now (a rewritten history not yet confirmed), if so. */
  pruneHeld?: string;
}

/**
 * Which side moved is the plan's to say (each changing action's origin, from the applied-state
 * record berth keeps in AWS: docs/ownership-and-state.md), so a restart, a crash or a second
 * replica changes nothing here: a git change is applied however the last apply ended.
 */
export function decideJob(
  plan: JobPlan,
  job: DesiredJob | undefined,
  policy: SyncPolicy,
  ctx: DecideContext,
): JobDecision {
  const base = { job: plan.job, status: plan.status };
  const pending = plan.actions.filter((a) => a.kind !== 'noop');
  const act = (kind: ChangeKind, allowed: boolean, why: string, whyNot: string): JobDecision => ({
    ...base,
    kind,
    decision: allowed ? 'apply' : 'report',
    reason: allowed ? why : whyNot,
  });
  const heal = policy.selfHeal || job?.sync.selfHeal === true;

  switch (plan.status) {
    case 'Suspended':
      return { ...base, kind: 'none', decision: 'leave', reason: 'sync.suspend is set' };
    case 'Conflict':
    case 'Failed':
      return { ...base, kind: 'blocked', decision: 'report', reason: plan.message ?? plan.status };
    case 'Completed':
      return { ...base, kind: 'none', decision: 'leave', reason: 'one-time schedule has fired' };
    case 'Orphan':
      if (pending.length === 0)
        return { ...base, kind: 'orphan', decision: 'report', reason: plan.message ?? 'not pruned' };
      // Added to berth's group by hand, not left behind by git: drift, reverted by self-heal.
      if (pending.every((a) => a.origin === 'aws'))
        return act('drift', policy.auto && policy.selfHeal, 'added in AWS: self-heal', healOff(policy));
      if (ctx.preventDestroy)
        return { ...base, kind: 'orphan', decision: 'report', reason: 'spec.sync.preventDestroy was set' };
      if (ctx.pruneHeld) return { ...base, kind: 'orphan', decision: 'report', reason: ctx.pruneHeld };
      return act('orphan', policy.auto && policy.prune, 'not in git: pruned', pruneOff(policy));
    case 'Drifted':
      return act('drift', policy.auto && heal, 'out-of-band change: self-heal', healOff(policy));
    case 'OutOfSync':
    case 'Missing':
      // A rename deletes the old copy: without prune the job would run twice, so nothing moves.
      if (movesOldCopy(plan) && !policy.prune)
        return act(
          'git',
          false,
          '',
          policy.auto ? 'prune is off: the old copy would stay and the job run twice' : 'sync is manual',
        );
      return act('git', policy.auto, 'changed in git', 'sync is manual');
    case 'InSync':
      // In sync, with berth's own housekeeping due (old revisions, its applied-state record).
      if (pending.length > 0) return act('git', policy.auto, housekeepingReason(pending), 'sync is manual');
      return { ...base, kind: 'none', decision: 'leave', reason: 'in sync' };
  }
}

const movesOldCopy = (plan: JobPlan) =>
  plan.actions.some((a) => a.resource === 'schedule' && a.kind === 'delete' && a.reason?.startsWith('moved'));

function housekeepingReason(pending: readonly PlanAction[]): string {
  return pending.every((a) => a.resource === 'taskDefinitionRevision')
    ? 'old revisions to deregister'
    : 'berth records what it applied';
}

const pruneOff = (p: SyncPolicy) => (p.auto ? 'prune is off: reported only' : 'sync is manual');
const healOff = (p: SyncPolicy) => (p.auto ? 'self-heal is off: reported only' : 'sync is manual');

/** The plan restricted to the jobs a cycle applies (applyPlan acts on every job it is given). */
export function selectJobs<P extends { jobs: JobPlan[] }>(plan: P, decisions: readonly JobDecision[]): P {
  const apply = new Set(decisions.filter((d) => d.decision === 'apply').map((d) => d.job));
  return { ...plan, jobs: plan.jobs.filter((j) => apply.has(j.job)) };
}
