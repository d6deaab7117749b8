// The alerts about whether AWS equals git, over several cycles: raised while current (the
// dispatcher deduplicates), resolved once, grouped by cause, and the deploy notice.
import { describe, expect, it } from 'vitest';
import { recordCycle, type CycleFacts } from '../../../src/controller/cycle-report.js';
import { NO_METRICS } from '../../../src/controller/metrics.js';
import { decideJob } from '../../../src/controller/policy.js';
import { ControllerMemory } from '../../../src/controller/status.js';
import { silentLogger } from '../../../src/log/logger.js';
import type { ApplyResult } from '../../../src/model/apply.js';
import type { DesiredState } from '../../../src/model/desired.js';
import type { LiveState } from '../../../src/model/live.js';
import type { JobPlan, Plan, RefusedPrune } from '../../../src/model/plan.js';
import type { Alert } from '../../../src/notify/alert.js';
import { desiredJob, EXPRESSION_CHANGE, jobPlan } from './fixtures.js';

const REV = 'e'.repeat(40);
const NO_LIVE = { group: { status: 'owned' }, families: {}, schedules: {} } as unknown as LiveState;
const GROUP = "schedule group g exists but is not tagged as berth's";

function harness() {
  const sent: Alert[] = [];
  const forgotten: string[] = [];
  const memory = new ControllerMemory();
  const deps = {
    memory,
    log: silentLogger(),
    alerts: { send: (a: Alert) => void sent.push(a), forget: (f: string) => void forgotten.push(f) },
    metrics: NO_METRICS,
  };
  const cycle = (
    jobs: JobPlan[],
    opts: { refused?: RefusedPrune; apply?: ApplyResult; recheck?: JobPlan[] } = {},
  ) => {
    sent.length = 0;
    const desired = {
      owner: 'etl',
      namePrefix: 'p-',
      prune: { enabled: true },
      jobs: jobs.filter((j) => j.status !== 'Orphan').map((j) => desiredJob(j.job)),
    } as unknown as DesiredState;
    const plan = {
      jobs,
      warnings: [],
      ...(opts.refused ? { refusedPrune: opts.refused } : {}),
    } as unknown as Plan;
    const decisions = jobs.map((p) =>
      decideJob(
        p,
        desiredJob(p.job),
        { auto: true, selfHeal: false, prune: true },
        { gitChanged: false, preventDestroy: false },
      ),
    );
    const facts: CycleFacts = {
      plan,
      recheck: opts.recheck ? { plan: { ...plan, jobs: opts.recheck }, live: NO_LIVE } : null,
      live: NO_LIVE,
      desired,
      revision: REV,
      decisions,
      apply: opts.apply ?? null,
      now: new Date('2026-02-01T00:00:00Z'),
    };
    return recordCycle(deps, facts);
  };
  return { sent, forgotten, memory, cycle };
}

const conflict = (job: string, message: string): JobPlan => ({
  job,
  status: 'Conflict',
  actions: [],
  message,
});
const orphan = (job: string): JobPlan => ({
  job,
  status: 'Orphan',
  actions: [],
  message: 'not in git; not deleted',
});

describe('sync alerts', () => {
  it('raises one conflict alert per cause while it lasts, then one resolved alert', () => {
    const h = harness();
    h.cycle([conflict('a', GROUP), conflict('b', GROUP), conflict('c', 'family p-c belongs to "other"')]);
    expect(h.sent.map((a) => [a.kind, a.job, a.title])).toEqual([
      ['conflict-detected', null, 'Conflict: 2 jobs not managed'],
      ['conflict-detected', 'c', 'Conflict in c: not managed until resolved'],
    ]);
    expect(h.sent[0]!.lines).toEqual([GROUP, 'job: a', 'job: b']);
    const first = h.sent.map((a) => a.fingerprint);

    // Still there: raised again with the same fingerprints (the dispatcher drops repeats).
    h.cycle([conflict('a', GROUP), conflict('b', GROUP), conflict('c', 'family p-c belongs to "other"')]);
    expect(h.sent.map((a) => a.fingerprint)).toEqual(first);

    // The group is fixed; c stays in conflict.
    h.cycle([jobPlan('a', 'InSync'), jobPlan('b', 'InSync'), conflict('c', 'family p-c belongs to "other"')]);
    expect(h.sent.map((a) => [a.kind, a.title])).toEqual([
      ['conflict-resolved', 'Resolved: Conflict: 2 jobs not managed'],
      ['conflict-detected', 'Conflict in c: not managed until resolved'],
    ]);
    expect(h.forgotten).toEqual([first[0]]);
    expect(h.sent[0]!.data).toMatchObject({ resolves: first[0], since: '2026-02-01T00:00:00.000Z' });
  });

  it('raises a refused prune with the jobs left in place, and resolves it', () => {
    const h = harness();
    const refused: RefusedPrune = {
      guard: 'empty',
      warning: 'prune refused: git has no jobs',
      jobs: ['x', 'y'],
    };
    const r = h.cycle([orphan('x'), orphan('y')], { refused });
    expect(r.outcome).toBe('degraded');
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toMatchObject({
      kind: 'prune-refused',
      severity: 'warning',
      title: 'Prune refused: 2 jobs no longer in git left in place',
      lines: ['prune refused: git has no jobs', 'left in place: x', 'left in place: y'],
    });
    expect(h.memory.jobs.map((j) => [j.job, j.divergence])).toEqual([
      ['x', 'blocked'],
      ['y', 'blocked'],
    ]);
    h.cycle([jobPlan('x', 'InSync'), jobPlan('y', 'InSync')]);
    expect(h.sent.map((a) => a.kind)).toEqual(['prune-refusal-resolved']);
  });

  it('sends the deploy notice for git changes that reached AWS, not for healed drift', () => {
    const h = harness();
    const apply: ApplyResult = {
      group: 'unchanged',
      jobs: ['a', 'b'].map((job) => ({
        job,
        outcome: 'applied' as const,
        steps: [{ step: 'update-schedule', name: `p-${job}`, ok: true }],
        durationMs: 1,
      })),
      calls: {},
      durationMs: 1,
      ok: true,
      interrupted: false,
    };
    const r = h.cycle(
      [
        jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE]),
        jobPlan('b', 'OutOfSync', [EXPRESSION_CHANGE]),
        jobPlan('c', 'Drifted', [EXPRESSION_CHANGE]),
      ],
      // b's apply said "applied" but AWS still differs: not deployed.
      {
        apply,
        recheck: [
          jobPlan('a', 'InSync'),
          jobPlan('b', 'OutOfSync', [EXPRESSION_CHANGE]),
          jobPlan('c', 'Drifted', [EXPRESSION_CHANGE]),
        ],
      },
    );
    expect(r.outcome).toBe('degraded');
    const deploy = h.sent.find((a) => a.kind === 'deploy-succeeded')!;
    expect(deploy).toMatchObject({
      severity: 'info',
      title: `Deployed ${REV.slice(0, 12)}: 1 job changed`,
      job: 'a',
      revision: REV,
      lines: ['a: deployed (update-schedule p-a)', '2 jobs still differ from git: see /api/status'],
    });
  });
});
