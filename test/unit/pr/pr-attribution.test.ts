// Telling what a change causes from what was there before: whatever applying base would do as
// well (the same action, the same field change) is not the change's doing.
import { describe, expect, it } from 'vitest';
import type { FieldChange, JobPlan, Plan, PlanAction } from '../../../src/model/plan.js';
import { attributeToChange } from '../../../src/plan/pr-attribution.js';
import { summarise } from '../../../src/plan/summary.js';

const noopGroup: PlanAction = { kind: 'noop', resource: 'scheduleGroup', name: 'g', changes: [] };

function plan(jobs: JobPlan[], extra: Partial<Plan> = {}): Plan {
  const groupAction = extra.groupAction ?? noopGroup;
  return {
    formatVersion: 1,
    owner: 'o',
    scheduleGroup: 'g',
    liveFingerprint: 'f',
    groupAction,
    jobs,
    summary: summarise(groupAction, jobs),
    warnings: [],
    ...extra,
  };
}

const change = (path: string, before: unknown, after: unknown): FieldChange => ({ path, before, after });
const act = (
  kind: PlanAction['kind'],
  resource: PlanAction['resource'],
  name: string,
  changes: FieldChange[] = [],
): PlanAction => ({ kind, resource, name, changes });
const drift = change('/ScheduleExpression', 'cron(0 5 * * ? *)', 'cron(0 3 * * ? *)');
const pin = change('/Target/EcsParameters/TaskDefinitionArn', 'arn:…:t-a:1', '(known after apply)');
const image = change('/containerDefinitions/a/image', 'x:1', 'x:2');

describe('attributeToChange', () => {
  it('drops a job whose every change applying base would make as well', () => {
    const drifted: JobPlan = {
      job: 'b',
      status: 'Drifted',
      actions: [act('update', 'schedule', 't-b', [drift])],
    };
    const head = plan([drifted]);
    const out = attributeToChange(head, plan([drifted]));
    expect(out.jobs).toEqual([]);
    expect(out.summary.update).toBe(0);
  });

  it("keeps the change's own fields and sets the pre-existing ones apart", () => {
    const head = plan([
      {
        job: 'a',
        status: 'OutOfSync',
        actions: [
          act('update', 'taskDefinition', 't-a', [image]),
          act('update', 'schedule', 't-a', [drift, pin]),
        ],
      },
    ]);
    const base = plan([
      { job: 'a', status: 'Drifted', actions: [act('update', 'schedule', 't-a', [drift])] },
    ]);
    const out = attributeToChange(head, base);
    expect(out.jobs[0]?.actions.map((a) => a.changes)).toEqual([[image], [pin]]);
    expect(out.summary).toMatchObject({ update: 2 });
  });

  it('keeps a field the change moves again, even where base drifted on it too', () => {
    const other = change('/ScheduleExpression', 'cron(0 5 * * ? *)', 'cron(0 4 * * ? *)');
    const head = plan([
      { job: 'a', status: 'OutOfSync', actions: [act('update', 'schedule', 't-a', [other])] },
    ]);
    const base = plan([
      { job: 'a', status: 'Drifted', actions: [act('update', 'schedule', 't-a', [drift])] },
    ]);
    expect(attributeToChange(head, base).jobs[0]?.actions[0]?.changes).toEqual([other]);
  });

  it('treats creates and deletes whole: equal ones are pre-existing, any difference makes them the change', () => {
    const create = act('create', 'taskDefinition', 't-a', [change('/family', undefined, 't-a')]);
    const changed = act('create', 'taskDefinition', 't-a', [change('/family', undefined, 't-a'), image]);
    const missing = (a: PlanAction): JobPlan => ({ job: 'a', status: 'Missing', actions: [a] });
    expect(attributeToChange(plan([missing(create)]), plan([missing(create)])).jobs).toEqual([]);
    expect(attributeToChange(plan([missing(changed)]), plan([missing(create)])).jobs[0]?.actions).toEqual([
      changed,
    ]);
  });

  it('keeps jobs and actions base does not have: new jobs, new deletions, pruned revisions', () => {
    const orphan: JobPlan = { job: 'c', status: 'Orphan', actions: [act('delete', 'schedule', 't-c')] };
    const head = plan([orphan]);
    const base = plan([{ job: 'c', status: 'InSync', actions: [act('noop', 'schedule', 't-c')] }]);
    expect(attributeToChange(head, base).jobs).toEqual([orphan]);
  });

  it('keeps a conflict or suspension only when base does not say the same', () => {
    const conflict: JobPlan = { job: 'a', status: 'Conflict', actions: [], message: 'not ours' };
    expect(attributeToChange(plan([conflict]), plan([conflict])).jobs).toEqual([]);
    const suspended: JobPlan = { job: 'a', status: 'Suspended', actions: [], message: 'sync.suspend is set' };
    expect(attributeToChange(plan([suspended]), plan([conflict])).jobs).toEqual([suspended]);
  });

  it('sets apart a group creation and warnings that base has as well', () => {
    const group = act('create', 'scheduleGroup', 'g', [change('/Tags/x', undefined, 'y')]);
    const head = plan([], { groupAction: group, warnings: ['old', 'new'] });
    const base = plan([], { groupAction: group, warnings: ['old'] });
    const out = attributeToChange(head, base);
    expect(out.groupAction.kind).toBe('noop');
    expect(out.warnings).toEqual(['new']);
    expect(out.summary.create).toBe(0);
  });
});
