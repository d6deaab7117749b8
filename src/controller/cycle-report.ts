// Cycle step 5: what the cycle found and did, recorded: whether each job equals git after the
// cycle and why not, drift first-seen and resolution, the alerts that follow from them, the
// metrics. Which side moved (git or AWS) is the plan's to say, from berth's applied-state record.
import type { Logger } from 'pino';
import type { ApplyResult, JobOutcome } from '../model/apply.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { AlertSink } from '../notify/dispatcher.js';
import { driftDetectedAlert, driftDetectedFingerprint, driftResolvedAlert } from './alerts.js';
import { raiseSyncAlerts } from './cycle-alerts.js';
import { driftEntry, type DriftAction } from './drift-report.js';
import type { DriftChanges } from './drift-tracker.js';
import { jobMetrics } from './job-metrics.js';
import { jobTruths, truthOutcome, type JobTruth } from './job-truth.js';
import type { ControllerMetrics } from './metrics.js';
import type { JobDecision } from './policy.js';
import type { ReadScope } from '../pipeline/targeted-read.js';
import type { ControllerMemory, JobStatus } from './status.js';

export interface CycleFacts {
  plan: Plan;
  /** The plan made again after apply, and the live state it read (null when not made). */
  recheck: { plan: Plan; live: LiveState } | null;
  /** Live state the plan was made on. */
  live: LiveState;
  desired: DesiredState;
  revision: string;
  decisions: JobDecision[];
  apply: ApplyResult | null;
  now: Date;
  /** Why no orphan may be pruned this cycle (a rewritten history), if so. */
  pruneHeld?: string | undefined;
  /** Set when only some jobs were read (controller/targeted-cycle.ts): the others keep their entries. */
  read?: ReadScope | undefined;
}

export interface CycleRecord {
  drift: DriftChanges;
  truths: JobTruth[];
  /** What the jobs say about the cycle (failures and interruptions are the caller's to add). */
  outcome: 'synced' | 'out-of-sync' | 'degraded';
}

export interface RecordDeps {
  memory: ControllerMemory;
  log: Logger;
  alerts: AlertSink;
  metrics: ControllerMetrics;
}

export function recordCycle(deps: RecordDeps, facts: CycleFacts): CycleRecord {
  const { memory: mem, log } = deps;
  const outcomes = new Map<string, JobOutcome>((facts.apply?.jobs ?? []).map((o) => [o.job, o]));
  const planned = new Map(facts.plan.jobs.map((j) => [j.job, j]));
  const truths = jobTruths({
    plan: facts.plan,
    recheck: facts.recheck?.plan ?? null,
    decisions: facts.decisions,
    apply: facts.apply,
    pruneEnabled: facts.desired.prune.enabled,
    pruneHeld: facts.pruneHeld !== undefined,
    preventDestroy: mem.preventDestroy,
  });
  const truthOf = new Map(truths.map((t) => [t.job, t]));

  const previous = new Map(mem.jobs.map((j) => [j.job, j]));
  const readAt = facts.now.toISOString();
  const fresh = facts.decisions.map((d): JobStatus => {
    const o = outcomes.get(d.job);
    const t = truthOf.get(d.job)!;
    return {
      job: d.job,
      status: t.status,
      planned: d.status,
      inSync: t.inSync,
      divergence: t.divergence,
      kind: d.kind,
      decision: d.decision,
      reason: t.reason,
      result: o?.outcome ?? null,
      error: o?.error?.message ?? null,
      file: planned.get(d.job)?.file ?? null,
      readAt,
    };
  });
  mem.jobs = facts.read ? kept(mem.jobs, fresh, facts.desired) : fresh;
  mem.warnings = cycleWarnings(facts);
  logJobs(log, facts, previous, mem.jobs, outcomes);

  const drift = recordDrift(deps, facts, outcomes);
  raiseSyncAlerts(deps, facts, truths);

  const byStatus: Record<string, number> = {};
  for (const j of mem.jobs) if (j.status !== 'Pruned') byStatus[j.status] = (byStatus[j.status] ?? 0) + 1;
  deps.metrics.jobs(byStatus, mem.drift.entries().filter((e) => e.action !== 'healed').length);
  const metrics = jobMetrics(truths, facts.desired, facts.recheck?.live ?? facts.live);
  mem.jobMetrics = facts.read ? kept(mem.jobMetrics, metrics, facts.desired) : metrics;
  deps.metrics.jobStates(mem.jobMetrics);
  // A targeted cycle's word covers the other jobs too, by their last verdict (all in sync when it runs).
  return { drift, truths, outcome: truthOutcome(facts.read ? [...truths, ...mem.jobs] : truths) };
}

/** This cycle's entries, and the last ones of the desired jobs it did not read, by job name. */
function kept<T extends { job: string }>(
  before: readonly T[],
  fresh: readonly T[],
  desired: DesiredState,
): T[] {
  const read = new Set(fresh.map((j) => j.job));
  const wanted = new Set(desired.jobs.map((j) => j.name));
  const old = before.filter((j) => !read.has(j.job) && wanted.has(j.job));
  return [...fresh, ...old].sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : 0));
}

/** Drift: jobs changed out of band, whatever berth did about them this cycle. */
function recordDrift(deps: RecordDeps, facts: CycleFacts, outcomes: Map<string, JobOutcome>): DriftChanges {
  const { memory: mem, log, alerts } = deps;
  const head = { owner: facts.desired.owner, now: facts.now };
  const planned = new Map(facts.plan.jobs.map((j) => [j.job, j]));
  const current = facts.decisions
    .filter((d) => d.kind === 'drift')
    .map((d) => {
      const o = outcomes.get(d.job);
      const action: DriftAction =
        o?.outcome === 'applied' ? 'healed' : o?.outcome === 'failed' ? 'heal-failed' : 'reported';
      return driftEntry(planned.get(d.job)!, { now: facts.now, revision: facts.revision, action });
    });
  const changes = mem.drift.observe(current, facts.now);
  for (const e of changes.opened) {
    log.warn(
      { job: e.job, action: e.action, firstSeen: e.firstSeen, revision: e.revision, changes: e.changes },
      'drift detected',
    );
    alerts.send(driftDetectedAlert(e, head));
  }
  for (const e of changes.resolved) {
    log.info({ job: e.job, firstSeen: e.firstSeen, action: e.action }, 'drift resolved');
    alerts.forget(driftDetectedFingerprint(e));
    alerts.send(driftResolvedAlert(e, head));
  }
  return changes;
}

/**
 * Applied and failed jobs are logged every time; a job that differs from git is logged at warn
 * when it starts to differ or its reason changes (not every resync), and once when it is back.
 */
function logJobs(
  log: Logger,
  facts: CycleFacts,
  previous: Map<string, JobStatus>,
  jobs: readonly JobStatus[],
  outcomes: Map<string, JobOutcome>,
): void {
  for (const j of jobs) {
    const o = outcomes.get(j.job);
    if (o?.outcome === 'applied')
      log.info({ job: j.job, kind: j.kind, steps: o.steps.map((s) => `${s.step} ${s.name}`) }, 'job applied');
    if (o?.outcome === 'failed')
      log.error(
        { job: j.job, error: o.error?.message ?? null, code: o.error?.code ?? null },
        'job apply failed',
      );
    const before = previous.get(j.job);
    const counted = j.divergence !== null && j.divergence !== 'suspended' && j.divergence !== 'failed';
    if (counted && (before?.divergence !== j.divergence || before.reason !== j.reason))
      log.warn(
        {
          job: j.job,
          status: j.status,
          divergence: j.divergence,
          reason: j.reason,
          revision: facts.revision,
        },
        'job differs from git',
      );
    if (j.inSync && before && !before.inSync && before.divergence !== 'suspended')
      log.info({ job: j.job, status: j.status, revision: facts.revision }, 'job equals git again');
  }
}

/** The plan's warnings (after apply, when re-checked), and a held prune, which the plan cannot know. */
function cycleWarnings(facts: CycleFacts): string[] {
  const out = [...(facts.recheck?.plan ?? facts.plan).warnings];
  // policy.ts gives a held orphan the hold's own words as its reason.
  const held = facts.decisions.filter((d) => d.kind === 'orphan' && d.reason === facts.pruneHeld).length;
  if (facts.pruneHeld && held > 0)
    out.push(`${held} job${held === 1 ? '' : 's'} not pruned: ${facts.pruneHeld}`);
  return out;
}
