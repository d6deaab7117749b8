// Desired state + AWS → live state → plan: the one pipeline plan, apply, drift and the
// controller share.
import { readLiveState } from '../live/index.js';
import type { LiveCache } from '../live/index.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { computePlan } from '../plan/index.js';
import type { MemoryJobPlanStore } from './job-plan-store.js';

export interface PlanLiveOptions {
  targets?: string[];
  now: Date;
  concurrency?: number;
  /** Remembered InSync job plans (plan/job-memo.ts); saved after a plan of every job. */
  jobPlans?: MemoryJobPlanStore;
}

export interface LivePlan {
  live: LiveState;
  plan: Plan;
}

export async function planAgainstLive(
  desired: DesiredState,
  ports: AwsPorts,
  cache: LiveCache,
  opts: PlanLiveOptions,
): Promise<LivePlan> {
  const live = await readLiveState(ports, {
    owner: desired.owner,
    scheduleGroup: desired.scheduleGroup,
    namePrefix: desired.namePrefix,
    cache,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  });
  const targeted = Boolean(opts.targets?.length);
  const plan = computePlan(desired, live, {
    now: opts.now,
    ...(targeted ? { targets: opts.targets } : {}),
    ...(opts.jobPlans ? { jobPlans: opts.jobPlans } : {}),
  });
  // A targeted plan saw only some jobs: saving would forget the others.
  if (!targeted) await opts.jobPlans?.save();
  return { live, plan };
}
