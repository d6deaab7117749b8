// Prometheus metrics of job runs, on the controller's registry (GET /metrics):
// berth_job_last_run_timestamp_seconds{job,result}, berth_job_last_run_duration_seconds{job},
// berth_job_runs_total{job,result}, berth_job_next_run_timestamp_seconds{job}; each with the
// env label of its environment's view (forEnvironment), none without an environment.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RunMetricsSink } from '../run-health/metrics.js';

type RunInstruments = {
  last: Gauge<'env' | 'job' | 'result'>;
  duration: Gauge<'env' | 'job'>;
  total: Counter<'env' | 'job' | 'result'>;
  next: Gauge<'env' | 'job'>;
};

export class PromRunMetrics implements RunMetricsSink {
  private readonly last: RunInstruments['last'];
  private readonly duration: RunInstruments['duration'];
  private readonly total: RunInstruments['total'];
  private readonly next: RunInstruments['next'];
  private readonly env: { env?: string };

  constructor(
    private readonly registry: Registry,
    view?: { instruments: RunInstruments; env: string },
  ) {
    this.env = view ? { env: view.env } : {};
    if (view) {
      ({ last: this.last, duration: this.duration, total: this.total, next: this.next } = view.instruments);
      return;
    }
    const registers = [registry];
    this.last = new Gauge({
      name: 'berth_job_last_run_timestamp_seconds',
      help: 'Unix time the last run of the job with this result ended (Succeeded, Failed, FailedToStart, InvocationFailed)',
      labelNames: ['env', 'job', 'result'],
      registers,
    });
    this.duration = new Gauge({
      name: 'berth_job_last_run_duration_seconds',
      help: 'Duration of the job\u2019s last finished run',
      labelNames: ['env', 'job'],
      registers,
    });
    this.total = new Counter({
      name: 'berth_job_runs_total',
      help: 'Finished runs of the job the controller observed, by result',
      labelNames: ['env', 'job', 'result'],
      registers,
    });
    this.next = new Gauge({
      name: 'berth_job_next_run_timestamp_seconds',
      help: 'Unix time the job\u2019s schedule fires next (absent: no schedule, disabled, rate() without a known start)',
      labelNames: ['env', 'job'],
      registers,
    });
  }

  /** The same instruments, this environment's series labelled env="<name>". */
  forEnvironment(env: string): PromRunMetrics {
    const instruments = { last: this.last, duration: this.duration, total: this.total, next: this.next };
    return new PromRunMetrics(this.registry, { instruments, env });
  }

  finished(job: string, result: string, endedAtSeconds: number, durationSeconds: number | null): void {
    const e = this.env;
    this.last.set({ ...e, job, result }, endedAtSeconds);
    if (durationSeconds !== null) this.duration.set({ ...e, job }, durationSeconds);
    this.total.inc({ ...e, job, result });
  }

  nextRun(job: string, atSeconds: number | undefined): void {
    if (atSeconds === undefined) this.next.remove({ ...this.env, job });
    else this.next.set({ ...this.env, job }, atSeconds);
  }
}
