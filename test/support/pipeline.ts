// The plan/apply pipeline in-process, for integration tests: repository dir → plan → apply.
import { applyPlan } from '../../src/apply/apply.js';
import { MemoryLiveCache, type CachedSchedule, type LiveCache } from '../../src/live/index.js';
import type { ApplyResult } from '../../src/model/apply.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { LiveState } from '../../src/model/live.js';
import type { Plan } from '../../src/model/plan.js';
import type { AwsPorts } from '../../src/model/ports.js';
import { evaluateRepository } from '../../src/pipeline/evaluate.js';
import { planAgainstLive } from '../../src/pipeline/plan-live.js';

export interface Planned {
  desired: DesiredState;
  live: LiveState;
  plan: Plan;
}

/** `cache`: a live-state cache kept across runs, as the CLI's disk cache is (default: a fresh one). */
export async function planRepo(
  dir: string,
  ports: AwsPorts,
  targets?: string[],
  cache: LiveCache = new MemoryLiveCache(),
): Promise<Planned> {
  const evaluation = await evaluateRepository(dir);
  if (!evaluation.desired) {
    const errors = evaluation.diagnostics.filter((d) => d.severity === 'error');
    throw new Error(
      `test repository invalid: ${errors.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`,
    );
  }
  const { live, plan } = await planAgainstLive(evaluation.desired, ports, cache, {
    now: new Date(),
    ...(targets ? { targets } : {}),
  });
  return { desired: evaluation.desired, live, plan };
}

export async function applyRepo(
  dir: string,
  ports: AwsPorts,
  targets?: string[],
  cache?: LiveCache,
): Promise<ApplyResult & Planned> {
  const planned = await planRepo(dir, ports, targets, cache);
  const result = await applyPlan(planned.plan, planned.desired, planned.live, {
    ports,
    now: () => Date.now(),
    ...(cache
      ? {
          onRetagged: (arn: string) => cache.dropRevision(arn),
          onReadBack: (name: string, value: CachedSchedule) => cache.putSchedule(name, value),
        }
      : {}),
  });
  return { ...planned, ...result };
}

/** Actions that are not noop, as "kind resource name" strings, sorted. */
export function pendingActions(plan: Plan): string[] {
  const out: string[] = [];
  if (plan.groupAction.kind !== 'noop')
    out.push(`${plan.groupAction.kind} scheduleGroup ${plan.groupAction.name}`);
  for (const j of plan.jobs)
    for (const a of j.actions) if (a.kind !== 'noop') out.push(`${a.kind} ${a.resource} ${a.name}`);
  return out.sort();
}
