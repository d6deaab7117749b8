// Cycle step 5a: does each job equal git once the cycle is over, and if not, why (pure). A
// cycle is `synced` only when every selected job does: what apply did not finish, a conflict, a
// refused or held prune, and a difference policy only reports all keep a job (and the cycle) off.
import type { ApplyResult, JobOutcome } from '../model/apply.js';
import type { JobPlan, Plan, SyncStatus } from '../model/plan.js';
import type { JobDecision } from './policy.js';
import type { CycleOutcome } from './status.js';

/**
 * Why a job differs from git after the cycle:
 * reported: policy leaves it to a person (manual sync, self-heal off, prune off, preventDestroy) ·
 * blocked: berth will not or cannot change it (conflict, a refused or held prune) ·
 * failed: apply failed · unconverged: apply ran but AWS still differs (or was interrupted) ·
 * suspended: sync.suspend is set, so the job is not compared (it does not count against the cycle).
 */
export type Divergence = 'reported' | 'blocked' | 'failed' | 'unconverged' | 'suspended';

export interface JobTruth {
  job: string;
  /** After the cycle: what the re-check found (or the plan when nothing was applied); Pruned once deleted. */
  status: SyncStatus | 'Pruned';
  inSync: boolean;
  divergence: Divergence | null;
  /** For people: why berth acted, or why the job still differs. */
  reason: string;
}

export interface TruthFacts {
  /** The plan the decisions were made on. */
  plan: Plan;
  /** The plan made again after apply (null when nothing was applied or it could not be read). */
  recheck: Plan | null;
  decisions: readonly JobDecision[];
  apply: ApplyResult | null;
  /** berth.yaml prune.enabled: an orphan it keeps is configuration, not a refusal. */
  pruneEnabled: boolean;
  /** A rewritten history holds every prune. */
  pruneHeld: boolean;
  /** Jobs a manifest once marked spec.sync.preventDestroy: never pruned, by choice. */
  preventDestroy: ReadonlySet<string>;
}

const pending = (j: JobPlan) => j.actions.some((a) => a.kind !== 'noop');
const equalsGit = (j: JobPlan) => (j.status === 'InSync' && !pending(j)) || j.status === 'Completed';

export function jobTruths(f: TruthFacts): JobTruth[] {
  const outcomes = new Map<string, JobOutcome>((f.apply?.jobs ?? []).map((o) => [o.job, o]));
  const before = new Map(f.plan.jobs.map((j) => [j.job, j]));
  const after = f.recheck ? new Map(f.recheck.jobs.map((j) => [j.job, j])) : before;
  const refused = new Set(f.plan.refusedPrune?.jobs ?? []);

  return f.decisions.map((d): JobTruth => {
    const o = outcomes.get(d.job);
    const final = after.get(d.job);
    const base = { job: d.job, reason: d.reason };
    if (d.status === 'Suspended')
      return { ...base, status: 'Suspended', inSync: false, divergence: 'suspended' };
    if (o?.outcome === 'failed')
      return {
        ...base,
        status: final?.status ?? d.status,
        inSync: false,
        divergence: 'failed',
        reason: `apply failed: ${o.error?.message ?? 'unknown error'}`,
      };
    // Applied but never read back (the re-check failed or a stop came first): not known to be equal.
    if (o?.outcome === 'applied' && f.apply && !f.recheck)
      return {
        ...base,
        status: d.status,
        inSync: false,
        divergence: 'unconverged',
        reason: 'applied, but not read back from AWS (the cycle was cut short or the re-read failed)',
      };
    // Gone from the re-check: an orphan berth deleted.
    if (!final) return { ...base, status: 'Pruned', inSync: true, divergence: null };
    if (equalsGit(final)) return { ...base, status: final.status, inSync: true, divergence: null };
    const off = { ...base, status: final.status, inSync: false } as const;
    if (d.decision === 'apply') {
      const why =
        o?.outcome === 'skipped'
          ? 'not applied: the cycle was interrupted'
          : `applied, but AWS still differs (${final.status}${final.message ? `: ${final.message}` : ''})`;
      return { ...off, divergence: 'unconverged', reason: why };
    }
    return { ...off, divergence: blocked(d, final, { ...f, refused }) ? 'blocked' : 'reported' };
  });
}

/** Berth would not (or could not) act although its settings let it: someone must decide. */
function blocked(
  d: JobDecision,
  final: JobPlan,
  f: Pick<TruthFacts, 'pruneEnabled' | 'pruneHeld' | 'preventDestroy'> & { refused: ReadonlySet<string> },
): boolean {
  if (d.kind === 'blocked' || final.status === 'Conflict' || final.status === 'Failed') return true;
  if (d.kind !== 'orphan') return false;
  if (f.refused.has(d.job)) return true;
  // With actions planned, only a rewritten history holds it (prune off and preventDestroy are choices).
  if (pending(final)) return f.pruneHeld && !f.preventDestroy.has(d.job);
  // Without: prune.enabled: false is a choice; a protected manifest or a foreign group is not.
  return f.pruneEnabled;
}

/** The cycle's outcome when it planned without error: suspended jobs do not count. */
export function truthOutcome(
  truths: readonly Pick<JobTruth, 'inSync' | 'divergence'>[],
): Extract<CycleOutcome, 'synced' | 'degraded' | 'out-of-sync'> {
  const counted = truths.filter((t) => t.divergence !== 'suspended');
  if (
    counted.some(
      (t) => t.divergence === 'blocked' || t.divergence === 'unconverged' || t.divergence === 'failed',
    )
  )
    return 'degraded';
  if (counted.some((t) => !t.inSync)) return 'out-of-sync';
  return 'synced';
}
