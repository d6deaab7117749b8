// Runs of a job: one ECS task (or one failed Scheduler invocation), as berth reports them.

/** Who started a run, read from the task's startedBy. */
export type RunTrigger = 'schedule' | 'berth-run' | 'backfill' | 'other';

/**
 * Pending: not running yet · Running · Succeeded: every essential container exited 0 ·
 * Failed: one exited non-zero · FailedToStart: stopped before a container reported a code ·
 * InvocationFailed: Scheduler could not start a task (its dead-letter queue says why).
 */
export type RunResult = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'FailedToStart' | 'InvocationFailed';

/** Where berth learnt of the run: ECS itself, the durable feed (spec.runs), or the schedule's dead-letter queue. */
export type RunSource = 'ecs' | 'feed' | 'dead-letter';

export interface RunContainer {
  name: string;
  essential: boolean;
  exitCode: number | null;
  reason: string | null;
}

export interface RunLog {
  container: string;
  group: string;
  stream: string | null;
  url: string | null;
}

export interface RunRecord {
  job: string;
  /** The task; null for an invocation that never became one. */
  taskArn: string | null;
  taskDefinitionArn: string | null;
  trigger: RunTrigger;
  startedBy: string | null;
  /** ISO times. createdAt is when ECS accepted the task (or Scheduler tried to start it). */
  createdAt: string | null;
  startedAt: string | null;
  stoppedAt: string | null;
  /** startedAt (else createdAt) to stoppedAt, or to now for a run still going. */
  durationSeconds: number | null;
  lastStatus: string | null;
  result: RunResult;
  /** The run's exit code: the main container's when it failed, else the first failing essential one's. */
  exitCode: number | null;
  containers: RunContainer[];
  stopCode: string | null;
  stoppedReason: string | null;
  logs: RunLog[];
  source: RunSource;
  /** Why an invocation failed (dead-letter queue message attributes). */
  error: string | null;
  /** The dead-letter message of a failed invocation (its SQS message id). */
  invocationId?: string;
}
