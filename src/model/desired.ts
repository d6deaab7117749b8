// Desired state: what the manifests + config say AWS should hold, as exact SDK inputs.
import type { ScheduleInput, TaskDefinitionInput } from './aws-types.js';
import type { SiblingNames, SourceRef } from './diagnostics.js';
import type { LookupUse } from './lookups.js';
import type { SyncSpec } from './manifest.js';

/** Ownership tag keys berth puts on every task-definition revision it registers. */
export const TAG = {
  managedBy: 'berth:managed-by',
  owner: 'berth:owner',
  job: 'berth:job',
  hash: 'berth:content-hash',
  commit: 'berth:commit',
  /**
   * The applied-state record, on berth's newest revision of a job: `<content hash>:<schedule hash>`
   * of the schedule berth last wrote (see docs/ownership-and-state.md). Written after the write.
   */
  applied: 'berth:applied',
  /** On each revision and on the group: hash of the tag set berth last wrote there. */
  tagsHash: 'berth:tags-hash',
  /** On the group: the namePrefix of the installation that owns it (finds old names after a rename). */
  namePrefix: 'berth:name-prefix',
  /**
   * On the group, when the repository declares environments: the environment it belongs to. A
   * group tagged with another environment is never taken for an old name of this one.
   */
  environment: 'berth:environment',
} as const;
export const MANAGED_BY_VALUE = 'berth';
/** Tags whose value changes without the content changing: informational, never diffed. */
export const VOLATILE_TAG_KEYS: readonly string[] = [TAG.commit];
/** berth's bookkeeping tags: what it recorded, never part of what is compared. */
export const RECORD_TAG_KEYS: readonly string[] = [TAG.applied, TAG.tagsHash];

/** Marker berth puts in Target.EcsParameters.TaskDefinitionArn until the revision is known. */
export const PENDING_REVISION = '(known after apply)';

export interface DesiredJob {
  /** metadata.name */
  name: string;
  /** ECS family = namePrefix + name */
  family: string;
  /** Scheduler schedule name = namePrefix + name, when the job has a schedule */
  scheduleName?: string;
  source: SourceRef;
  /** Exact RegisterTaskDefinition input, ownership tags included. */
  taskDefinition: TaskDefinitionInput;
  /**
   * Exact CreateSchedule input. Target.EcsParameters.TaskDefinitionArn holds the
   * family ARN without revision; the planner pins it to the exact live or new revision.
   */
  schedule?: ScheduleInput;
  /** One-time at() schedule with ActionAfterCompletion DELETE: absence after it fired is "completed". */
  oneTime: boolean;
  /** sha256 of the canonical task-definition input (without tags), also in the TAG.hash tag. */
  contentHash: string;
  sync: Required<Pick<SyncSpec, 'suspend' | 'selfHeal' | 'preventDestroy'>>;
  /** Main container (the one run overrides apply to by default). */
  mainContainer: string;
  /** Names of env vars whose values are masked in plans and logs. */
  sensitiveEnv: string[];
  /** What the controller watches this job's runs for (spec.run.maxDuration, overlap). */
  health?: RunHealthSettings;
}

export interface RunHealthSettings {
  maxDurationMs?: number;
  stopAfterMaxDuration: boolean;
  overlap: 'allow' | 'alert';
}

/** berth.yaml spec.runs with its defaults applied. */
export interface RunsSettings {
  /** The durable run feed (EventBridge rule + SQS queue) is provisioned. */
  enabled: boolean;
  retentionDays: number;
  keep: number;
  missedRunGraceMinutes: number;
}

export const RUNS_DEFAULTS: RunsSettings = {
  enabled: false,
  retentionDays: 14,
  keep: 20,
  missedRunGraceMinutes: 10,
};

export interface DesiredState {
  /** metadata.name of the repository config: the ownership id. */
  owner: string;
  region: string | undefined;
  clusterArn: string;
  scheduleGroup: string;
  groupTags: Record<string, string>;
  namePrefix: string;
  keepRevisions: number;
  prune: { enabled: boolean; allowEmpty: boolean; maxDeleteFraction: number; deleteInactive: boolean };
  ignoreTagKeys: string[];
  jobs: DesiredJob[];
  /** Job names whose manifests exist but failed validation: never pruned. */
  protectedNames: string[];
  /** The other environments' groups and prefixes: never this environment's old copies. */
  siblings?: SiblingNames;
  /** Source commit when known (goes to the TAG.commit tag). */
  revision?: string;
  /** berth.yaml spec.lock, copied as written (defaults are applied in src/lease). */
  lock?: { table: string; ttlSeconds?: number };
  /** berth.yaml spec.runs, defaults applied; absent without spec.runs (read it with runsSettings()). */
  runs?: RunsSettings;
  /** The environment this state is for (absent: the repository has none). */
  environment?: string;
  /** The account berth must be working in (spec.account): checked against the caller identity. */
  account?: string;
  /** The role berth assumes before calling AWS (spec.role). */
  role?: string;
  /** Lookups the manifests used, resolved, with their sources. */
  lookups?: LookupUse[];
}
