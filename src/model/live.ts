// Live state: what berth owns in AWS right now.
import type { LiveScheduleDescription, LiveTaskDefinitionDescription } from './aws-types.js';

export interface LiveRevisionRef {
  arn: string;
  family: string;
  revision: number;
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
  /** Owned = latest revision carries berth's managed-by + owner tags for this config. */
  owned: boolean;
  /** Value of the owner tag when it names another berth installation. */
  foreignOwner?: string;
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

export interface LiveState {
  /** The region it was read from (resolved by the SDK when berth.yaml names none). */
  region?: string;
  group: LiveScheduleGroup;
  /** Families whose name starts with the config's namePrefix, keyed by family. */
  families: Record<string, LiveFamily>;
  /** Schedules in berth's group, keyed by schedule name (empty when the group is not berth's). */
  schedules: Record<string, LiveSchedule>;
  stats: LiveStats;
  /** Hash of what was read (ARNs + schedule modification dates): a saved plan is stale when it moved. */
  fingerprint: string;
}
