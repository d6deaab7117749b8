// Which planned jobs a cycle may change. The planner says what differs; this says whether the
// controller acts on it: git changes are applied when sync is automatic, out-of-band drift only
// when self-heal is on, orphans only when prune is on, suspended jobs never.
import type { DesiredJob } from '../model/desired.js';
import type { JobPlan } from '../model/plan.js';

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
  /** The job's desired content changed since it was last seen converged (see baselines.ts). */
  gitChanged: boolean;
  /** The job carried spec.sync.preventDestroy in a revision this controller applied. */
  preventDestroy: boolean;
  /** Why no orphan may be pruned now (a rewritten history not yet confirmed), if so. */
  pruneHeld?: string;
  /** Not seen converged since the controller started: its baseline is a guess (see baselines.ts). */
  unconfirmed?: boolean;
}

export function decideJob(
  plan: JobPlan,
  job: DesiredJob | undefined,
  policy: SyncPolicy,
  ctx: DecideContext,
): JobDecision {
  const base = { job: plan.job, status: plan.status };
  const pending = plan.actions.some((a) => a.kind !== 'noop');
  const act = (kind: ChangeKind, allowed: boolean, why: string, whyNot: string): JobDecision => ({
    ...base,
    kind,
    decision: allowed ? 'apply' : 'report',
    reason: allowed ? why : whyNot,
  });

  switch (plan.status) {
    case 'Suspended':
      return { ...base, kind: 'none', decision: 'leave', reason: 'sync.suspend is set' };
    case 'Conflict':
    case 'Failed':
      return { ...base, kind: 'blocked', decision: 'report', reason: plan.message ?? plan.status };
    case 'Completed':
      return { ...base, kind: 'none', decision: 'leave', reason: 'one-time schedule has fired' };
    case 'Orphan':
      if (!pending)
        return { ...base, kind: 'orphan', decision: 'report', reason: plan.message ?? 'not pruned' };
      if (ctx.preventDestroy)
        return { ...base, kind: 'orphan', decision: 'report', reason: 'spec.sync.preventDestroy was set' };
      if (ctx.pruneHeld) return { ...base, kind: 'orphan', decision: 'report', reason: ctx.pruneHeld };
      return act('orphan', policy.auto && policy.prune, 'not in git: pruned', pruneOff(policy));
    case 'Drifted':
      if (ctx.unconfirmed && unfinishedApply(plan))
        return act(
          'git',
          policy.auto,
          'an apply cut short: the schedule follows the newest revision',
          'sync is manual',
        );
      if (!ctx.gitChanged) {
        const heal = policy.selfHeal || job?.sync.selfHeal === true;
        return act('drift', policy.auto && heal, 'out-of-band change: self-heal', healOff(policy));
      }
      return act('git', policy.auto, 'changed in git', 'sync is manual');
    case 'OutOfSync':
    case 'Missing':
      return act('git', policy.auto, 'changed in git', 'sync is manual');
    case 'InSync':
      // In sync, but old revisions beyond keepRevisions are due: housekeeping that follows git.
      if (pending) return act('git', policy.auto, 'old revisions to deregister', 'sync is manual');
      return { ...base, kind: 'none', decision: 'leave', reason: 'in sync' };
  }
}

const ARN_PATH = '/Target/EcsParameters/TaskDefinitionArn';

/**
 * A crash between RegisterTaskDefinition and Create/UpdateSchedule leaves the newest revision
 * equal to git (so the plan says Drifted, not OutOfSync or Missing) and the schedule missing or
 * pinned to an older revision. Found before the controller has seen the job converged, that is
 * berth's own apply cut short (by a crash, or by an error before a restart), not an edit to
 * respect: it is finished, self-heal or not.
 */
function unfinishedApply(plan: JobPlan): boolean {
  if (plan.actions.some((a) => a.resource === 'taskDefinition' && a.kind !== 'noop')) return false;
  return plan.actions.some(
    (a) =>
      a.resource === 'schedule' &&
      (a.kind === 'create' || (a.kind === 'update' && a.changes.some((c) => c.path === ARN_PATH))),
  );
}

const pruneOff = (p: SyncPolicy) => (p.auto ? 'prune is off: reported only' : 'sync is manual');
const healOff = (p: SyncPolicy) => (p.auto ? 'self-heal is off: reported only' : 'sync is manual');

/** The plan restricted to the jobs a cycle applies (applyPlan acts on every job it is given). */
export function selectJobs<P extends { jobs: JobPlan[] }>(plan: P, decisions: readonly JobDecision[]): P {
  const apply = new Set(decisions.filter((d) => d.decision === 'apply').map((d) => d.job));
  return { ...plan, jobs: plan.jobs.filter((j) => apply.has(j.job)) };
}
