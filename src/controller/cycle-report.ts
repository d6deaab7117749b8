// Cycle step 4: what the cycle found and did, recorded: per-job status, drift first-seen and
// resolution, and the alerts that follow from them.
import type { Logger } from 'pino';
import type { ApplyResult, JobOutcome } from '../model/apply.js';
import type { DesiredState } from '../model/desired.js';
import type { Plan } from '../model/plan.js';
import type { AlertSink } from '../notify/dispatcher.js';
import {
  applyFailedAlert,
  driftDetectedAlert,
  driftDetectedFingerprint,
  driftResolvedAlert,
} from './alerts.js';
import { driftEntry, type DriftAction } from './drift-report.js';
import type { DriftChanges } from './drift-tracker.js';
import type { ControllerMetrics } from './metrics.js';
import type { JobDecision } from './policy.js';
import type { ControllerMemory, JobStatus } from './status.js';

export interface CycleFacts {
  plan: Plan;
  desired: DesiredState;
  revision: string;
  decisions: JobDecision[];
  apply: ApplyResult | null;
  now: Date;
}

export function recordCycle(
  deps: { memory: ControllerMemory; log: Logger; alerts: AlertSink; metrics: ControllerMetrics },
  facts: CycleFacts,
): DriftChanges {
  const { memory: mem, log, alerts } = deps;
  const outcomes = new Map<string, JobOutcome>((facts.apply?.jobs ?? []).map((o) => [o.job, o]));
  const planned = new Map(facts.plan.jobs.map((j) => [j.job, j]));
  const head = { owner: facts.desired.owner, now: facts.now };

  mem.jobs = facts.decisions.map((d): JobStatus => {
    const o = outcomes.get(d.job);
    const done = o?.outcome === 'applied';
    return {
      job: d.job,
      status: done ? (d.kind === 'orphan' ? 'Pruned' : 'InSync') : d.status,
      planned: d.status,
      kind: d.kind,
      decision: d.decision,
      reason: d.reason,
      result: o?.outcome ?? null,
      error: o?.error?.message ?? null,
      file: planned.get(d.job)?.file ?? null,
    };
  });

  for (const d of facts.decisions) {
    const o = outcomes.get(d.job);
    if (o?.outcome === 'applied')
      log.info({ job: d.job, kind: d.kind, steps: o.steps.map((s) => `${s.step} ${s.name}`) }, 'job applied');
    if (o?.outcome === 'failed') {
      log.error(
        { job: d.job, error: o.error?.message ?? null, code: o.error?.code ?? null },
        'job apply failed',
      );
      alerts.send(applyFailedAlert(o, facts.revision, head));
    }
  }

  // Drift: jobs changed out of band, whatever berth did about them this cycle.
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

  const byStatus: Record<string, number> = {};
  for (const j of mem.jobs) if (j.status !== 'Pruned') byStatus[j.status] = (byStatus[j.status] ?? 0) + 1;
  deps.metrics.jobs(byStatus, mem.drift.entries().filter((e) => e.action !== 'healed').length);
  return changes;
}
