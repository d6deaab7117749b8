// Cycle step 5b: the alerts about whether AWS equals git. Standing conditions (a conflict, a
// refused prune, a failing apply) are raised every planned cycle while current (the dispatcher
// deduplicates and repeats them after --alert-repeat) and resolved once, when they end. A cycle
// that deployed git changes raises the opt-in deploy notice.
import type { JobOutcome } from '../model/apply.js';
import { applyFailedAlert } from './alerts.js';
import type { Condition } from './conditions.js';
import type { CycleFacts, RecordDeps } from './cycle-report.js';
import type { JobTruth } from './job-truth.js';
import {
  conflictAlert,
  deploySucceededAlert,
  pruneRefusedAlert,
  resolvedAlert,
  type Deployed,
} from './sync-alerts.js';

export function raiseSyncAlerts(deps: RecordDeps, facts: CycleFacts, truths: readonly JobTruth[]): void {
  const { memory: mem, alerts, log } = deps;
  const head = { owner: facts.desired.owner, now: facts.now };
  const current: Condition[] = [];

  // Conflicts: one alert per cause (a foreign schedule group puts every job in the same one).
  const conflicts = new Map<string, string[]>();
  for (const t of truths)
    if (t.status === 'Conflict' || t.status === 'Failed')
      conflicts.set(t.reason, [...(conflicts.get(t.reason) ?? []), t.job]);
  for (const [message, jobs] of conflicts)
    current.push({ key: `conflict:${message}`, alert: conflictAlert(message, jobs, facts.revision, head) });

  const refused = (facts.recheck?.plan ?? facts.plan).refusedPrune;
  if (refused) current.push({ key: 'prune', alert: pruneRefusedAlert(refused, facts.revision, head) });

  for (const o of facts.apply?.jobs ?? [])
    if (o.outcome === 'failed')
      current.push({ key: `apply:${o.job}`, alert: applyFailedAlert(o, facts.revision, head) });

  const known = new Set(mem.conditions.entries().map((c) => c.key));
  const ended = mem.conditions.observe(current, facts.now);
  if (refused && !known.has('prune'))
    log.warn({ guard: refused.guard, jobs: refused.jobs, warning: refused.warning }, 'prune refused');
  for (const c of ended) {
    if (c.key === 'prune') log.info({ since: c.since }, 'prune refusal resolved');
    alerts.forget(c.alert.fingerprint);
    const resolved = resolvedAlert(c, facts.revision, head);
    if (resolved) alerts.send(resolved);
  }
  for (const c of current) alerts.send(c.alert);

  const deployed = deployedJobs(facts, truths);
  if (deployed.length > 0) {
    const differing = truths.filter((t) => !t.inSync && t.divergence !== 'suspended').length;
    alerts.send(deploySucceededAlert(facts.revision, deployed, differing, head));
  }
}

/** Git changes (not healed drift) that reached AWS and now equal git. */
function deployedJobs(facts: CycleFacts, truths: readonly JobTruth[]): Deployed[] {
  const outcomes = new Map<string, JobOutcome>((facts.apply?.jobs ?? []).map((o) => [o.job, o]));
  const truthOf = new Map(truths.map((t) => [t.job, t]));
  return facts.decisions
    .filter((d) => d.decision === 'apply' && (d.kind === 'git' || d.kind === 'orphan'))
    .filter((d) => outcomes.get(d.job)?.outcome === 'applied' && truthOf.get(d.job)?.inSync === true)
    .map((d) => ({
      job: d.job,
      steps: outcomes
        .get(d.job)!
        .steps.filter((s) => s.ok)
        .map((s) => `${s.step} ${s.name}`),
      pruned: d.kind === 'orphan',
    }));
}
