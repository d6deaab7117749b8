// berth's own bookkeeping for a job otherwise left as it is: the applied-state record on its
// newest revision and the tags hash on the revision it runs, when missing or stale (an older
// berth wrote none, or a process died between a write and its record). Cheap (TagResource, no
// new revision) and what lets the next out-of-band edit be named drift instead of a git change.
import { TAG, type DesiredJob } from '../model/desired.js';
import type { LiveRevision } from '../model/live.js';
import type { FieldChange, PlanAction } from '../model/plan.js';
import { action } from './action.js';
import type { FamilyView } from './family-view.js';
import { tagsRecorded, type TagWrite } from './plan-task-definition.js';
import { formatRecord, recordOf, sameRecord, tagsHash } from './record.js';

export const RECORD_REASON = 'records what berth applied';

export function housekeeping(
  job: DesiredJob,
  ctx: { view: FamilyView | undefined; target: LiveRevision | undefined; actions: readonly PlanAction[] },
): PlanAction[] {
  const { view, target } = ctx;
  if (!view || !target) return [];
  // A schedule written now gets its record from apply, right after the write.
  const writesSchedule = ctx.actions.some(
    (a) => a.resource === 'schedule' && (a.kind === 'create' || a.kind === 'update'),
  );
  const tagsPlanned = ctx.actions.some((a) => a.resource === 'taskDefinitionTags');
  const want = recordOf(job);
  const head = view.head;
  const needRecord = !!job.schedule && !writesSchedule && !!head && !sameRecord(view.record, want);
  const needHash = !tagsPlanned && !tagsRecorded(job, target);

  const writes = new Map<LiveRevision, TagWrite & { changes: FieldChange[] }>();
  const add = (r: LiveRevision, key: string, value: string) => {
    const w = writes.get(r) ?? { set: {}, remove: [], changes: [] };
    w.set[key] = value;
    w.changes.push({
      path: `/tags/${key}`,
      ...(r.tags[key] !== undefined ? { before: r.tags[key] } : {}),
      after: value,
    });
    writes.set(r, w);
  };
  if (needRecord && head) add(head, TAG.applied, formatRecord(want));
  if (needHash) add(target, TAG.tagsHash, tagsHash(job.taskDefinition.tags));
  return [...writes].map(([r, w]) =>
    action('update', 'taskDefinitionTags', `${r.family}:${r.revision}`, {
      job: job.name,
      arn: r.arn,
      reason: RECORD_REASON,
      changes: w.changes,
      after: { set: w.set, remove: w.remove } satisfies TagWrite,
      origin: 'berth',
    }),
  );
}
