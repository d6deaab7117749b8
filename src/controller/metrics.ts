// What the controller reports for metrics. The Prometheus implementation lives in src/server;
// the loop only knows this interface (and tests use NO_METRICS or a recorder).
import type { DeliveryResult } from '../notify/dispatcher.js';
import type { CycleOutcome } from './status.js';

export interface ControllerMetrics {
  cycle(outcome: CycleOutcome, seconds: number): void;
  /** Jobs by sync status after a cycle that planned, and how many carry unhealed drift. */
  jobs(byStatus: Record<string, number>, drifted: number): void;
  /** AWS calls one cycle made, by "service:Operation". */
  awsCalls(calls: Record<string, number>): void;
  gitFetch(outcome: 'fetched' | 'unchanged' | 'failed'): void;
  alertDelivery(notifier: string, result: DeliveryResult): void;
}

export const NO_METRICS: ControllerMetrics = {
  cycle: () => undefined,
  jobs: () => undefined,
  awsCalls: () => undefined,
  gitFetch: () => undefined,
  alertDelivery: () => undefined,
};
