// One reconcile cycle: source revision → validate → plan → apply (what policy allows) → report.
// The controller is only a loop around this function; it never throws (a failure is an outcome).
import { applyPlan } from '../apply/apply.js';
import type { LeaderGate } from '../lease/leader-gate.js';
import type { LiveCache } from '../live/index.js';
import type { MemoryJobPlanStore } from '../pipeline/job-plan-store.js';
import type { ApplyResult } from '../model/apply.js';
import type { DesiredState } from '../model/desired.js';
import type { AwsPorts } from '../model/ports.js';
import { planAgainstLive, type LivePlan } from '../pipeline/plan-live.js';
import type { Source } from '../source/source.js';
import { trackApply } from './apply-progress.js';
import { cycleTargets } from './targeted-cycle.js';
import { recordCycle } from './cycle-report.js';
import { refreshDesired, type DesiredStep, type DesiredStepDeps } from './desired-step.js';
import type { DriftChanges } from './drift-tracker.js';
import type { ControllerMetrics } from './metrics.js';
import { decideJob, selectJobs, type JobDecision, type SyncPolicy } from './policy.js';
import { PLANNED_OUTCOMES, type CycleOutcome, type CycleSummary } from './status.js';
import type { Trigger } from './triggers.js';
import { callsSince } from '../aws/call-counts.js';

export interface ReconcileDeps extends DesiredStepDeps {
  /**
   * AWS ports for the region berth.yaml names (undefined: the SDK's region chain), with the
   * credentials of the desired state's environment (its role) when it has one.
   */
  portsFor: (region: string | undefined, desired?: DesiredState) => AwsPorts;
  cache: LiveCache;
  /** InSync job plans remembered between cycles (plan/job-memo.ts). */
  jobPlans?: MemoryJobPlanStore;
  metrics: ControllerMetrics;
  policy: SyncPolicy;
  /** Jobs applied at once. */
  concurrency?: number;
  /** With a lease configured (berth.yaml spec.lock), only the replica holding it plans and writes. */
  leader?: LeaderGate;
  /** Why a repository of this many jobs does not fit in the heap (config/memory.ts), if it does not. */
  heapCheck?: (jobs: number) => string | undefined;
}

export interface ReconcileOptions {
  /** Plan even when the revision did not move (resync, retry, start-up). */
  force?: boolean;
  triggers?: Trigger[];
}

export interface CycleResult extends CycleSummary {
  decisions: JobDecision[];
  apply: ApplyResult | null;
  drift: DriftChanges;
}

const NO_DRIFT: DriftChanges = { opened: [], resolved: [] };

export async function reconcileOnce(
  deps: ReconcileDeps,
  source: Source,
  opts: ReconcileOptions = {},
): Promise<CycleResult> {
  const mem = deps.memory;
  const started = deps.now();
  // AWS calls are counted from the moment the cycle picks its ports.
  const meter: { ports?: AwsPorts; before: Record<string, number> } = { before: {} };
  const finish = (outcome: CycleOutcome, rest: Partial<CycleResult> = {}): CycleResult => {
    const calls = meter.ports ? callsSince(meter.before, meter.ports.calls.snapshot()) : {};
    return closeCycle(deps, { started, calls, triggers: opts.triggers ?? [] }, outcome, rest);
  };

  // 1. The revision to reconcile: new commits are validated; invalid ones never replace the last valid one.
  const step = await refreshDesired(deps, source).catch((err: unknown): DesiredStep => ({
    snapshot: undefined,
    changed: false,
    sourceError: err instanceof Error ? err.message : String(err),
  }));
  // A stop during the fetch is no outage: nothing is reported, the cycle just ends.
  if (step.interrupted) return finish('interrupted');
  // After an invalid first revision there is equally nothing new to look at; a cycle that left
  // jobs differing from git for a reason it reported waits for a commit or the resync too.
  const lastOk =
    mem.lastCycle !== undefined &&
    [...PLANNED_OUTCOMES, 'skipped', 'invalid'].includes(mem.lastCycle.outcome);
  if (!opts.force && !step.changed && !step.sourceError && lastOk) return finish('skipped');
  const good = mem.lastGood;
  if (!good)
    return finish(step.sourceError ? 'failed' : 'invalid', {
      error: step.sourceError ?? 'no valid revision yet',
    });
  if (deps.signal?.aborted) return finish('interrupted');
  // 1a. A repository too big for the heap stops here, before the live state that would not fit.
  const heapShort = deps.heapCheck?.(good.desired.jobs.length);
  if (heapShort) {
    deps.log.error({ jobs: good.desired.jobs.length, error: heapShort }, 'heap too small for the repository');
    return finish('failed', { error: heapShort });
  }
  // 1b. A follower stands by (ready, idle); a lease lost mid-cycle stops the apply like a shutdown.
  const lead = deps.leader ? await deps.leader.lead(good.desired) : undefined;
  if (lead && !lead.leader) {
    if (lead.failed) return finish('failed', { error: lead.reason });
    mem.ready = true;
    return finish('skipped');
  }
  const signal =
    lead?.signal && deps.signal ? AbortSignal.any([deps.signal, lead.signal]) : (lead?.signal ?? deps.signal);

  // 2. Live state and the plan against the last valid revision.
  const ports = deps.portsFor(good.desired.region, good.desired);
  Object.assign(meter, { ports, before: ports.calls.snapshot() });
  // 2a. A commit that touched a few jobs from a clean state: only those are read (targeted-cycle.ts).
  const targets = cycleTargets(step.touched, opts.triggers ?? [], mem, good.desired);
  let lp: LivePlan;
  try {
    lp = await planAgainstLive(good.desired, ports, deps.cache, {
      ...(deps.jobPlans ? { jobPlans: deps.jobPlans } : {}),
      ...(targets ? { targets } : {}),
      now: new Date(deps.now()),
      ...(deps.concurrency ? { concurrency: deps.concurrency * 2 } : {}),
    });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    deps.log.error({ revision: good.revision, error }, 'reading live state failed');
    return finish('failed', { error });
  }

  // 3. Policy: which differences this controller may change (the plan says which side moved).
  const jobs = new Map(good.desired.jobs.map((j) => [j.name, j]));
  const pruneHeld = mem.rewrite
    ? `history rewritten: not pruned until a commit on top of ${mem.rewrite.revision.slice(0, 12)}`
    : undefined;
  const decisions = lp.plan.jobs.map((jp) => {
    const job = jobs.get(jp.job);
    return decideJob(jp, job, deps.policy, {
      preventDestroy: mem.preventDestroy.has(jp.job),
      ...(pruneHeld ? { pruneHeld } : {}),
    });
  });

  // 4. Apply; a stop signal lets the AWS call in flight finish and starts nothing new.
  let apply: ApplyResult | null = null;
  if (lead?.signal?.aborted)
    return finish('interrupted', { error: 'lost the lease before applying', decisions });
  if (decisions.some((d) => d.decision === 'apply') && !signal?.aborted) {
    const selected = selectJobs(lp.plan, decisions);
    const progress = trackApply(deps, good.revision, selected.jobs.length);
    try {
      apply = await applyPlan(selected, good.desired, lp.live, {
        ports,
        now: deps.now,
        ...(signal ? { signal } : {}),
        ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
        onRetagged: (arn) => deps.cache.dropRevision(arn),
        onReadBack: (name, value) => deps.cache.putSchedule(name, value),
        onEvent: progress.onEvent,
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      deps.log.error({ revision: good.revision, error }, 'apply failed');
      return finish('failed', { error, decisions });
    } finally {
      progress.done();
    }
  }

  // 4b. Re-check: whether AWS equals git is read from AWS after apply, not taken from apply's word.
  let recheck: LivePlan | null = null;
  let recheckError: string | undefined;
  // A stop that came during apply starts nothing new, not even this read.
  const stopped = apply !== null && !apply.interrupted && signal?.aborted === true;
  if (apply && !apply.interrupted && !stopped) {
    try {
      recheck = await planAgainstLive(good.desired, ports, deps.cache, {
        ...(lp.read ? { targets: lp.read.jobs } : {}),
        now: new Date(deps.now()),
        ...(deps.concurrency ? { concurrency: deps.concurrency * 2 } : {}),
      });
    } catch (err) {
      recheckError = `re-reading live state after apply failed: ${err instanceof Error ? err.message : String(err)}`;
      deps.log.error({ revision: good.revision, error: recheckError }, 'reading live state failed');
    }
  }

  // 5. Report: whether each job equals git, drift, alerts, metrics.
  const record = recordCycle(deps, {
    plan: lp.plan,
    recheck,
    live: lp.live,
    desired: good.desired,
    revision: good.revision,
    decisions,
    apply,
    now: new Date(deps.now()),
    pruneHeld,
    read: lp.read,
  });
  const outcome: CycleOutcome =
    apply?.interrupted || stopped
      ? 'interrupted'
      : (apply && !apply.ok) || step.sourceError || recheckError
        ? 'failed'
        : record.outcome;
  const error = step.sourceError ?? (apply && !apply.ok ? applyError(apply) : recheckError);
  const differing = record.truths.filter((t) => !t.inSync && t.divergence !== 'suspended').length;
  return finish(outcome, {
    decisions,
    apply,
    drift: record.drift,
    differing,
    // The first read of the cycle: the one that decided what to apply.
    ...(lp.plan.liveRead ? { liveRead: lp.plan.liveRead } : {}),
    ...(error ? { error } : {}),
  });
}

function applyError(apply: ApplyResult): string {
  if (apply.group === 'failed')
    return `schedule group could not be created: ${apply.groupError ?? 'unknown error'}`;
  const failed = apply.jobs.filter((j) => j.outcome === 'failed').map((j) => j.job);
  return failed.length > 0 ? `apply failed for ${failed.join(', ')}` : 'apply was interrupted';
}

/** A cycle that did not run (deferred by backoff, the controller is stopping, or it crashed). */
export function idleCycle(outcome: CycleOutcome, now: number, triggers: Trigger[]): CycleResult {
  return {
    triggers: triggers.map((t) => t.kind),
    startedAt: new Date(now).toISOString(),
    durationMs: 0,
    outcome,
    revision: null,
    reconciledRevision: null,
    applied: 0,
    failed: 0,
    differing: null,
    awsCalls: 0,
    liveRead: null,
    error: null,
    decisions: [],
    apply: null,
    drift: NO_DRIFT,
  };
}

function closeCycle(
  deps: ReconcileDeps,
  at: { started: number; calls: Record<string, number>; triggers: Trigger[] },
  outcome: CycleOutcome,
  rest: Partial<CycleResult>,
): CycleResult {
  const mem = deps.memory;
  const calls = at.calls;
  const durationMs = deps.now() - at.started;
  const result: CycleResult = {
    triggers: at.triggers.map((t) => t.kind),
    startedAt: new Date(at.started).toISOString(),
    durationMs,
    outcome,
    revision: mem.head ?? null,
    reconciledRevision: mem.lastGood?.revision ?? null,
    applied: rest.apply?.jobs.filter((j) => j.outcome === 'applied').length ?? 0,
    failed: rest.apply?.jobs.filter((j) => j.outcome === 'failed').length ?? 0,
    differing: rest.differing ?? null,
    awsCalls: Object.values(calls).reduce((a, b) => a + b, 0),
    liveRead: rest.liveRead ?? null,
    error: rest.error ?? null,
    decisions: rest.decisions ?? [],
    apply: rest.apply ?? null,
    drift: rest.drift ?? NO_DRIFT,
  };
  if (outcome !== 'skipped') {
    mem.cycles += 1;
    const { decisions: _d, apply: _a, drift: _x, ...summary } = result;
    mem.lastCycle = summary;
    // Ready once a cycle planned without error, whatever it found: a conflict is no reason to
    // take the controller (and its webhook) out of service.
    if (PLANNED_OUTCOMES.includes(outcome)) {
      mem.ready = true;
      mem.lastSuccessAt = new Date(deps.now()).toISOString();
    }
    // Only a cycle that saw AWS equal to git may say which revision AWS holds.
    if (outcome === 'synced') {
      mem.lastSyncedAt = new Date(deps.now()).toISOString();
      mem.syncedRevision = result.reconciledRevision ?? undefined;
    }
  }
  deps.metrics.cycle(outcome, durationMs / 1000);
  deps.metrics.sourceProblems({
    unavailable: mem.sourceError !== null,
    invalid: mem.invalid !== null,
    rewritten: mem.rewrite !== null,
  });
  deps.metrics.awsCalls(calls);
  return result;
}
