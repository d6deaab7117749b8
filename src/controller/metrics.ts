// What the controller reports for metrics. The Prometheus implementation lives in src/server;
// the loop only knows this interface (and tests use NO_METRICS or a recorder).
import type { DeliveryResult } from '../notify/dispatcher.js';
import type { FetchOutcome } from '../source/git-source.js';
import type { JobMetric } from './job-metrics.js';
import type { CycleOutcome } from './status.js';

export interface ControllerMetrics {
  cycle(outcome: CycleOutcome, seconds: number): void;
  /** Jobs by sync status after a cycle that planned, and how many carry unhealed drift. */
  jobs(byStatus: Record<string, number>, drifted: number): void;
  /** Every job after a cycle that planned; a job not listed has left git and AWS. */
  jobStates(jobs: readonly JobMetric[]): void;
  /** AWS calls one cycle made, by "service:Operation". */
  awsCalls(calls: Record<string, number>): void;
  gitFetch(outcome: FetchOutcome): void;
  /** After every cycle: which source problems are current (1) or not (0). */
  sourceProblems(problems: Record<SourceProblem, boolean>): void;
  alertDelivery(notifier: string, result: DeliveryResult): void;
  /** Whether this replica holds the lease (always true without one). */
  leader?(isLeader: boolean): void;
}

/** unavailable: the source cannot be read · invalid: its head does not validate · rewritten: a
 * force-pushed history is in force and pruning waits for a commit on top. */
export type SourceProblem = 'unavailable' | 'invalid' | 'rewritten';

export const NO_METRICS: ControllerMetrics = {
  cycle: () => undefined,
  jobs: () => undefined,
  jobStates: () => undefined,
  awsCalls: () => undefined,
  gitFetch: () => undefined,
  sourceProblems: () => undefined,
  alertDelivery: () => undefined,
};
