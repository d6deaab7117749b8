import { describe, expect, it } from 'vitest';
import { recordCycle, type CycleFacts } from '../../../src/controller/cycle-report.js';
import { NO_METRICS, type ControllerMetrics } from '../../../src/controller/metrics.js';
import { decideJob } from '../../../src/controller/policy.js';
import { ControllerMemory } from '../../../src/controller/status.js';
import { silentLogger } from '../../../src/log/logger.js';
import type { ApplyResult } from '../../../src/model/apply.js';
import type { DesiredState } from '../../../src/model/desired.js';
import type { LiveState } from '../../../src/model/live.js';
import type { Plan } from '../../../src/model/plan.js';
import type { Alert } from '../../../src/notify/alert.js';
import { desiredJob, EXPRESSION_CHANGE, jobPlan } from './fixtures.js';

const REV = 'd'.repeat(40);
const NO_LIVE = {
  group: { name: 'g', status: 'owned', tags: {} },
  families: {},
  schedules: {},
} as unknown as LiveState;
const policy = { auto: true, selfHeal: true, prune: true };

function setup() {
  const jobs = [desiredJob('a'), desiredJob('b'), desiredJob('c')];
  const desired = {
    owner: 'etl',
    scheduleGroup: 'g',
    namePrefix: 'p-',
    prune: { enabled: true },
    jobs,
  } as unknown as DesiredState;
  const plan = {
    jobs: [
      jobPlan('a', 'Drifted', [EXPRESSION_CHANGE]),
      jobPlan('b', 'OutOfSync', [EXPRESSION_CHANGE]),
      jobPlan('c', 'InSync'),
    ],
  } as unknown as Plan;
  const decisions = plan.jobs.map((p) =>
    decideJob(
      p,
      jobs.find((j) => j.name === p.job),
      policy,
      { gitChanged: false, preventDestroy: false },
    ),
  );
  const apply: ApplyResult = {
    group: 'unchanged',
    jobs: [
      {
        job: 'a',
        outcome: 'applied',
        steps: [{ step: 'update-schedule', name: 'p-a', ok: true }],
        durationMs: 5,
      },
      {
        job: 'b',
        outcome: 'failed',
        steps: [{ step: 'update-schedule', name: 'p-b', ok: false, error: 'AccessDenied: not allowed' }],
        durationMs: 5,
        error: { code: 'AccessDenied', message: 'not allowed' },
      },
    ],
    calls: {},
    durationMs: 10,
    ok: false,
    interrupted: false,
  };
  const sent: Alert[] = [];
  const gauges: [Record<string, number>, number][] = [];
  const metrics: ControllerMetrics = { ...NO_METRICS, jobs: (s, d) => void gauges.push([s, d]) };
  const memory = new ControllerMemory();
  memory.baselines.observe(jobs);
  const deps = {
    memory,
    log: silentLogger(),
    alerts: { send: (a: Alert) => void sent.push(a), forget: () => undefined },
    metrics,
  };
  return {
    deps,
    facts: {
      plan,
      // After apply, a is back in sync; b's apply failed and it still differs.
      recheck: {
        plan: {
          jobs: [
            jobPlan('a', 'InSync'),
            jobPlan('b', 'OutOfSync', [EXPRESSION_CHANGE]),
            jobPlan('c', 'InSync'),
          ],
          warnings: [],
        } as unknown as Plan,
        live: NO_LIVE,
      },
      live: NO_LIVE,
      desired,
      revision: REV,
      decisions,
      apply,
      now: new Date('2026-01-01T00:00:00Z'),
    } as CycleFacts,
    sent,
    gauges,
    memory,
  };
}

describe('recordCycle', () => {
  it('records per-job status after apply, raises drift and apply-failed alerts, and counts jobs', () => {
    const { deps, facts, sent, gauges, memory } = setup();
    const { drift: changes, outcome } = recordCycle(deps, facts);

    expect(memory.jobs.map((j) => [j.job, j.status, j.planned, j.decision, j.result, j.inSync])).toEqual([
      ['a', 'InSync', 'Drifted', 'apply', 'applied', true],
      ['b', 'OutOfSync', 'OutOfSync', 'apply', 'failed', false],
      ['c', 'InSync', 'InSync', 'leave', null, true],
    ]);
    expect(memory.jobs[1]).toMatchObject({
      error: 'not allowed',
      divergence: 'failed',
      reason: 'apply failed: not allowed',
    });
    expect(outcome).toBe('degraded');
    expect(changes.opened.map((e) => [e.job, e.action])).toEqual([['a', 'healed']]);
    expect(sent.map((a) => `${a.kind}:${a.job}`).sort()).toEqual(['apply-failed:b', 'drift-detected:a']);
    const failed = sent.find((a) => a.kind === 'apply-failed')!;
    expect(failed.lines).toEqual(['not allowed', 'update-schedule p-b: AccessDenied: not allowed']);
    expect(failed.revision).toBe(REV);
    // Healed drift is not counted as drifted.
    expect(gauges).toEqual([[{ InSync: 2, OutOfSync: 1 }, 0]]);
  });

  it('resolves drift on the next cycle that no longer sees it', () => {
    const { deps, facts, sent } = setup();
    recordCycle(deps, facts);
    sent.length = 0;
    const quiet: CycleFacts = {
      ...facts,
      plan: { jobs: [jobPlan('a', 'InSync'), jobPlan('c', 'InSync')], warnings: [] } as unknown as Plan,
      recheck: null,
      apply: null,
    };
    quiet.decisions = quiet.plan.jobs.map((p) =>
      decideJob(p, undefined, policy, { gitChanged: false, preventDestroy: false }),
    );
    const { drift: changes, outcome } = recordCycle(deps, quiet);
    expect(changes.resolved.map((e) => e.job)).toEqual(['a']);
    // b left git (and AWS): its failing apply is over too.
    expect(sent.map((a) => `${a.kind}:${a.job}`)).toEqual(['drift-resolved:a', 'apply-recovered:b']);
    expect(outcome).toBe('synced');
  });
});
