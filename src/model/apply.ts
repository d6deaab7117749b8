// What apply did: per job outcome, steps and errors (named outcomes, house rule 9).

export type JobOutcomeKind = 'applied' | 'unchanged' | 'failed' | 'skipped';

export interface ApplyStep {
  /**
   * e.g. "register", "tag", "create-schedule", "update-schedule", "record", "delete-schedule",
   * "deregister", "delete-inactive"; on groups "tag-group", "delete-group"
   */
  step: string;
  name: string;
  arn?: string;
  ok: boolean;
  error?: string;
}

export interface JobOutcome {
  job: string;
  outcome: JobOutcomeKind;
  steps: ApplyStep[];
  error?: { code: string; message: string };
  durationMs: number;
}

export interface ApplyResult {
  /** updated: its tags were brought in line (after every job). */
  group: 'created' | 'updated' | 'unchanged' | 'failed' | 'conflict';
  groupError?: string;
  /** What apply did to schedule groups after the jobs: tags, groups a rename left empty. */
  groupSteps?: ApplyStep[];
  jobs: JobOutcome[];
  /** AWS calls made while applying, by "service:Operation". */
  calls: Record<string, number>;
  durationMs: number;
  /** True when no job failed, the group is usable and nothing was interrupted. */
  ok: boolean;
  /** True when a stop signal arrived before every job ran. */
  interrupted: boolean;
}

/** Progress events for people (per-job lines with counts and elapsed time). */
export type ApplyEvent =
  | { type: 'group'; status: ApplyResult['group'] }
  | { type: 'job-start'; job: string; index: number; total: number }
  | { type: 'step'; job: string; step: ApplyStep }
  | { type: 'job-done'; job: string; outcome: JobOutcome; done: number; total: number; elapsedMs: number };
