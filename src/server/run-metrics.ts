// Prometheus metrics of job runs, on the controller's registry (GET /metrics):
// berth_job_last_run_timestamp_seconds{job,result}, berth_job_last_run_duration_seconds{job},
// berth_job_runs_total{job,result}, berth_job_next_run_timestamp_seconds{job}.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RunMetricsSink } from '../run-health/metrics.js';

export class PromRunMetrics implements RunMetricsSink {
  private readonly last: Gauge<'job' | 'result'>;
  private readonly duration: Gauge<'job'>;
  private readonly total: Counter<'job' | 'result'>;
  private readonly next: Gauge<'job'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.last = new Gauge({
      name: 'berth_job_last_run_timestamp_seconds',
      help: 'Unix time the last run of the job with this result ended (Succeeded, Failed, FailedToStart, InvocationFailed)',
      labelNames: ['job', 'result'],
      registers,
    });
    this.duration = new Gauge({
      name: 'berth_job_last_run_duration_seconds',
      help: 'Duration of the job\u2019s last finished run',
      labelNames: ['job'],
      registers,
    });
    this.total = new Counter({
      name: 'berth_job_runs_total',
      help: 'Finished runs of the job the controller observed, by result',
      labelNames: ['job', 'result'],
      registers,
    });
    this.next = new Gauge({
      name: 'berth_job_next_run_timestamp_seconds',
      help: 'Unix time the job\u2019s schedule fires next (absent: no schedule, disabled, rate() without a known start)',
      labelNames: ['job'],
      registers,
    });
  }

  finished(job: string, result: string, endedAtSeconds: number, durationSeconds: number | null): void {
    this.last.set({ job, result }, endedAtSeconds);
    if (durationSeconds !== null) this.duration.set({ job }, durationSeconds);
    this.total.inc({ job, result });
  }

  nextRun(job: string, atSeconds: number | undefined): void {
    if (atSeconds === undefined) this.next.remove({ job });
    else this.next.set({ job }, atSeconds);
  }
}
