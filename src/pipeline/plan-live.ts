// Desired state + AWS → live state → plan: the one pipeline plan, apply, drift and the
// controller share. Jobs the first plan finds out of step get a closer look (every ACTIVE
// revision of their family, from the cache when it has them) and the plan is made again: an
// older revision may already hold git's content (a rollback), or hold berth's record.
// With targets (-t) only those jobs are read when that is provably safe (targeted-read.ts).
import { callsSince } from '../aws/call-counts.js';
import type { LiveCache } from '../live/index.js';
import { deepen } from '../live/revisions.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { computePlan } from '../plan/index.js';
import { assertAccount } from './account.js';
import type { MemoryJobPlanStore } from './job-plan-store.js';
import { readFor, withReadNote, type ReadOutcome, type ReadScope } from './targeted-read.js';
import { reusedRevisions, verifyReused } from './verify-reuse.js';

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
  /** Set when only the targets were read (the plan's warnings say so too). */
  read?: ReadScope;
}

export async function planAgainstLive(
  desired: DesiredState,
  ports: AwsPorts,
  cache: LiveCache,
  opts: PlanLiveOptions,
): Promise<LivePlan> {
  // Nothing is read from an account the environment is not in.
  await assertAccount(ports, desired.account, desired.environment);
  const before = ports.calls.snapshot();
  const concurrency = opts.concurrency ?? 8;
  const targeted = Boolean(opts.targets?.length);
  // A light read's plan that repins a schedule onto an existing revision has that revision's
  // family listed exactly first (verify-reuse.ts); when the list it trusted was wrong, the cache
  // is repaired and the plan made again from a new read (at most twice: the second read takes
  // the repaired list, and a family is listed once a run).
  const verified = new Map<string, readonly string[]>();
  for (let pass = 0; ; pass++) {
    const made = await planOnce(desired, ports, cache, opts, concurrency, before);
    const reused = made.read.live.read?.kind === 'light' ? reusedRevisions(made.plan, made.read.live) : [];
    const stale =
      reused.length > 0 &&
      pass < 2 &&
      (await verifyReused(ports.ecs, made.read.live, reused, { cache, verified }));
    if (!stale) {
      const { read, plan } = made;
      if (pass > 0 || reused.length > 0) {
        read.live.stats.calls = callsSince(before, ports.calls.snapshot());
        await cache.save().catch(() => undefined);
      }
      // A targeted plan saw only some jobs: saving would forget the others.
      if (!targeted) await opts.jobPlans?.save();
      const named = targeted ? { targets: [...new Set(opts.targets)].sort() } : {};
      return {
        live: read.live,
        plan: withReadNote({ ...plan, ...named }, read),
        ...(read.scope ? { read: read.scope } : {}),
      };
    }
  }
}

async function planOnce(
  desired: DesiredState,
  ports: AwsPorts,
  cache: LiveCache,
  opts: PlanLiveOptions,
  concurrency: number,
  before: Record<string, number>,
): Promise<{ read: ReadOutcome; plan: Plan }> {
  const targeted = Boolean(opts.targets?.length);
  const read = await readFor(desired, ports, cache, opts.targets ?? [], concurrency);
  const { live } = read;
  const planOpts = {
    now: opts.now,
    ...(targeted ? { targets: opts.targets } : {}),
    ...(opts.jobPlans ? { jobPlans: opts.jobPlans } : {}),
  };
  let plan = computePlan(desired, live, planOpts);
  const closer = outOfStep(plan, desired, live);
  if (closer.length > 0) {
    await deepen(ports.ecs, live, closer, { cache, concurrency });
    await cache.save().catch(() => undefined);
    plan = computePlan(desired, live, planOpts);
    live.stats.calls = callsSince(before, ports.calls.snapshot());
  }
  return { read, plan };
}

/** Families of jobs with something to change whose ACTIVE revisions are not all described. */
function outOfStep(plan: Plan, desired: DesiredState, live: LiveState): string[] {
  const familyOf = new Map(desired.jobs.map((j) => [j.name, j.family]));
  const out: string[] = [];
  for (const j of plan.jobs) {
    const changing = j.actions.some((a) => a.kind !== 'noop' && a.resource !== 'taskDefinitionRevision');
    const family = familyOf.get(j.job);
    const f = family ? live.families[family] : undefined;
    if (!changing || !f) continue;
    if (f.active.some((a) => !f.revisions?.some((r) => r.arn === a.arn))) out.push(f.family);
  }
  return out;
}
