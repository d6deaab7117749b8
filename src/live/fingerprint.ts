// A hash of what a read saw: group status + tags, every listed ACTIVE revision ARN, every
// schedule's name + LastModificationDate. Any out-of-band change to what berth owns moves it,
// so a saved plan computed against an older read can be refused as stale.
import { createHash } from 'node:crypto';
import type { LiveScheduleGroup } from '../model/live.js';

export function liveFingerprint(
  group: LiveScheduleGroup,
  revisionArns: readonly string[],
  schedules: readonly [string, string][],
  otherGroups: readonly LiveScheduleGroup[] = [],
): string {
  const g = (x: LiveScheduleGroup) => ({
    name: x.name,
    status: x.status,
    arn: x.arn ?? null,
    tags: Object.entries(x.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  });
  const canonical = JSON.stringify({
    group: g(group),
    revisions: [...revisionArns].sort(),
    schedules: [...schedules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    // Absent when there are none, so a plan saved before renames were known keeps its fingerprint.
    ...(otherGroups.length > 0 ? { otherGroups: otherGroups.map(g) } : {}),
  });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
