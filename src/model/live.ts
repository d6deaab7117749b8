// Live state: what berth owns in AWS right now.
import type { LiveScheduleDescription, LiveTaskDefinitionDescription } from './aws-types.js';

export interface LiveRevisionRef {
  arn: string;
  family: string;
  revision: number;
}

/** One revision described in full (from the cache when possible). */
export interface LiveRevision extends LiveRevisionRef {
  description: LiveTaskDefinitionDescription;
  tags: Record<string, string>;
  /** Listed ACTIVE by this read (false: a schedule pins a revision that was deregistered). */
  active: boolean;
}

export interface LiveFamily {
  family: string;
  /** Latest ACTIVE revision, described in full (from cache when possible). */
  latest: LiveRevisionRef & {
    description: LiveTaskDefinitionDescription;
    tags: Record<string, string>;
  };
  /** All ACTIVE revisions, oldest first (latest included). */
  active: LiveRevisionRef[];
  /**
   * This installation's family: its newest revision that carries berth's managed-by tag names this
   * config's owner. A newer revision without berth's tags (registered by hand) does not change
   * that: it is out-of-band drift in berth's family.
   */
  owned: boolean;
  /** Value of the owner tag when the newest berth-managed revision names another berth installation. */
  foreignOwner?: string;
  /**
   * Every revision this read described, newest first (latest included): the latest, berth's
   * newest when the latest is not berth's, revisions schedules pin, and (when asked for) the
   * older ACTIVE ones. Absent in states written before it existed: then only `latest` is known.
   */
  revisions?: LiveRevision[];
}

export interface LiveSchedule {
  name: string;
  group: string;
  description: LiveScheduleDescription;
  lastModified?: string;
}

export type GroupStatus = 'owned' | 'missing' | 'unowned' | 'foreign';

export interface LiveScheduleGroup {
  name: string;
  status: GroupStatus;
  arn?: string;
  tags: Record<string, string>;
}

export interface LiveStats {
  /** AWS calls made while reading, by "service:operation". */
  calls: Record<string, number>;
  cacheHits: number;
  cacheMisses: number;
  schedulesSkipped: number;
}

/**
 * How the revisions were listed. Full: every ACTIVE revision of the account was listed now.
 * Light: families were listed by prefix, and each family's revisions taken from the listing the
 * cache recorded at `lastFullRead` (or listed again when a schedule pins one it lacks): a revision
 * registered out of band that no schedule pins, or a pinned one deregistered out of band, is not
 * seen until the next full read.
 */
export interface LiveRead {
  kind: 'full' | 'light';
  /** Why this read was full: no listing cached, --full-read, the interval passed, too many families to list one by one. */
  reason?: 'cold' | 'forced' | 'interval' | 'many-families';
  /** ISO time of the last full listing (this read's own when it was full). */
  lastFullRead: string;
  /** Families listed exactly during a light read (unknown to the cache, or pinned beyond its list). */
  familiesListed?: number;
}

/**
 * What berth owns under previous names (a renamed spec.scheduleGroup or a changed namePrefix):
 * found through the owner and name-prefix tags of the groups it owns.
 */
export interface PreviousNames {
  /** Owned schedule groups other than the configured one. */
  groups: LiveScheduleGroup[];
  /** Schedules in those groups (each with its group). */
  schedules: LiveSchedule[];
  /** namePrefix values recorded on owned groups, other than the configured one. */
  prefixes: string[];
  /** Families under those prefixes named after a desired job or pinned by a schedule, by family. */
  families: Record<string, LiveFamily>;
}

export interface LiveState {
  /** The region it was read from (resolved by the SDK when berth.yaml names none). */
  region?: string;
  group: LiveScheduleGroup;
  /** Families whose name starts with the config's namePrefix, keyed by family. */
  families: Record<string, LiveFamily>;
  /** Schedules in berth's group, keyed by schedule name (empty when the group is not berth's). */
  schedules: Record<string, LiveSchedule>;
  stats: LiveStats;
  /** Full or light read, and the age of the listing of revisions it trusted (absent: older plans). */
  read?: LiveRead;
  /** Hash of what was read (ARNs + schedule modification dates): a saved plan is stale when it moved. */
  fingerprint: string;
  /** berth's resources under previous names; absent or empty when there are none. */
  previous?: PreviousNames;
  /**
   * Revisions schedules pin whose family has no ACTIVE revision left (deregistered by hand):
   * described, so that the plan can tell that berth had applied them (drift, not a new job).
   */
  deregistered?: LiveRevision[];
}
