// berth's schedule groups other than the configured one, and the name prefixes its groups
// record (TAG.namePrefix): after spec.scheduleGroup or namePrefix changes, this is how berth
// still finds every copy of a job it made under the old names. Tags of other installations'
// groups are cached by ARN and creation time; berth's own are read every time; the listing is one call.
// A group tagged with another environment of this repository (TAG.environment) is that
// environment's, whatever berth.yaml says now: never an old name of this one, and never read into.
import pLimit from 'p-limit';
import { TAG } from '../model/desired.js';
import type { LiveScheduleGroup } from '../model/live.js';
import type { SchedulerPort } from '../model/ports.js';
import type { LiveCache } from './cache.js';
import { ownershipOf } from './ownership.js';

export interface OwnedGroupsRead {
  groups: LiveScheduleGroup[];
  /** Cache keys of the group tags used (what the cache should keep). */
  keys: string[];
}

export async function readOwnedGroups(
  scheduler: SchedulerPort,
  opts: {
    owner: string;
    configured: string;
    cache: LiveCache;
    concurrency: number;
    /** This environment, when the repository declares environments. */
    environment?: string | undefined;
    /** The other environments berth.yaml declares. */
    otherEnvironments?: readonly string[] | undefined;
  },
): Promise<OwnedGroupsRead> {
  const all = await scheduler.listScheduleGroups();
  const others = all.filter(
    (g) => g.name !== opts.configured && g.name !== 'default' && g.state !== 'DELETING',
  );
  const limit = pLimit(opts.concurrency);
  const keys: string[] = [];
  const groups = await Promise.all(
    others.map((g) =>
      limit(async (): Promise<LiveScheduleGroup | undefined> => {
        const key = `${g.arn}@${g.created ?? ''}`;
        keys.push(key);
        let tags = opts.cache.getGroupTags(key);
        // Cached tags spare the call for groups that are not berth's or are another environment's.
        // A group the cache calls this environment's is asked again on every read: berth deletes
        // what it finds in it, so it must be this one's now (a group re-tagged by hand keeps its
        // ARN and creation time).
        if (!tags || ownedHere(tags, opts)) {
          tags = await scheduler.listTags(g.arn);
          opts.cache.putGroupTags(key, tags);
        }
        if (!ownedHere(tags, opts)) return undefined;
        return { name: g.name, status: 'owned', arn: g.arn, tags };
      }),
    ),
  );
  return { groups: groups.filter((g): g is LiveScheduleGroup => g !== undefined), keys };
}

/** The prefixes berth used here before: recorded on its groups, other than the configured one. */
export function previousPrefixes(groups: readonly LiveScheduleGroup[], namePrefix: string): string[] {
  const found = groups.map((g) => g.tags[TAG.namePrefix]).filter((p): p is string => p !== undefined);
  return [...new Set(found)].filter((p) => p !== namePrefix).sort();
}

/**
 * Tagged as this installation's, and not as another environment berth.yaml declares. A group of
 * an environment berth.yaml no longer declares (renamed or removed) is an old name here like any
 * other: what git renamed or removed converges, instead of its schedules running on unseen.
 */
export function ownedHere(
  tags: Record<string, string>,
  opts: {
    owner: string;
    environment?: string | undefined;
    otherEnvironments?: readonly string[] | undefined;
  },
): boolean {
  if (ownershipOf(tags, opts.owner).kind !== 'owned') return false;
  const env = tags[TAG.environment];
  return env === undefined || env === opts.environment || !(opts.otherEnvironments ?? []).includes(env);
}
