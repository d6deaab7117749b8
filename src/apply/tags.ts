// Tag writes apply makes without registering anything: a revision's tags following git
// (TagResource + UntagResource on the existing revision), and berth's applied-state record,
// written right after the schedule write it describes (plan/record.ts).
import { TAG } from '../model/desired.js';
import type { DesiredJob } from '../model/desired.js';
import type { PlanAction } from '../model/plan.js';
import { revisionKey } from '../model/task-definition-arn.js';
import { familyView } from '../plan/family-view.js';
import type { TagWrite } from '../plan/plan-task-definition.js';
import { formatRecord, recordOf } from '../plan/record.js';
import type { JobContext } from './execute-job.js';
import { step } from './step.js';

/** TagResource, then UntagResource, on an existing revision, as the plan's action says. */
export async function writeRevisionTags(a: PlanAction, ctx: JobContext): Promise<void> {
  const w = a.after as TagWrite | undefined;
  const arn = a.arn;
  if (!w || !arn) return;
  if (Object.keys(w.set).length > 0)
    await step(ctx, 'tag', a.name, () => ctx.ports.ecs.tagResource(arn, w.set));
  if (w.remove.length > 0) await step(ctx, 'untag', a.name, () => ctx.ports.ecs.untagResource(arn, w.remove));
  ctx.forget(arn);
  ctx.record({ step: 'tag', name: a.name, arn, ok: true });
}

/**
 * After a schedule write: the record on berth's newest revision of the job (the one just
 * registered, or the family's head). Written after the write, so a process that dies in between
 * leaves an old or no record: the next plan then calls the difference a git change and
 * finishes the job, never reports berth's own write as drift.
 */
export async function writeRecord(
  job: DesiredJob,
  registered: string | undefined,
  ctx: JobContext,
): Promise<void> {
  const family = ctx.live.families[job.family];
  const head = registered ?? (family ? familyView(family, ctx.desired.owner).head?.arn : undefined);
  if (!head) return;
  const name = revisionKey(head) ?? head;
  await step(ctx, 'record', name, () =>
    ctx.ports.ecs.tagResource(head, { [TAG.applied]: formatRecord(recordOf(job)) }),
  );
  ctx.forget(head);
}
