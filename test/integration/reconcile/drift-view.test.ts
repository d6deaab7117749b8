// Issue 13 items 5 and 7: `berth drift` sees every out-of-band change `berth plan` sees (a
// deleted schedule, a deregistered live revision, a schedule added to berth's group by hand,
// the group's tags), says "missing" instead of listing every field as null, and names the
// right reason when a schedule points at another family. Group tags are compared and put back.
import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import {
  DeleteScheduleCommand,
  TagResourceCommand,
  GetScheduleGroupCommand,
} from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { rawClients, scheduleInput } from '../../support/aws.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import {
  berthIn,
  deregisterByHand,
  editScheduleByHand,
  getSchedule,
  GROUP,
  groupTags,
  jobOf,
  pinnedRevision,
  planJson,
  scheduleNames,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

async function applied(): Promise<ReturnType<typeof berthIn>> {
  t.repo = await TestRepo.create(configYaml({ network: t.network, extraSpec: '  tags:\n    team: data\n' }), {
    'a.yaml': jobYaml('a'),
    'b.yaml': jobYaml('b'),
  });
  const berth = berthIn(t.repo);
  expect((await berth('apply', '--auto-approve')).code).toBe(0);
  return berth;
}

describe('berth drift sees what plan sees', () => {
  it('a schedule deleted by hand: "missing", not a list of nulls', async () => {
    const berth = await applied();
    await rawClients().scheduler.send(new DeleteScheduleCommand({ GroupName: GROUP, Name: 't-a' }));
    expect(jobOf(await planJson(berth), 'a').status).toBe('Drifted');
    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/schedule t-a: missing in AWS/);
    expect(drift.stdout).not.toMatch(/AWS null/);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await scheduleNames()).toEqual(['t-a', 't-b']);
  });

  it('the live revision deregistered by hand', async () => {
    const berth = await applied();
    await deregisterByHand('t-a:1');
    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('Drifted');
    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/^a: reported/m);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await pinnedRevision('t-a')).toBe('t-a:2');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('a schedule added to berth’s group by hand', async () => {
    const berth = await applied();
    const pin = (await getSchedule('t-a')).Target!.EcsParameters!.TaskDefinitionArn!;
    const clusterArn = (await getSchedule('t-a')).Target!.Arn!;
    await rawClients().scheduler.send(
      new CreateScheduleCommand(
        scheduleInput({ group: GROUP, name: 'handmade', taskDefinitionArn: pin, clusterArn }),
      ),
    );
    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/handmade/);
    expect(drift.stdout).toMatch(/schedule handmade: in AWS, not in git/);
  });

  it('the group’s tags: changed by hand is drift, and apply puts them back', async () => {
    const berth = await applied();
    const { scheduler } = rawClients();
    const g = await scheduler.send(new GetScheduleGroupCommand({ Name: GROUP }));
    await scheduler.send(new TagResourceCommand({ ResourceArn: g.Arn, Tags: [{ Key: 'team', Value: 'x' }] }));
    const plan = await planJson(berth);
    expect(plan.group.kind).toBe('update');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(2);
    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/schedule group berth-test/);
    expect(drift.stdout).toContain('/Tags/team: git "data", AWS "x"');
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect((await groupTags()).team).toBe('data');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('a schedule pointed at another family: the reason says so', async () => {
    const berth = await applied();
    const other = (await getSchedule('t-b')).Target!.EcsParameters!.TaskDefinitionArn!;
    await editScheduleByHand('t-a', (s) => (s.Target!.EcsParameters!.TaskDefinitionArn = other));
    const plan = await planJson(berth);
    const a = jobOf(plan, 'a');
    expect(a.status).toBe('Drifted');
    const schedule = a.actions.find((x) => x.resource === 'schedule');
    expect(schedule?.reason).toBe('points at another family (t-b:1)');
    expect((await berth('drift')).code).toBe(2);
  });
});
