// Two environments of one repository may share an account and region (differing in scheduleGroup
// and namePrefix, with the same owner tag). What the other environments own is never an old copy
// of this environment's jobs: without this, applying prod moved dev's jobs into prod (deleting
// dev's schedules and group) and the next dev apply moved them back. This is the rule for groups
// without berth:environment (made by an older berth): a tagged group of another environment is
// left out by the read already (live/previous.ts), whatever berth.yaml says now.
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';

export function withoutSiblings(live: LiveState, desired: DesiredState): LiveState {
  const siblings = desired.siblings;
  const previous = live.previous;
  if (!siblings || !previous) return live;
  const groups = new Set(siblings.groups);
  const prefixes = new Set(siblings.prefixes);
  const theirs = (family: string) => [...prefixes].some((p) => p !== '' && family.startsWith(p));
  return {
    ...live,
    previous: {
      groups: previous.groups.filter((g) => !groups.has(g.name)),
      schedules: previous.schedules.filter((s) => !groups.has(s.group)),
      prefixes: previous.prefixes.filter((p) => !prefixes.has(p)),
      families: Object.fromEntries(Object.entries(previous.families).filter(([name]) => !theirs(name))),
    },
  };
}
