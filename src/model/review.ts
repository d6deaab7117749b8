// Reviewing a change before it merges: the desired state of two git revisions compared
// (no AWS needed), and, when AWS is reachable, what applying each of them would change.
import type { Diagnostic } from './diagnostics.js';
import type { FieldChange, Plan, PlanAction } from './plan.js';

export type JobChangeKind = 'added' | 'removed' | 'changed';

/** One job whose desired state differs between base and head. */
export interface JobDiff {
  job: string;
  change: JobChangeKind;
  /** Manifest file at head (at base for a removed job). */
  file?: string;
  /**
   * Per AWS resource (taskDefinition, schedule): create / update / delete with field changes
   * on the normalised inputs, the same equivalences the planner uses.
   */
  actions: PlanAction[];
  /** berth's own settings for the job (/sync/…), which are no AWS input. */
  settings: FieldChange[];
}

export interface DesiredDiffSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface DesiredDiff {
  /** Repository-level settings (/owner, /scheduleGroup, /namePrefix, /prune/…). */
  repository: FieldChange[];
  /** Only jobs that differ, sorted by name. */
  jobs: JobDiff[];
  summary: DesiredDiffSummary;
}

/** One side of the comparison, as evaluated. */
export interface ReviewSide {
  /** What the user named: a ref, or "working tree". */
  label: string;
  /** Full commit SHA when known ("-dirty" suffixed for a modified working tree). */
  commit?: string;
  diagnostics: Diagnostic[];
  errors: number;
  /** No berth.yaml at this revision: a repository that adopts berth in this change. */
  noConfig: boolean;
  /** Desired state could be rendered. */
  valid: boolean;
}

export interface LiveReview {
  /** What applying head would change, less what applying base would change as well. */
  head: Plan;
  /** What applying base would change: drift that is not caused by this change. */
  base?: Plan;
  /** Why base could not be planned (no config at base, base invalid). */
  baseMissing?: string;
}

export interface Review {
  base: ReviewSide;
  head: ReviewSide;
  /** The environment reviewed (absent: the repository has none). */
  environment?: string;
  /** Its account, as berth.yaml says. */
  account?: string;
  /** Base declares the environment, head no longer does: berth leaves it alone. */
  environmentRemoved?: boolean;
  owner?: string;
  scheduleGroup?: string;
  /** Undefined when either side could not be rendered (see the sides' diagnostics). */
  diff?: DesiredDiff;
  live?: LiveReview;
  /** Why there is no live part (--no-aws, AWS unreachable, head invalid). */
  liveSkipped?: string;
}
