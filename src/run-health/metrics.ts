// What the run watcher reports for metrics; src/server/run-metrics.ts is the Prometheus side.

export interface RunMetricsSink {
  /** A run reached a result (once per run): its end time and duration. */
  finished(job: string, result: string, endedAtSeconds: number, durationSeconds: number | null): void;
  /** When the job's schedule fires next (undefined: no schedule, disabled, or no further run). */
  nextRun(job: string, atSeconds: number | undefined): void;
}

export const NO_RUN_METRICS: RunMetricsSink = { finished: () => undefined, nextRun: () => undefined };
