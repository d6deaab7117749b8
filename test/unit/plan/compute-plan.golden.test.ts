// One table test over every golden case, plus a hand-written check per case that states
// what the case is about (so a careless UPDATE_GOLDEN=1 cannot bless a wrong plan).
import { describe, expect, it } from 'vitest';
import type { JobPlan, Plan, PlanAction } from '../../../src/model/plan.js';
import { computePlan } from '../../../src/plan/compute-plan.js';
import { PENDING_REVISION } from '../../../src/model/desired.js';
import { asStored, caseNames, loadCase, UPDATE_GOLDEN, writeGolden } from './golden-cases.js';

const job = (plan: Plan, name: string): JobPlan => {
  const j = plan.jobs.find((x) => x.job === name);
  if (!j) throw new Error(`no job ${name} in plan`);
  return j;
};
const action = (j: JobPlan, resource: PlanAction['resource']) =>
  j.actions.find((a) => a.resource === resource);
const paths = (a: PlanAction | undefined) => a?.changes.map((c) => c.path);
const kinds = (j: JobPlan) => j.actions.map((a) => `${a.kind} ${a.resource} ${a.name}`);
const changesNothing = (plan: Plan) => {
  expect(plan.summary).toMatchObject({ create: 0, update: 0, delete: 0 });
  for (const j of plan.jobs) expect(j.status).toBe('InSync');
};

const TD_ARN = '/Target/EcsParameters/TaskDefinitionArn';
/** A task-definition edit: exactly one field, and the schedule follows the new revision. */
const tdChange = (path: string) => (plan: Plan) => {
  const j = job(plan, 'nightly-sales');
  expect(j.status).toBe('OutOfSync');
  expect(paths(action(j, 'taskDefinition'))).toEqual([path]);
  expect(action(j, 'taskDefinition')?.kind).toBe('update');
  expect(paths(action(j, 'schedule'))).toEqual([TD_ARN]);
  expect(action(j, 'schedule')?.changes[0]?.after).toBe(PENDING_REVISION);
};
/** A schedule edit: exactly one field; the task definition stays. */
const scheduleChange = (path: string) => (plan: Plan) => {
  const j = job(plan, 'nightly-sales');
  expect(action(j, 'taskDefinition')?.kind).toBe('noop');
  expect(action(j, 'schedule')?.kind).toBe('update');
  expect(paths(action(j, 'schedule'))).toEqual([path]);
};

const checks: Record<string, (plan: Plan) => void> = {
  'empty-account': (plan) => {
    expect(plan.groupAction.kind).toBe('create');
    expect(plan.summary).toEqual({ create: 6, update: 0, delete: 0, noop: 0, conflicts: 0 });
    for (const j of plan.jobs) expect(j.status).toBe('Missing');
    expect(action(job(plan, 'nightly-sales'), 'schedule')?.after).toMatchObject({
      Target: { EcsParameters: { TaskDefinitionArn: PENDING_REVISION } },
    });
  },
  'noop-real-aws': changesNothing,
  'noop-moto': changesNothing,
  'noop-env-order': changesNothing,
  'noop-cpu-units': changesNothing,
  'noop-null-env': changesNothing,
  'noop-awsvpc-host-port': changesNothing,
  'change-image': tdChange('/containerDefinitions/etl/image'),
  'change-command': tdChange('/containerDefinitions/etl/command'),
  'change-cpu': tdChange('/cpu'),
  'change-env-var': tdChange('/containerDefinitions/etl/environment/DATE_FORMAT'),
  'change-secret': tdChange('/containerDefinitions/etl/secrets/DB_URL'),
  'change-schedule-expression': scheduleChange('/ScheduleExpression'),
  'change-timezone': scheduleChange('/ScheduleExpressionTimezone'),
  'change-state': scheduleChange('/State'),
  'change-retry': scheduleChange('/Target/RetryPolicy/MaximumRetryAttempts'),
  'change-flexible-window': scheduleChange('/FlexibleTimeWindow/MaximumWindowInMinutes'),
  'change-input-override': scheduleChange('/Target/Input/containerOverrides/etl/command'),
  'change-network': scheduleChange(
    '/Target/EcsParameters/NetworkConfiguration/awsvpcConfiguration/SecurityGroups',
  ),
  'schedule-old-revision': (plan) => {
    const a = action(job(plan, 'nightly-sales'), 'schedule');
    expect(a?.changes).toEqual([
      { path: TD_ARN, before: expect.stringMatching(/:6$/), after: expect.stringMatching(/:7$/) },
    ]);
    expect(a?.reason).toBe('points at an old revision');
  },
  'drift-out-of-band': (plan) => {
    expect(job(plan, 'nightly-sales').status).toBe('Drifted');
    expect(paths(action(job(plan, 'nightly-sales'), 'taskDefinition'))).toEqual([
      '/containerDefinitions/etl/image',
    ]);
    expect(job(plan, 'hourly-metrics').status).toBe('Drifted');
    expect(action(job(plan, 'hourly-metrics'), 'schedule')?.changes).toEqual([
      { path: '/State', before: 'DISABLED', after: 'ENABLED' },
    ]);
  },
  'conflict-unowned-family': (plan) => {
    const a = job(plan, 'nightly-sales');
    const b = job(plan, 'hourly-metrics');
    expect([a.status, b.status]).toEqual(['Conflict', 'Conflict']);
    expect([a.actions, b.actions]).toEqual([[], []]);
    expect(a.message).toMatch(/not registered by this berth installation/);
    expect(b.message).toMatch(/belongs to berth installation "marketing"/);
    expect(plan.jobs.map((j) => j.job)).not.toContain('legacy-import');
    expect(plan.summary.delete).toBe(0);
    expect(plan.summary.conflicts).toBe(2);
  },
  'conflict-unowned-group': (plan) => {
    expect(job(plan, 'nightly-sales').status).toBe('Conflict');
    expect(job(plan, 'hourly-metrics').status).toBe('Conflict');
    expect(job(plan, 'adhoc-export').status).toBe('InSync');
    expect(plan.groupAction.kind).toBe('noop');
    expect(plan.summary.conflicts).toBe(2);
    expect(plan.warnings.join('\n')).toMatch(/2 scheduled job\(s\) not planned/);
    // Its schedules cannot be read, so no revision is provably unused: nothing is deregistered.
    expect(job(plan, 'old-report')).toMatchObject({ status: 'Orphan', actions: [] });
    expect(plan.summary.delete).toBe(0);
  },
  'orphan-delete': (plan) => {
    const o = job(plan, 'old-report');
    expect(o.status).toBe('Orphan');
    expect(kinds(o)).toEqual([
      'delete schedule etl-old-report',
      'delete taskDefinitionRevision etl-old-report:3',
      'delete taskDefinitionRevision etl-old-report:4',
    ]);
  },
  'orphan-protected': (plan) => {
    expect(job(plan, 'old-report')).toMatchObject({ status: 'Orphan', actions: [] });
    expect(plan.summary.delete).toBe(0);
  },
  'prune-empty-desired': (plan) => {
    expect(plan.jobs.map((j) => [j.job, j.status, j.actions.length])).toEqual([
      ['adhoc-export', 'Orphan', 0],
      ['hourly-metrics', 'Orphan', 0],
      ['nightly-sales', 'Orphan', 0],
    ]);
    expect(plan.warnings).toEqual([expect.stringMatching(/prune\.allowEmpty: true/)]);
    expect(plan.refusedPrune).toEqual({
      guard: 'empty',
      warning: plan.warnings[0],
      jobs: ['adhoc-export', 'hourly-metrics', 'nightly-sales'],
    });
  },
  'prune-max-fraction': (plan) => {
    expect(plan.summary.delete).toBe(0);
    expect(plan.warnings).toEqual([
      expect.stringMatching(/2 jobs of 3 owned .*prune\.maxDeleteFraction=0\.5/),
    ]);
    expect(plan.refusedPrune).toMatchObject({ guard: 'fraction', jobs: expect.any(Array) });
    expect(plan.refusedPrune?.jobs).toHaveLength(2);
  },
  'prune-disabled': (plan) => {
    expect(job(plan, 'adhoc-export')).toMatchObject({ status: 'Orphan', actions: [] });
    expect(plan.warnings).toEqual([expect.stringMatching(/prune\.enabled: false/)]);
    // Configuration, not a refusal: nothing for anyone to decide.
    expect(plan.refusedPrune).toBeUndefined();
  },
  'keep-revisions': (plan) => {
    const a = job(plan, 'nightly-sales');
    // New revision + 7 + 6 kept; 5, 4 and 3 go: the live schedule pins 4, but this plan
    // repins it to the new revision first, so once applied nothing references 4.
    expect(a.actions.filter((x) => x.resource === 'taskDefinitionRevision').map((x) => x.name)).toEqual([
      'etl-nightly-sales:3',
      'etl-nightly-sales:4',
      'etl-nightly-sales:5',
    ]);
    const b = job(plan, 'hourly-metrics');
    expect(b.status).toBe('InSync');
    expect(b.actions.filter((x) => x.kind === 'delete').map((x) => [x.name, x.reason])).toEqual([
      ['etl-hourly-metrics:1', 'beyond keepRevisions=3'],
      ['etl-hourly-metrics:2', 'beyond keepRevisions=3'],
    ]);
  },
  suspended: (plan) => {
    expect(job(plan, 'nightly-sales')).toMatchObject({ status: 'Suspended', actions: [] });
    expect(job(plan, 'nightly-sales').message).toMatch(
      /differs from git \(taskDefinition update \(1 field\)/,
    );
    expect(job(plan, 'hourly-metrics').message).toMatch(/matches git/);
  },
  'completed-one-time': (plan) => {
    const done = job(plan, 'backfill-2024');
    // Apply skips completed jobs, so the plan offers nothing for them to skip.
    expect(done).toMatchObject({ status: 'Completed', actions: [] });
    expect(action(job(plan, 'backfill-2025'), 'schedule')?.kind).toBe('create');
  },
  'sensitive-env': (plan) => {
    const td = action(job(plan, 'nightly-sales'), 'taskDefinition');
    expect(td?.changes).toEqual([
      {
        path: '/containerDefinitions/etl/environment/WAREHOUSE_PASSWORD',
        before: 'hunter2-not-a-real-password',
        after: 'correct-horse-battery-staple',
        sensitive: true,
      },
    ]);
    expect(action(job(plan, 'hourly-metrics'), 'schedule')?.changes).toEqual([
      {
        path: '/Target/Input/containerOverrides/collector/environment/API_TOKEN',
        before: 'tok-live-0000',
        after: 'tok-live-1111',
        sensitive: true,
      },
    ]);
  },
  'schedule-removed': (plan) => {
    expect(kinds(job(plan, 'nightly-sales'))).toEqual([
      'noop taskDefinition etl-nightly-sales:7',
      'delete schedule etl-nightly-sales',
    ]);
  },
  targets: (plan) => {
    expect(plan.jobs.map((j) => j.job)).toEqual(['hourly-metrics']);
    // The new revision takes a kept place: the oldest of the three active ones goes.
    expect(plan.summary).toMatchObject({ create: 0, update: 2, delete: 1 });
  },
  mixed: (plan) => {
    expect(plan.jobs.map((j) => `${j.job}:${j.status}`)).toEqual([
      'adhoc-export:InSync',
      'hourly-metrics:InSync',
      'legacy-import:Conflict',
      'nightly-sales:OutOfSync',
      'old-report:Orphan',
      'weekly-inventory:Missing',
    ]);
  },
};

describe('computePlan golden cases', () => {
  it('has a check for every case directory and a directory for every check', () => {
    expect(caseNames()).toEqual(Object.keys(checks).sort());
  });

  it.each(caseNames())('%s', (name) => {
    const c = loadCase(name);
    const plan = asStored(computePlan(c.desired, c.live, c.options));
    checks[name]?.(plan);
    expect(plan.liveFingerprint).toBe(c.live.fingerprint);
    if (UPDATE_GOLDEN) writeGolden(c.planFile, plan);
    else expect(plan).toEqual(c.expected);
  });
});
