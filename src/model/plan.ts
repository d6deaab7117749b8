// The plan is data (house rule 2): typed actions with field-level changes.
import type { LookupUse } from './lookups.js';

export type ActionKind = 'create' | 'update' | 'delete' | 'noop';
/**
 * taskDefinitionTags: TagResource / UntagResource on an existing revision (a tag-only change, or
 * berth's applied-state record): no new revision.
 */
export type ResourceKind =
  'scheduleGroup' | 'taskDefinition' | 'taskDefinitionRevision' | 'taskDefinitionTags' | 'schedule';

/**
 * Which side moved, for a changing action: git (a committed change, applied by auto-sync), aws (an
 * out-of-band change: drift, reverted only by self-heal) or berth (its own housekeeping: the
 * applied-state record, revisions beyond keepRevisions). Told apart by the applied-state record.
 */
export type ActionOrigin = 'git' | 'aws' | 'berth';

/** Named outcomes, not booleans (house rule 9). */
export type SyncStatus =
  | 'InSync'
  | 'OutOfSync'
  | 'Missing'
  | 'Drifted'
  | 'Orphan'
  | 'Conflict'
  | 'Suspended'
  | 'Completed'
  | 'Failed';

export interface FieldChange {
  /** JSON pointer into the normalised SDK input, e.g. /containerDefinitions/etl/command */
  path: string;
  before?: unknown;
  after?: unknown;
  /** Value masked in every output. */
  sensitive?: boolean;
}

/** When a changed schedule fires: the next runs before and after the change (computed with the plan's `now`). */
export interface ScheduleTimingChange {
  /** ISO times of the next runs under the live (or base) schedule, at most three. */
  before: string[];
  /** ISO times of the next runs under the new schedule. */
  after: string[];
  beforeZone: string;
  afterZone: string;
  /** For people: "next run moves from 03:00 Asia/Tokyo (18:00 UTC) to 18:00 UTC". */
  summary: string;
}

export interface PlanAction {
  kind: ActionKind;
  resource: ResourceKind;
  /** Job name (absent for the schedule group). */
  job?: string;
  /** AWS name: family, family:revision, schedule name, group name. */
  name: string;
  changes: FieldChange[];
  /** Why, for people: "not in git", "beyond keepRevisions=3", "out-of-band change", … */
  reason?: string;
  /** The SDK input to send (create/update), with secrets as in AWS (ARNs only). */
  after?: unknown;
  /** ARN of the resource being replaced/removed. */
  arn?: string;
  /** Set on changing actions: see ActionOrigin. */
  origin?: ActionOrigin;
  /** A schedule update that changes when it fires (expression, zone, dates, state). */
  timing?: ScheduleTimingChange;
}

export interface JobPlan {
  job: string;
  status: SyncStatus;
  actions: PlanAction[];
  /** Source file of the manifest (absent for orphans). */
  file?: string;
  message?: string;
  /** A Suspended job that differs from git (berth leaves it alone, but never calls it equal). */
  differs?: boolean;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
  conflicts: number;
}

export interface PlanLiveRead {
  kind: 'full' | 'light';
  reason?: 'cold' | 'forced' | 'interval' | 'many-families';
  /** ISO time of the last full listing of ACTIVE revisions. */
  lastFullRead: string;
  /** Seconds from lastFullRead to the plan's time (0 for a full read; absent without a plan time). */
  lastFullReadAgeSeconds?: number;
}

export interface Plan {
  formatVersion: 1;
  owner: string;
  scheduleGroup: string;
  /** Region the plan was read from and applies to. */
  region?: string;
  /** Account it applies to (plan/location.ts says where it was read). */
  account?: string;
  accountSource?: 'aws' | 'berth.yaml';
  /** Git revision of the manifests, when known. */
  revision?: string;
  /** LiveState.fingerprint the plan was computed against (stale-plan check). */
  liveFingerprint: string;
  /**
   * How the live state was read (LiveState.read), with the age of the last full listing of
   * revisions at planning time: a light read cannot see some out-of-band revision changes.
   */
  liveRead?: PlanLiveRead;
  /** The jobs named with -t, sorted (absent: every job): a saved plan applies with the same -t. */
  targets?: string[];
  groupAction: PlanAction;
  /**
   * Schedule groups berth owns under a previous spec.scheduleGroup, deleted once the schedules in
   * them have moved to the configured group (absent when there are none).
   */
  previousGroups?: PlanAction[];
  jobs: JobPlan[];
  summary: PlanSummary;
  /** Plan-level refusals and notes (e.g. "prune refused: desired set is empty"). */
  warnings: string[];
  /** The environment planned (absent: the repository has none). */
  environment?: string;
  /** Values the manifests looked up, as resolved, with their sources. */
  lookups?: LookupUse[];
  /**
   * Set when a prune guard (no jobs in git, more than prune.maxDeleteFraction) stopped this plan
   * from deleting what git no longer has: AWS keeps differing from git until someone decides.
   * Not set when berth.yaml turns pruning off (prune.enabled: false), which is configuration.
   */
  refusedPrune?: RefusedPrune;
}

export interface RefusedPrune {
  /** empty: git has no jobs · fraction: more than prune.maxDeleteFraction of owned jobs. */
  guard: 'empty' | 'fraction';
  /** The plan warning that says why and which setting allows it. */
  warning: string;
  /** The jobs left in place. */
  jobs: string[];
}
