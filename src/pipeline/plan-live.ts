// Desired state + AWS → live state → plan: the one pipeline plan, apply, drift and the
// controller share.
import { readLiveState } from '../live/index.js';
import type { LiveCache } from '../live/index.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { computePlan } from '../plan/index.js';
import { assertAccount } from './account.js';

export interface PlanLiveOptions {
  targets?: string[];
  now: Date;
  concurrency?: number;
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
  // Nothing is read from an account the environment is not in.
  await assertAccount(ports, desired.account, desired.environment);
  const live = await readLiveState(ports, {
    owner: desired.owner,
    scheduleGroup: desired.scheduleGroup,
    namePrefix: desired.namePrefix,
    cache,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  });
  const plan = computePlan(desired, live, {
    now: opts.now,
    ...(opts.targets?.length ? { targets: opts.targets } : {}),
  });
  return { live, plan };
}
