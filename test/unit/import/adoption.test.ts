// What the import says about the first apply: exact commands, and only what applies.
import { describe, expect, it } from 'vitest';
import { adoptionSteps, shellWord, type AdoptionContext } from '../../../src/import/adoption.js';
import { importCandidate } from '../../../src/import/convert.js';
import { ruleToSchedule } from '../../../src/import/rule-schedule.js';
import { CLUSTER, context, schedule, source, taskDefinition } from './support.js';

const ctx: AdoptionContext = {
  owner: 'analytics',
  scheduleGroup: 'berth-analytics',
  groupStatus: 'missing',
  namePrefix: 'etl-',
  keepRevisions: 2,
  region: 'us-east-1',
  rerun: '--family etl-sales',
};

describe('adoptionSteps', () => {
  it('tells how the revision is taken over, the schedule moved and the old one removed', () => {
    const job = importCandidate(source(), context());
    const hash = job.desired!.contentHash;
    expect(adoptionSteps([job], ctx)).toEqual([
      'schedule group berth-analytics: created by berth and tagged berth:managed-by=berth, berth:owner=analytics.',
      'family etl-sales: no new revision; berth takes over etl-sales:3 by tagging it. Until then `berth plan` shows the job as a Conflict. Run `berth import --adopt --family etl-sales`, or tag it yourself:',
      `    aws ecs tag-resource --resource-arn arn:aws:ecs:us-east-1:123456789012:task-definition/etl-sales:3 --tags key=berth:managed-by,value=berth key=berth:owner,value=analytics key=berth:job,value=sales key=berth:content-hash,value=${hash} key=team,value=data --region us-east-1`,
      'family etl-sales: keepRevisions is 2, so apply deregisters etl-sales:1.',
      'schedule default/etl-sales-nightly: berth creates berth-analytics/etl-sales (Scheduler cannot move a schedule between groups). Once `berth apply` has created it, delete the old one so the job does not run twice:',
      '    aws scheduler delete-schedule --group-name default --name etl-sales-nightly --region us-east-1',
    ]);
  });

  it('after --adopt reports the tagging; an owned group and a schedule already in place need nothing', () => {
    const inPlace = schedule('etl-sales', { GroupName: 'berth-analytics', Name: 'etl-sales' });
    const job = importCandidate(source(taskDefinition(), inPlace), context());
    const steps = adoptionSteps([job], {
      ...ctx,
      groupStatus: 'owned',
      keepRevisions: 5,
      adopted: [{ job: 'sales', arn: job.source.revisionArn, status: 'tagged', tags: {}, exact: true }],
    });
    expect(steps).toEqual([
      "family etl-sales: etl-sales:3 tagged as berth's; the first apply registers no new revision.",
    ]);
  });

  it('for a rule: remove its target (or disable it), and the role it runs with changes', () => {
    const from = ruleToSchedule(
      { name: 'sales-nightly', eventBusName: 'ops', scheduleExpression: 'rate(1 day)' },
      {
        Id: 't1',
        Arn: CLUSTER,
        RoleArn: 'arn:aws:iam::123456789012:role/ecs-events',
        EcsParameters: { ...schedule().Target!.EcsParameters!, Tags: undefined } as never,
      },
    )!;
    const job = importCandidate({ ...source(), schedule: from }, context());
    const steps = adoptionSteps([job], { ...ctx, groupStatus: 'owned', keepRevisions: 3, adopted: [] });
    expect(steps.slice(2)).toEqual([
      "EventBridge rule sales-nightly (bus ops) target t1: berth creates the Scheduler schedule berth-analytics/etl-sales. Once `berth apply` has created it, remove the rule's target so the job does not run twice (disable-rule instead keeps it for a while):",
      '    aws events remove-targets --rule sales-nightly --event-bus-name ops --ids t1 --region us-east-1',
      '    aws events delete-rule --name sales-nightly --event-bus-name ops --region us-east-1    # once it has no targets left',
      '    aws events disable-rule --name sales-nightly --event-bus-name ops --region us-east-1   # the alternative: keep it, disabled',
      'berth-analytics/etl-sales runs the task with schedulerRoleArn arn:aws:iam::123456789012:role/berth-scheduler instead of arn:aws:iam::123456789012:role/ecs-events: it must trust scheduler.amazonaws.com and may ecs:RunTask and iam:PassRole the task roles (`berth verify` checks the trust).',
    ]);
  });

  it('warns about a schedule group berth does not own, and says nothing for jobs not imported', () => {
    const skipped = importCandidate(
      source(taskDefinition(), schedule(), { 'berth:managed-by': 'berth', 'berth:owner': 'x' }),
      context(),
    );
    expect(adoptionSteps([skipped], ctx)).toEqual([]);
    const job = importCandidate(
      source(taskDefinition(), schedule(), { 'berth:managed-by': 'berth', 'berth:owner': 'analytics' }),
      context(),
    );
    expect(adoptionSteps([job], { ...ctx, groupStatus: 'unowned', keepRevisions: 3 })).toEqual([
      "schedule group berth-analytics exists but is not this installation's: berth will not create schedules in it. Set spec.scheduleGroup to a group of berth's own (recommended: berth deletes schedules without a manifest in its group).",
    ]);
  });
});

describe('shellWord', () => {
  it('quotes only what a shell would read differently', () => {
    expect(shellWord('key=team,value=data')).toBe('key=team,value=data');
    expect(shellWord("key=note,value=it's here")).toBe("'key=note,value=it'\\''s here'");
  });
});
