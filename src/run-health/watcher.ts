// The controller's eye on runs: every interval it reads each job's recent tasks from ECS (plus
// the durable feed and dead-letter queues when there are any), keeps the last runs per job,
// raises alerts for failed, missed, overlong and overlapping runs, stops a run past its
// maxDuration when the job asks for it, and feeds the run metrics. It never throws: a failed
// observation is logged and tried again at the next tick.
import type { Logger } from 'pino';
import type { DesiredJob, DesiredState } from '../model/desired.js';
import type { AwsPorts } from '../model/ports.js';
import type { RunRecord } from '../model/runs.js';
import type { AlertSink } from '../notify/dispatcher.js';
import type { Clock } from '../run/clock.js';
import { readRuns, type RevisionCache } from '../runs/index.js';
import { runsSettings } from '../runs/settings.js';
import { nextFireTimes, timingOf } from '../schedule-times/index.js';
import { runAlert } from './alerts.js';
import { CountedRuns } from './counted-runs.js';
import { checkJobRuns, type RunFinding } from './findings.js';
import { RunHistory } from './history.js';
import type { RunMetricsSink } from './metrics.js';

/** More runs of a job, from somewhere other than ECS's short memory (feed, dead-letter queue). */
export interface RunSource {
  readonly name: string;
  read(desired: DesiredState, now: number): Promise<RunRecord[]>;
}

export interface RunWatcherDeps {
  clock: Clock;
  log: Logger;
  alerts: AlertSink;
  metrics: RunMetricsSink;
  /** The AWS ports of `desired`'s environment (its region, role and account). */
  portsFor: (region: string | undefined, desired: DesiredState) => AwsPorts;
  /** The revision in force (the controller's last valid one). */
  desired: () => { revision: string; desired: DesiredState } | undefined;
  /** The job's schedule is in AWS as git has it (after the last cycle). */
  scheduleLive: (job: string) => boolean;
  /** Alerts and stops come from the leader only (always true without a lease). */
  isLeader?: () => boolean;
  sources?: (desired: DesiredState, ports: AwsPorts) => RunSource[];
  /** Brings the durable run feed in line with a new revision (leader only; throws on failure). */
  provision?: (desired: DesiredState, ports: AwsPorts) => Promise<void>;
  intervalMs: number;
}

export interface JobRunsView {
  job: string;
  expression: string | null;
  timezone: string | null;
  nextRun: string | null;
  maxDurationMs: number | null;
  runs: RunRecord[];
}

export interface RunsView {
  kind: 'berth.runs';
  formatVersion: 1;
  at: string;
  lastObservation: string | null;
  error: string | null;
  jobs: JobRunsView[];
}

export class RunWatcher {
  private readonly history: RunHistory;
  private readonly missedFrom = new Map<string, number>();
  private readonly overlapFrom = new Map<string, number>();
  private readonly counted = new CountedRuns();
  private readonly stopRequested = new Set<string>();
  private readonly revisions: RevisionCache = new Map();
  private readonly stopping = new AbortController();
  private readonly startedAt: number;
  private loop: Promise<void> | undefined;
  private lastObservation: number | undefined;
  private lastError: string | null = null;
  private inFlight: Promise<RunFinding[]> | undefined;
  private provisioned: string | undefined;

  constructor(private readonly deps: RunWatcherDeps) {
    this.startedAt = deps.clock.now();
    this.history = new RunHistory(() => {
      const d = deps.desired()?.desired;
      return d ? runsSettings(d).keep : 20;
    });
  }

  start(): void {
    this.loop ??= (async () => {
      while (!this.stopping.signal.aborted) {
        await this.observe();
        await this.deps.clock.sleep(this.deps.intervalMs, this.stopping.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.inFlight;
  }

  /** One observation (one at a time); resolves with what it found. */
  observe(): Promise<RunFinding[]> {
    this.inFlight ??= this.observeOnce().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  view(): RunsView {
    const d = this.deps.desired()?.desired;
    const now = this.deps.clock.now();
    return {
      kind: 'berth.runs',
      formatVersion: 1,
      at: new Date(now).toISOString(),
      lastObservation: this.lastObservation ? new Date(this.lastObservation).toISOString() : null,
      error: this.lastError,
      jobs: [...(d?.jobs ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((j) => ({
          job: j.name,
          expression: j.schedule?.ScheduleExpression ?? null,
          timezone: j.schedule ? (j.schedule.ScheduleExpressionTimezone ?? 'UTC') : null,
          nextRun: nextRunOf(j, now)?.toISOString() ?? null,
          maxDurationMs: j.health?.maxDurationMs ?? null,
          runs: this.history.runs(j.name),
        })),
    };
  }

  private async observeOnce(): Promise<RunFinding[]> {
    const current = this.deps.desired();
    if (!current) return [];
    const { desired, revision } = current;
    const now = this.deps.clock.now();
    const settings = runsSettings(desired);
    try {
      const ports = this.deps.portsFor(desired.region, desired);
      await this.provision(desired, revision, ports);
      const records = await this.read(desired, ports, now, settings.keep);
      this.history.retain(new Set(desired.jobs.map((j) => j.name)));
      const changed = this.history.merge(records, now);
      const findings: RunFinding[] = [];
      for (const job of desired.jobs) {
        const result = checkJobRuns({
          job,
          runs: this.history.runs(job.name),
          changed: changed.filter((r) => r.job === job.name),
          now,
          missedFrom: this.missedFrom.get(job.name) ?? this.startedAt,
          overlapFrom: this.overlapFrom.get(job.name) ?? this.startedAt,
          graceMinutes: settings.missedRunGraceMinutes,
          scheduleLive: this.deps.scheduleLive(job.name),
        });
        this.missedFrom.set(job.name, result.missedUntil);
        this.overlapFrom.set(job.name, result.overlapUntil);
        findings.push(...result.findings);
        this.deps.metrics.nextRun(job.name, secondsOf(nextRunOf(job, now)));
      }
      this.count(changed);
      await this.act(findings, desired, revision, ports, now);
      this.lastObservation = now;
      this.lastError = null;
      return findings;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.deps.log.warn({ error: this.lastError }, 'reading runs failed');
      return [];
    }
  }

  private async provision(desired: DesiredState, revision: string, ports: AwsPorts): Promise<void> {
    if (!this.deps.provision || this.provisioned === revision) return;
    if (this.deps.isLeader && !this.deps.isLeader()) return;
    try {
      await this.deps.provision(desired, ports);
      this.provisioned = revision;
    } catch (err) {
      this.deps.log.error(
        { error: err instanceof Error ? err.message : String(err) },
        'run feed not provisioned',
      );
    }
  }

  private async read(
    desired: DesiredState,
    ports: AwsPorts,
    now: number,
    keep: number,
  ): Promise<RunRecord[]> {
    const byCluster = new Map<string, DesiredJob[]>();
    for (const j of desired.jobs) {
      const cluster = j.schedule?.Target?.Arn ?? desired.clusterArn;
      byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), j]);
    }
    const region = desired.region ?? ports.region;
    const records: RunRecord[] = [];
    for (const [cluster, jobs] of byCluster) {
      const runs = await readRuns(
        ports.ecs,
        jobs.map((j) => ({ name: j.name, family: j.family, mainContainer: j.mainContainer })),
        { cluster, now, limit: keep, ...(region ? { region } : {}) },
        this.revisions,
      );
      for (const list of runs.values()) records.push(...list);
    }
    for (const source of this.deps.sources?.(desired, ports) ?? []) {
      try {
        records.push(...(await source.read(desired, now)));
      } catch (err) {
        this.deps.log.warn(
          { source: source.name, error: err instanceof Error ? err.message : String(err) },
          'reading runs failed',
        );
      }
    }
    return records;
  }

  private count(changed: RunRecord[]): void {
    for (const r of changed) {
      const done = r.result !== 'Running' && r.result !== 'Pending';
      const key = `${r.job}|${r.taskArn ?? r.createdAt}|${r.error ?? ''}`;
      if (!done) continue;
      const now = this.deps.clock.now();
      const ended = Date.parse(r.stoppedAt ?? r.createdAt ?? '') || now;
      if (!this.counted.first(key, ended, now)) continue;
      this.deps.metrics.finished(r.job, r.result, ended / 1000, r.durationSeconds);
    }
  }

  private async act(
    findings: RunFinding[],
    desired: DesiredState,
    revision: string,
    ports: AwsPorts,
    now: number,
  ): Promise<void> {
    if (this.deps.isLeader && !this.deps.isLeader()) return;
    const head = { owner: desired.owner, revision, now: new Date(now) };
    for (const f of findings) {
      this.deps.alerts.send(runAlert(f, head));
      if (f.kind !== 'run-overran' || !f.stopping || !f.run.taskArn || this.stopRequested.has(f.run.taskArn))
        continue;
      this.stopRequested.add(f.run.taskArn);
      const job = desired.jobs.find((j) => j.name === f.job);
      const cluster = job?.schedule?.Target?.Arn ?? desired.clusterArn;
      const reason = `berth: exceeded maxDuration ${Math.round(f.maxDurationMs / 1000)}s`;
      try {
        await ports.ecs.stopTask(cluster, f.run.taskArn, reason);
        this.deps.log.warn({ job: f.job, task: f.run.taskArn }, 'stopped a run past its maxDuration');
      } catch (err) {
        this.deps.log.error(
          { job: f.job, task: f.run.taskArn, error: err instanceof Error ? err.message : String(err) },
          'stopping a run past its maxDuration failed',
        );
      }
    }
  }
}

function nextRunOf(job: DesiredJob, now: number): Date | undefined {
  const timing = job.schedule ? timingOf(job.schedule) : undefined;
  if (!timing) return undefined;
  const next = nextFireTimes(timing, new Date(now), 1);
  return next.anchor === 'unknown' ? undefined : next.times[0];
}

const secondsOf = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);
