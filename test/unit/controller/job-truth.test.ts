import { describe, expect, it } from 'vitest';
import { jobTruths, truthOutcome, type TruthFacts } from '../../../src/controller/job-truth.js';
import { decideJob, type DecideContext, type SyncPolicy } from '../../../src/controller/policy.js';
import type { ApplyResult, JobOutcome } from '../../../src/model/apply.js';
import type { JobPlan, Plan } from '../../../src/model/plan.js';
import { desiredJob, EXPRESSION_CHANGE, jobPlan } from './fixtures.js';

const AUTO: SyncPolicy = { auto: true, selfHeal: false, prune: true };
const plain: DecideContext = { gitChanged: false, preventDestroy: false };

const planOf = (jobs: JobPlan[], extra: Partial<Plan> = {}) =>
  ({ jobs, warnings: [], ...extra }) as unknown as Plan;
const applied = (job: string, outcome: JobOutcome['outcome'] = 'applied'): JobOutcome => ({
  job,
  outcome,
  steps: [{ step: 'update-schedule', name: `p-${job}`, ok: outcome !== 'failed' }],
  durationMs: 1,
  ...(outcome === 'failed' ? { error: { code: 'AccessDenied', message: 'not allowed' } } : {}),
});
const applyOf = (...jobs: JobOutcome[]): ApplyResult => ({
  group: 'unchanged',
  jobs,
  calls: {},
  durationMs: 1,
  ok: jobs.every((j) => j.outcome !== 'failed'),
  interrupted: false,
});

function truths(
  plan: Plan,
  opts: { recheck?: Plan; apply?: ApplyResult; policy?: SyncPolicy; ctx?: Partial<DecideContext> } & Partial<
    Pick<TruthFacts, 'pruneEnabled' | 'pruneHeld' | 'preventDestroy'>
  > = {},
) {
  const decisions = plan.jobs.map((p) =>
    decideJob(p, p.status === 'Orphan' ? undefined : desiredJob(p.job), opts.policy ?? AUTO, {
      ...plain,
      ...opts.ctx,
    }),
  );
  return jobTruths({
    plan,
    recheck: opts.recheck ?? null,
    decisions,
    apply: opts.apply ?? null,
    pruneEnabled: opts.pruneEnabled ?? true,
    pruneHeld: opts.pruneHeld ?? false,
    preventDestroy: opts.preventDestroy ?? new Set(),
  });
}
const brief = (t: ReturnType<typeof truths>) => t.map((x) => [x.job, x.status, x.inSync, x.divergence]);

describe('jobTruths', () => {
  it('is in sync only when the re-check after apply says so', () => {
    const plan = planOf([
      jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE]),
      jobPlan('b', 'OutOfSync', [EXPRESSION_CHANGE]),
    ]);
    // b's apply "succeeded" with a step that changed nothing: AWS still differs.
    const recheck = planOf([jobPlan('a', 'InSync'), jobPlan('b', 'OutOfSync', [EXPRESSION_CHANGE])]);
    const t = truths(plan, { recheck, apply: applyOf(applied('a'), applied('b')) });
    expect(brief(t)).toEqual([
      ['a', 'InSync', true, null],
      ['b', 'OutOfSync', false, 'unconverged'],
    ]);
    expect(t[1]!.reason).toBe('applied, but AWS still differs (OutOfSync)');
    expect(truthOutcome(t)).toBe('degraded');
  });

  it('counts housekeeping left undone (a planned deregistration skipped) as not converged', () => {
    const p = jobPlan('a', 'InSync', [], 'noop');
    p.actions.push({
      kind: 'delete',
      resource: 'taskDefinitionRevision',
      job: 'a',
      name: 'p-a:1',
      changes: [],
    });
    const t = truths(planOf([p]), { recheck: planOf([p]), apply: applyOf(applied('a')) });
    expect(brief(t)).toEqual([['a', 'InSync', false, 'unconverged']]);
  });

  it('reports drift left alone by self-heal off as out-of-sync, not synced', () => {
    const t = truths(planOf([jobPlan('a', 'Drifted', [EXPRESSION_CHANGE]), jobPlan('b', 'InSync')]));
    expect(brief(t)).toEqual([
      ['a', 'Drifted', false, 'reported'],
      ['b', 'InSync', true, null],
    ]);
    expect(t[0]!.reason).toBe('self-heal is off: reported only');
    expect(truthOutcome(t)).toBe('out-of-sync');
  });

  it('reports git changes under manual sync as out-of-sync', () => {
    const t = truths(planOf([jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE])]), {
      policy: { ...AUTO, auto: false },
    });
    expect(brief(t)).toEqual([['a', 'OutOfSync', false, 'reported']]);
  });

  it('calls a conflict blocked (degraded)', () => {
    const conflict: JobPlan = {
      job: 'a',
      status: 'Conflict',
      actions: [],
      message: 'family p-a belongs to "other"',
    };
    const t = truths(planOf([conflict]));
    expect(brief(t)).toEqual([['a', 'Conflict', false, 'blocked']]);
    expect(t[0]!.reason).toBe('family p-a belongs to "other"');
    expect(truthOutcome(t)).toBe('degraded');
  });

  it('tells a refused prune (blocked) from prune turned off (reported)', () => {
    const orphan: JobPlan = {
      job: 'gone',
      status: 'Orphan',
      actions: [],
      message: 'not in git; not deleted (x)',
    };
    const refused = planOf([orphan], { refusedPrune: { guard: 'empty', warning: 'w', jobs: ['gone'] } });
    expect(brief(truths(refused))).toEqual([['gone', 'Orphan', false, 'blocked']]);
    expect(brief(truths(planOf([orphan]), { pruneEnabled: false }))).toEqual([
      ['gone', 'Orphan', false, 'reported'],
    ]);
    // Prune enabled and no guard, yet nothing planned: a protected manifest or a foreign group.
    expect(brief(truths(planOf([orphan])))).toEqual([['gone', 'Orphan', false, 'blocked']]);
  });

  it('tells a held prune (blocked) from prune off, manual sync or preventDestroy (reported)', () => {
    const orphan = jobPlan('gone', 'Orphan', [EXPRESSION_CHANGE], 'delete');
    const held = { pruneHeld: true, ctx: { pruneHeld: 'history rewritten: held' } };
    expect(brief(truths(planOf([orphan]), held))).toEqual([['gone', 'Orphan', false, 'blocked']]);
    expect(
      brief(
        truths(planOf([orphan]), {
          ...held,
          preventDestroy: new Set(['gone']),
          ctx: { ...held.ctx, preventDestroy: true },
        }),
      ),
    ).toEqual([['gone', 'Orphan', false, 'reported']]);
    expect(brief(truths(planOf([orphan]), { policy: { ...AUTO, prune: false } }))).toEqual([
      ['gone', 'Orphan', false, 'reported'],
    ]);
  });

  it('marks a pruned orphan and a completed one-time job in sync', () => {
    const plan = planOf([
      jobPlan('gone', 'Orphan', [EXPRESSION_CHANGE], 'delete'),
      { job: 'once', status: 'Completed', actions: [] },
    ]);
    const t = truths(plan, {
      recheck: planOf([{ job: 'once', status: 'Completed', actions: [] }]),
      apply: applyOf(applied('gone')),
    });
    expect(brief(t)).toEqual([
      ['gone', 'Pruned', true, null],
      ['once', 'Completed', true, null],
    ]);
    expect(truthOutcome(t)).toBe('synced');
  });

  it('names a failed apply and an interrupted one', () => {
    const plan = planOf([
      jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE]),
      jobPlan('b', 'OutOfSync', [EXPRESSION_CHANGE]),
    ]);
    const t = truths(plan, {
      recheck: plan,
      apply: applyOf(applied('a', 'failed'), applied('b', 'skipped')),
    });
    expect(brief(t)).toEqual([
      ['a', 'OutOfSync', false, 'failed'],
      ['b', 'OutOfSync', false, 'unconverged'],
    ]);
    expect(t.map((x) => x.reason)).toEqual([
      'apply failed: not allowed',
      'not applied: the cycle was interrupted',
    ]);
  });

  it('does not call an applied job in sync when AWS was not read back', () => {
    const plan = planOf([jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE])]);
    const t = truths(plan, { apply: applyOf(applied('a')) });
    expect(brief(t)).toEqual([['a', 'OutOfSync', false, 'unconverged']]);
    expect(t[0]!.reason).toMatch(/^applied, but not read back from AWS/);
  });

  it('leaves suspended jobs out of the outcome', () => {
    const t = truths(planOf([{ job: 's', status: 'Suspended', actions: [] }, jobPlan('b', 'InSync')]));
    expect(brief(t)).toEqual([
      ['s', 'Suspended', false, 'suspended'],
      ['b', 'InSync', true, null],
    ]);
    expect(truthOutcome(t)).toBe('synced');
  });
});
