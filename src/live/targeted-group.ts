// What a targeted read must prove before it reads only some jobs: berth's group is berth's, and
// no rename is under way. Two calls: ListScheduleGroups (every group: the configured one's ARN and
// state, and the others) and ListTagsForResource on the configured group (ownership and the name
// prefix it records). Other groups' tags come from the cache when they are known not to be berth's;
// a group berth owns besides the configured one means a spec.scheduleGroup rename is in progress,
// and a recorded prefix other than the configured one a namePrefix rename: both need a full read,
// which finds the old copies (live/previous.ts) and moves them.
import pLimit from 'p-limit';
import { TAG } from '../model/desired.js';
import type { LiveScheduleGroup } from '../model/live.js';
import type { SchedulerPort } from '../model/ports.js';
import type { LiveCache } from './cache.js';
import { ownershipOf } from './ownership.js';
import { ownedHere } from './previous.js';

export type TargetedGroup = { kind: 'proved'; group: LiveScheduleGroup } | { kind: 'full'; reason: string };

export async function proveTargetable(
  scheduler: SchedulerPort,
  opts: {
    owner: string;
    scheduleGroup: string;
    namePrefix: string;
    environment?: string | undefined;
    otherEnvironments?: readonly string[] | undefined;
    cache: LiveCache;
    concurrency: number;
  },
): Promise<TargetedGroup> {
  const all = await scheduler.listScheduleGroups();
  const mine = all.find((g) => g.name === opts.scheduleGroup);
  if (!mine || mine.state === 'DELETING')
    return { kind: 'full', reason: `the schedule group ${opts.scheduleGroup} does not exist yet` };
  const tags = await scheduler.listTags(mine.arn);
  const own = ownershipOf(tags, opts.owner);
  if (own.kind !== 'owned')
    return { kind: 'full', reason: `the schedule group ${opts.scheduleGroup} is not this installation's` };
  const recorded = tags[TAG.namePrefix];
  if (recorded !== undefined && recorded !== opts.namePrefix)
    return {
      kind: 'full',
      reason: `a namePrefix rename is in progress (the group records "${recorded}", berth.yaml says "${opts.namePrefix}")`,
    };

  const others = all.filter(
    (g) => g.name !== opts.scheduleGroup && g.name !== 'default' && g.state !== 'DELETING',
  );
  const limit = pLimit(opts.concurrency);
  const owned = await Promise.all(
    others.map((g) =>
      limit(async () => {
        const key = `${g.arn}@${g.created ?? ''}`;
        let t = opts.cache.getGroupTags(key);
        // Same rule as live/previous.ts: cached tags only ever spare the call for groups that are
        // not this environment's (another environment's group is no rename of this one).
        if (!t || ownedHere(t, opts)) {
          t = await scheduler.listTags(g.arn);
          opts.cache.putGroupTags(key, t);
        }
        return ownedHere(t, opts) ? g.name : undefined;
      }),
    ),
  );
  const old = owned.filter((n): n is string => n !== undefined).sort();
  if (old.length > 0)
    return {
      kind: 'full',
      reason: `a schedule-group rename is in progress (berth also owns ${old.join(', ')})`,
    };
  return { kind: 'proved', group: { name: opts.scheduleGroup, status: 'owned', arn: mine.arn, tags } };
}
