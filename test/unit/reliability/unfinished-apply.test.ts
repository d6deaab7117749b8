// A controller killed between RegisterTaskDefinition and UpdateSchedule restarts to find the
// newest revision equal to git (so the plan says Drifted) and the schedule on the old one, or
// (for a new job) no schedule at all.
// With self-heal off that used to be reported as drift for ever; it is berth's own apply cut
// short, and a controller that has not yet seen the job converged finishes it.
import { describe, expect, it } from 'vitest';
import { Baselines } from '../../../src/controller/baselines.js';
import { decideJob, type SyncPolicy } from '../../../src/controller/policy.js';
import type { FieldChange, JobPlan, PlanAction } from '../../../src/model/plan.js';
import { desiredJob, EXPRESSION_CHANGE } from '../controller/fixtures.js';

const AUTO: SyncPolicy = { auto: true, selfHeal: false, prune: true };
const REPIN: FieldChange = {
  path: '/Target/EcsParameters/TaskDefinitionArn',
  before: 'arn:aws:ecs:us-east-1:1:task-definition/p-a:1',
  after: 'arn:aws:ecs:us-east-1:1:task-definition/p-a:2',
};

function drifted(
  changes: FieldChange[],
  td: PlanAction['kind'] = 'noop',
  schedule: PlanAction['kind'] = 'update',
): JobPlan {
  return {
    job: 'a',
    status: 'Drifted',
    file: 'jobs/a.yaml',
    actions: [
      { kind: td, resource: 'taskDefinition', job: 'a', name: 'p-a', changes: [] },
      { kind: schedule, resource: 'schedule', job: 'a', name: 'p-a', changes },
    ],
  };
}

const decide = (plan: JobPlan, unconfirmed: boolean, policy = AUTO) =>
  decideJob(plan, desiredJob('a'), policy, { gitChanged: false, preventDestroy: false, unconfirmed });

describe('an apply cut short between register and schedule update', () => {
  it('is finished by a controller that has not seen the job converged, self-heal off', () => {
    for (const changes of [[REPIN], [REPIN, EXPRESSION_CHANGE]]) {
      expect(decide(drifted(changes), true)).toMatchObject({
        kind: 'git',
        decision: 'apply',
        reason: expect.stringMatching(/cut short/),
      });
    }
  });

  it('covers a new job whose schedule was never created', () => {
    expect(decide(drifted([REPIN, EXPRESSION_CHANGE], 'noop', 'create'), true)).toMatchObject({
      kind: 'git',
      decision: 'apply',
    });
  });

  it('is still only reported once the job was seen converged (a person may have pinned it back)', () => {
    expect(decide(drifted([REPIN]), false)).toMatchObject({ kind: 'drift', decision: 'report' });
  });

  it('does not cover other drift, a revision still to register, or manual sync', () => {
    expect(decide(drifted([EXPRESSION_CHANGE]), true)).toMatchObject({ kind: 'drift', decision: 'report' });
    expect(decide(drifted([REPIN], 'update'), true)).toMatchObject({ kind: 'drift', decision: 'report' });
    expect(decide(drifted([REPIN]), true, { ...AUTO, auto: false })).toMatchObject({
      decision: 'report',
      reason: 'sync is manual',
    });
  });

  it('a job counts as seen converged only after markConverged, and no longer once it left git', () => {
    const b = new Baselines();
    const job = desiredJob('a');
    b.observe([job]);
    expect(b.seenConverged('a')).toBe(false);
    b.markConverged(job);
    expect(b.seenConverged('a')).toBe(true);
    b.observe([]);
    b.observe([job]);
    expect(b.seenConverged('a')).toBe(false);
  });
});
