// Per-job Prometheus series. berth_job_info has Argo CD's argocd_app_info shape (value 1 on the
// job's current labels). When a job's status or revision changes, its old series goes to 0
// rather than vanishing, so a query or alert on it sees the change instead of a gap. A job's
// series are removed once it has left git (and AWS); to keep their number bounded, those of
// revisions before the previous one are removed too (at most two revisions' worth per job).
// Each environment of a controller has its own view (forEnvironment) on the same two gauges.
import { Gauge, type Registry } from 'prom-client';
import type { JobMetric } from '../controller/job-metrics.js';

interface Labels {
  status: string;
  revision: string;
}

type Gauges = {
  info: Gauge<'env' | 'job' | 'status' | 'revision'>;
  synced: Gauge<'env' | 'job'>;
};

export class JobSeries {
  private readonly info: Gauges['info'];
  private readonly synced: Gauges['synced'];
  /** Per job, every label set exported since its revision last moved. */
  private readonly seen = new Map<string, Labels[]>();
  /** The env label of this view: none without an environment. */
  private readonly env: { env?: string };

  constructor(registers: Registry[], view?: { gauges: Gauges; env: string }) {
    this.env = view ? { env: view.env } : {};
    if (view) {
      this.info = view.gauges.info;
      this.synced = view.gauges.synced;
      return;
    }
    this.info = new Gauge({
      name: 'berth_job_info',
      help:
        'One per job: 1 on its current status and the task-definition revision its schedule runs ' +
        '("family:revision"), 0 on the labels it had before',
      labelNames: ['env', 'job', 'status', 'revision'],
      registers,
    });
    this.synced = new Gauge({
      name: 'berth_job_synced',
      help: '1 when the job equals git after the last cycle that planned, 0 when it differs',
      labelNames: ['env', 'job'],
      registers,
    });
  }

  /** The same gauges, this environment's series labelled env="<name>" and tracked apart. */
  forEnvironment(env: string): JobSeries {
    return new JobSeries([], { gauges: { info: this.info, synced: this.synced }, env });
  }

  update(jobs: readonly JobMetric[]): void {
    const e = this.env;
    const current = new Map(jobs.map((j) => [j.job, j]));
    for (const [job, labels] of [...this.seen]) {
      if (current.has(job)) continue;
      for (const l of labels) this.info.remove({ ...e, job, ...l });
      this.synced.remove({ ...e, job });
      this.seen.delete(job);
    }
    for (const j of jobs) {
      const now: Labels = { status: j.status, revision: j.revision };
      const before = this.seen.get(j.job) ?? [];
      // The revision the job was on until now stays (at 0); older ones go.
      const previous = before.at(-1)?.revision;
      const kept = before.filter((l) => l.revision === now.revision || l.revision === previous);
      for (const l of before.filter((x) => !kept.includes(x))) this.info.remove({ ...e, job: j.job, ...l });
      for (const l of kept) this.info.set({ ...e, job: j.job, ...l }, 0);
      // The current labels last: their revision is the "previous" one of the next update.
      const labels = [...kept.filter((l) => l.status !== now.status || l.revision !== now.revision), now];
      this.info.set({ ...e, job: j.job, ...now }, 1);
      this.synced.set({ ...e, job: j.job }, j.inSync ? 1 : 0);
      this.seen.set(j.job, labels);
    }
  }
}
