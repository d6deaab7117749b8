// Prometheus metrics (GET /metrics): the default process metrics plus what the controller does.
// One registry per controller process, never prom-client's global one (no module-level state).
// A controller of several environments shares the instruments: each environment's view
// (forEnvironment) labels its series env="<name>"; without an environment the label is left
// out, which PromQL reads as env="" (a controller without environments exports today's series).
// The git source and the alert dispatcher are the process's, shared by every environment: their
// series carry no env label.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobMetric } from '../controller/job-metrics.js';
import type { ControllerMetrics, SourceProblem } from '../controller/metrics.js';
import { PLANNED_OUTCOMES, type CycleOutcome } from '../controller/status.js';
import type { DeliveryResult } from '../notify/dispatcher.js';
import type { SyncStatus } from '../model/plan.js';
import type { FetchOutcome } from '../source/git-source.js';
import { JobSeries } from './job-series.js';

/** Every status berth_jobs exports, at 0 when no job has it (a gap is not a zero). */
const STATUSES: readonly SyncStatus[] = [
  'InSync',
  'OutOfSync',
  'Missing',
  'Drifted',
  'Orphan',
  'Conflict',
  'Suspended',
  'Completed',
  'Failed',
];

type MetricsOptions = {
  defaultMetrics?: boolean;
  now?: () => number;
  build?: { version: string; node: string };
};

/** The instruments, made once per registry and shared by every environment's view. */
interface Instruments {
  registry: Registry;
  now: () => number;
  cycles: Counter<'env' | 'outcome'>;
  duration: Histogram<'env' | 'outcome'>;
  jobsByStatus: Gauge<'env' | 'status'>;
  drifted: Gauge<'env'>;
  lastSuccess: Gauge<'env'>;
  lastSynced: Gauge<'env'>;
  perJob: JobSeries;
  aws: Counter<'env' | 'operation'>;
  fetches: Counter<'outcome'>;
  problems: Gauge<'env' | 'problem'>;
  deliveries: Counter<'notifier' | 'result'>;
  leading: Gauge<'env'>;
  applyDone: Gauge<'env'>;
  applyTotal: Gauge<'env'>;
}

export class PromMetrics implements ControllerMetrics {
  readonly registry: Registry;
  private readonly m: Instruments;
  private readonly perJob: JobSeries;
  /** The env label of this view: none without an environment. */
  private readonly env: { env?: string };

  constructor(opts: MetricsOptions = {}, view?: { instruments: Instruments; env: string }) {
    this.m = view?.instruments ?? instruments(opts);
    this.registry = this.m.registry;
    this.env = view ? { env: view.env } : {};
    this.perJob = view ? this.m.perJob.forEnvironment(view.env) : this.m.perJob;
  }

  /** The same registry and instruments, with this environment's series labelled env="<name>". */
  forEnvironment(env: string): PromMetrics {
    return new PromMetrics({}, { instruments: this.m, env });
  }

  cycle(outcome: CycleOutcome, seconds: number): void {
    const { m, env } = this;
    m.cycles.inc({ ...env, outcome });
    if (outcome !== 'skipped') m.duration.observe({ ...env, outcome }, seconds);
    if (PLANNED_OUTCOMES.includes(outcome)) m.lastSuccess.set(env, m.now() / 1000);
    if (outcome === 'synced') m.lastSynced.set(env, m.now() / 1000);
  }

  jobs(byStatus: Record<string, number>, drifted: number): void {
    for (const status of [...STATUSES, ...Object.keys(byStatus)])
      this.m.jobsByStatus.set({ ...this.env, status }, byStatus[status] ?? 0);
    this.m.drifted.set(this.env, drifted);
  }

  jobStates(jobs: readonly JobMetric[]): void {
    this.perJob.update(jobs);
  }

  awsCalls(calls: Record<string, number>): void {
    for (const [operation, n] of Object.entries(calls)) this.m.aws.inc({ ...this.env, operation }, n);
  }

  /** The process's: one git source feeds every environment. */
  gitFetch(outcome: FetchOutcome): void {
    this.m.fetches.inc({ outcome });
  }

  sourceProblems(problems: Record<SourceProblem, boolean>): void {
    for (const [problem, on] of Object.entries(problems))
      this.m.problems.set({ ...this.env, problem }, on ? 1 : 0);
  }

  /** The process's: one dispatcher sends the alerts of every environment. */
  alertDelivery(notifier: string, result: DeliveryResult): void {
    this.m.deliveries.inc({ notifier, result });
  }

  leader(isLeader: boolean): void {
    this.m.leading.set(this.env, isLeader ? 1 : 0);
  }

  applyProgress(done: number, total: number): void {
    this.m.applyDone.set(this.env, done);
    this.m.applyTotal.set(this.env, total);
  }
}

function instruments(opts: MetricsOptions): Instruments {
  const registry = new Registry();
  const registers = [registry];
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const cycles = new Counter({
    name: 'berth_reconcile_total',
    help: 'Reconcile cycles by outcome (synced, out-of-sync, degraded, skipped, invalid, failed, interrupted)',
    labelNames: ['env', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: 'berth_reconcile_duration_seconds',
    help: 'Duration of reconcile cycles that ran (skipped ones excluded)',
    labelNames: ['env', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const jobsByStatus = new Gauge({
    name: 'berth_jobs',
    help: 'Jobs by sync status after the last planned cycle',
    labelNames: ['env', 'status'],
    registers,
  });
  const drifted = new Gauge({
    name: 'berth_drifted_jobs',
    help: 'Jobs whose live state differs from git by an out-of-band change not (yet) healed',
    labelNames: ['env'],
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'berth_last_success_timestamp_seconds',
    help: 'Unix time of the last cycle that planned without error (synced, out-of-sync or degraded)',
    labelNames: ['env'],
    registers,
  });
  const lastSynced = new Gauge({
    name: 'berth_last_synced_timestamp_seconds',
    help: 'Unix time of the last cycle after which every selected job equalled git',
    labelNames: ['env'],
    registers,
  });
  const perJob = new JobSeries(registers);
  const build = new Gauge({
    name: 'berth_build_info',
    help: 'Always 1: the berth version and the Node.js version it runs on',
    labelNames: ['version', 'node'],
    registers,
  });
  build.set(opts.build ?? { version: 'unknown', node: process.versions.node }, 1);
  const aws = new Counter({
    name: 'berth_aws_calls_total',
    help: 'AWS API calls by service:Operation',
    labelNames: ['env', 'operation'],
    registers,
  });
  const fetches = new Counter({
    name: 'berth_git_fetches_total',
    help:
      'Source checks by outcome (fetched: head moved; unchanged: ls-remote only; failed; ' +
      'repaired: a damaged working copy was fetched afresh; aborted: cut short by a stop)',
    labelNames: ['outcome'],
    registers,
  });
  const problems = new Gauge({
    name: 'berth_source_problem',
    help:
      '1 while the source has this problem (unavailable: cannot be read; invalid: head does not ' +
      'validate; rewritten: force-pushed history in force, pruning held)',
    labelNames: ['env', 'problem'],
    registers,
  });
  const deliveries = new Counter({
    name: 'berth_alert_deliveries_total',
    help: 'Alerts by notifier and result (delivered, failed, deduplicated, rate-limited)',
    labelNames: ['notifier', 'result'],
    registers,
  });
  const leading = new Gauge({
    name: 'berth_leader',
    help: '1 while this replica holds the lease and reconciles (always 1 without a lease), 0 while it follows',
    labelNames: ['env'],
    registers,
  });
  const applyDone = new Gauge({
    name: 'berth_apply_jobs_done',
    help: 'Jobs the apply in flight has finished (applied or failed); 0 between applies',
    labelNames: ['env'],
    registers,
  });
  const applyTotal = new Gauge({
    name: 'berth_apply_jobs_total',
    help: 'Jobs the apply in flight acts on; 0 between applies',
    labelNames: ['env'],
    registers,
  });
  return {
    registry,
    now: opts.now ?? Date.now,
    cycles,
    duration,
    jobsByStatus,
    drifted,
    lastSuccess,
    lastSynced,
    perJob,
    aws,
    fetches,
    problems,
    deliveries,
    leading,
    applyDone,
    applyTotal,
  };
}
