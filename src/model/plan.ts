// The plan is data (house rule 2): typed actions with field-level changes.

export type ActionKind = 'create' | 'update' | 'delete' | 'noop';
export type ResourceKind = 'scheduleGroup' | 'taskDefinition' | 'taskDefinitionRevision' | 'schedule';

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
}

export interface JobPlan {
  job: string;
  status: SyncStatus;
  actions: PlanAction[];
  /** Source file of the manifest (absent for orphans). */
  file?: string;
  message?: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
  conflicts: number;
}

export interface Plan {
  formatVersion: 1;
  owner: string;
  scheduleGroup: string;
  /** Git revision of the manifests, when known. */
  revision?: string;
  /** LiveState.fingerprint the plan was computed against (stale-plan check). */
  liveFingerprint: string;
  groupAction: PlanAction;
  jobs: JobPlan[];
  summary: PlanSummary;
  /** Plan-level refusals and notes (e.g. "prune refused: desired set is empty"). */
  warnings: string[];
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
