// Prometheus metrics (GET /metrics): the default process metrics plus what the controller does.
// One registry per controller, never prom-client's global one (no module-level state).
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

export class PromMetrics implements ControllerMetrics {
  readonly registry = new Registry();
  private readonly cycles: Counter<'outcome'>;
  private readonly duration: Histogram<'outcome'>;
  private readonly jobsByStatus: Gauge<'status'>;
  private readonly drifted: Gauge;
  private readonly lastSuccess: Gauge;
  private readonly aws: Counter<'operation'>;
  private readonly fetches: Counter<'outcome'>;
  private readonly problems: Gauge<'problem'>;
  private readonly deliveries: Counter<'notifier' | 'result'>;
  private readonly leading: Gauge;
  private readonly lastSynced: Gauge;
  private readonly perJob: JobSeries;
  private readonly now: () => number;

  constructor(
    opts: { defaultMetrics?: boolean; now?: () => number; build?: { version: string; node: string } } = {},
  ) {
    const registers = [this.registry];
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const now = opts.now ?? Date.now;
    this.cycles = new Counter({
      name: 'berth_reconcile_total',
      help: 'Reconcile cycles by outcome (synced, out-of-sync, degraded, skipped, invalid, failed, interrupted)',
      labelNames: ['outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'berth_reconcile_duration_seconds',
      help: 'Duration of reconcile cycles that ran (skipped ones excluded)',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.jobsByStatus = new Gauge({
      name: 'berth_jobs',
      help: 'Jobs by sync status after the last planned cycle',
      labelNames: ['status'],
      registers,
    });
    this.drifted = new Gauge({
      name: 'berth_drifted_jobs',
      help: 'Jobs whose live state differs from git by an out-of-band change not (yet) healed',
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'berth_last_success_timestamp_seconds',
      help: 'Unix time of the last cycle that planned without error (synced, out-of-sync or degraded)',
      registers,
    });
    this.lastSynced = new Gauge({
      name: 'berth_last_synced_timestamp_seconds',
      help: 'Unix time of the last cycle after which every selected job equalled git',
      registers,
    });
    this.perJob = new JobSeries(registers);
    const build = new Gauge({
      name: 'berth_build_info',
      help: 'Always 1: the berth version and the Node.js version it runs on',
      labelNames: ['version', 'node'],
      registers,
    });
    build.set(opts.build ?? { version: 'unknown', node: process.versions.node }, 1);
    this.aws = new Counter({
      name: 'berth_aws_calls_total',
      help: 'AWS API calls by service:Operation',
      labelNames: ['operation'],
      registers,
    });
    this.fetches = new Counter({
      name: 'berth_git_fetches_total',
      help:
        'Source checks by outcome (fetched: head moved; unchanged: ls-remote only; failed; ' +
        'repaired: a damaged working copy was fetched afresh; aborted: cut short by a stop)',
      labelNames: ['outcome'],
      registers,
    });
    this.problems = new Gauge({
      name: 'berth_source_problem',
      help:
        '1 while the source has this problem (unavailable: cannot be read; invalid: head does not ' +
        'validate; rewritten: force-pushed history in force, pruning held)',
      labelNames: ['problem'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'berth_alert_deliveries_total',
      help: 'Alerts by notifier and result (delivered, failed, deduplicated, rate-limited)',
      labelNames: ['notifier', 'result'],
      registers,
    });
    this.leading = new Gauge({
      name: 'berth_leader',
      help: '1 while this replica holds the lease and reconciles (always 1 without a lease), 0 while it follows',
      registers,
    });
    this.now = now;
  }

  cycle(outcome: CycleOutcome, seconds: number): void {
    this.cycles.inc({ outcome });
    if (outcome !== 'skipped') this.duration.observe({ outcome }, seconds);
    if (PLANNED_OUTCOMES.includes(outcome)) this.lastSuccess.set(this.now() / 1000);
    if (outcome === 'synced') this.lastSynced.set(this.now() / 1000);
  }

  jobs(byStatus: Record<string, number>, drifted: number): void {
    for (const status of [...STATUSES, ...Object.keys(byStatus)])
      this.jobsByStatus.set({ status }, byStatus[status] ?? 0);
    this.drifted.set(drifted);
  }

  jobStates(jobs: readonly JobMetric[]): void {
    this.perJob.update(jobs);
  }

  awsCalls(calls: Record<string, number>): void {
    for (const [operation, n] of Object.entries(calls)) this.aws.inc({ operation }, n);
  }

  gitFetch(outcome: FetchOutcome): void {
    this.fetches.inc({ outcome });
  }

  sourceProblems(problems: Record<SourceProblem, boolean>): void {
    for (const [problem, on] of Object.entries(problems)) this.problems.set({ problem }, on ? 1 : 0);
  }

  alertDelivery(notifier: string, result: DeliveryResult): void {
    this.deliveries.inc({ notifier, result });
  }

  leader(isLeader: boolean): void {
    this.leading.set(isLeader ? 1 : 0);
  }
}
