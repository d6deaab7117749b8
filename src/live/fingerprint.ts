// A hash of what a read saw: group status + tags, every listed ACTIVE revision ARN, every
// schedule's name + LastModificationDate. Any out-of-band change to what berth owns moves it,
// so a saved plan computed against an older read can be refused as stale.
import { createHash } from 'node:crypto';
import type { LiveScheduleGroup } from '../model/live.js';

export function liveFingerprint(
  group: LiveScheduleGroup,
  revisionArns: readonly string[],
  schedules: readonly [string, string][],
): string {
  const canonical = JSON.stringify({
    group: {
      name: group.name,
      status: group.status,
      arn: group.arn ?? null,
      tags: Object.entries(group.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    },
    revisions: [...revisionArns].sort(),
    schedules: [...schedules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
