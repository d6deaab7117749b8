// Which task-definition revisions may be deregistered: beyond keepRevisions and
// referenced by no schedule (a schedule pinning family:N breaks once N is INACTIVE).
import type { LiveRevisionRef } from '../model/live.js';

export function revisionsBeyondKeep(
  active: readonly LiveRevisionRef[],
  keepRevisions: number,
  referenced: ReadonlySet<string>,
): LiveRevisionRef[] {
  const newestFirst = [...active].sort((a, b) => b.revision - a.revision);
  return newestFirst.slice(Math.max(1, keepRevisions)).filter((r) => !referenced.has(r.arn));
}

/** family:revision from a task-definition ARN (…:task-definition/family:12). */
export function parseRevisionArn(arn: string): LiveRevisionRef | undefined {
  const m = /task-definition\/([A-Za-z0-9_-]+):(\d+)$/.exec(arn);
  return m ? { arn, family: m[1] as string, revision: Number(m[2]) } : undefined;
}
