// Which side moved, per changing action, told apart by the applied-state record (plan/record.ts):
// where AWS differs from git but berth's record says it already wrote git's version, AWS moved
// (drift); otherwise git moved (a change auto-sync applies). A missing record errs towards git,
// so an interrupted apply is always finished, never mistaken for an edit to respect.
import { TAG, type DesiredJob } from '../model/desired.js';
import type { LiveFamily, LiveRevision } from '../model/live.js';
import type { ActionOrigin, PlanAction, SyncStatus } from '../model/plan.js';
import { parseTaskDefinitionArn } from '../model/task-definition-arn.js';
import { action } from './action.js';
import { isMine, type FamilyView } from './family-view.js';
import { tagsRecorded } from './plan-task-definition.js';
import { parseRecord, recordOf, sameRecord, type AppliedRecord } from './record.js';

export interface OriginContext {
  job: DesiredJob;
  view: FamilyView | undefined;
  target: LiveRevision | undefined;
  pinned: LiveRevision | undefined;
  /** The revision ARN berth's schedule for this job points at, read or not. */
  pinnedArn?: string | undefined;
  owner: string;
}

export function withOrigins(actions: readonly PlanAction[], ctx: OriginContext): PlanAction[] {
  return actions.map((a) => {
    if (a.kind === 'noop') return a;
    const origin = originOf(a, ctx);
    const reason = a.reason ?? defaultReason(a, origin);
    return action(a.kind, a.resource, a.name, { ...a, ...(reason ? { reason } : {}), origin });
  });
}

function originOf(a: PlanAction, ctx: OriginContext): ActionOrigin {
  const { job, view } = ctx;
  // Without a family left, the revision the schedule still pins (deregistered) holds the record.
  const record = view ? view.record : pinnedRecord(ctx);
  switch (a.resource) {
    case 'taskDefinition': {
      if (!view) {
        if (record) return record.content === job.contentHash ? 'aws' : 'git';
        // The family is gone (every revision deleted) under a schedule that still pins one of
        // them: berth never deletes a revision a schedule pins, so AWS moved. The record went
        // with it; the schedule's repin stays a git change, so auto-sync still restores the job.
        return pinsOwnFamily(ctx) ? 'aws' : 'git';
      }
      // git's content was applied (the record, or berth's newest revision, says so) and is gone
      // from what runs: registered over by hand, or deregistered by hand.
      const applied = record ? record.content : view.foreignLatest ? view.head?.tags[TAG.hash] : undefined;
      return applied === job.contentHash ? 'aws' : 'git';
    }
    case 'taskDefinitionTags':
      return ctx.target && tagsRecorded(job, ctx.target) ? 'aws' : 'git';
    case 'schedule':
      if (a.kind === 'delete') return 'git';
      return sameRecord(record, recordOf(job)) ? 'aws' : 'git';
    default:
      return 'git';
  }
}

/** The schedule pins a revision of the job's own family that AWS no longer has at all. */
function pinsOwnFamily(ctx: OriginContext): boolean {
  if (ctx.pinned || !ctx.pinnedArn) return false;
  return parseTaskDefinitionArn(ctx.pinnedArn)?.family === ctx.job.family;
}

function pinnedRecord(ctx: OriginContext): AppliedRecord | undefined {
  const p = ctx.pinned;
  return p && isMine(p.tags, ctx.owner) ? parseRecord(p.tags[TAG.applied]) : undefined;
}

function defaultReason(a: PlanAction, origin: ActionOrigin): string | undefined {
  if (origin === 'git') return 'manifest changed';
  if (origin === 'aws') return a.resource === 'taskDefinition' ? 'out-of-band change' : 'differs from git';
  return undefined;
}

/** OutOfSync (Missing without a family) when git moved anywhere; Drifted when only AWS did. */
export function statusOf(family: LiveFamily | undefined, actions: readonly PlanAction[]): SyncStatus {
  const pending = actions.filter((a) => a.kind !== 'noop');
  if (pending.some((a) => a.origin === 'git')) return family ? 'OutOfSync' : 'Missing';
  if (pending.some((a) => a.origin === 'aws')) return 'Drifted';
  return 'InSync';
}
