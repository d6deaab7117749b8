import { beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/model/errors.js';
import { createCluster, emulatorPorts, scheduleInput } from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';

const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/etl-x:1';

describe('SchedulerPort on the emulator', () => {
  beforeEach(() => resetEmulator());

  it('creates a tagged group and reads it back with its tags (two calls)', async () => {
    const ports = emulatorPorts();
    expect(await ports.scheduler.getScheduleGroup('berth-etl')).toBeUndefined();

    const arn = await ports.scheduler.createScheduleGroup('berth-etl', { 'berth:owner': 'a' }, 'token-1');
    await ports.scheduler.tagResource(arn, { extra: 'yes' });
    ports.calls.reset();

    expect(await ports.scheduler.getScheduleGroup('berth-etl')).toEqual({
      arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule-group/berth-etl',
      state: 'ACTIVE',
      tags: { 'berth:owner': 'a', extra: 'yes' },
    });
    expect(ports.calls.snapshot()).toEqual({
      'scheduler:GetScheduleGroup': 1,
      'scheduler:ListTagsForResource': 1,
    });
  });

  it('creates, reads, replaces and deletes schedules', async () => {
    const clusterArn = await createCluster('c1');
    const ports = emulatorPorts();
    await ports.scheduler.createScheduleGroup('g', {});
    const input = scheduleInput({ group: 'g', name: 'etl-x', taskDefinitionArn: TD, clusterArn });

    const arn = await ports.scheduler.createSchedule(input);
    expect(arn).toBe('arn:aws:scheduler:us-east-1:123456789012:schedule/g/etl-x');
    const got = await ports.scheduler.getSchedule('g', 'etl-x');
    expect(got).toMatchObject({
      Name: 'etl-x',
      GroupName: 'g',
      ScheduleExpression: 'cron(0 3 * * ? *)',
      State: 'ENABLED',
      Target: { Arn: clusterArn, EcsParameters: { TaskDefinitionArn: TD } },
    });
    expect(got?.LastModificationDate).toBeInstanceOf(Date);
    expect(got?.$metadata).toEqual({});

    // The replacement omits State: the port sends AWS's default (ENABLED) explicitly.
    const { State: _omitted, ...withoutState } = input;
    await ports.scheduler.updateSchedule({ ...withoutState, ScheduleExpression: 'rate(1 hour)' });
    const updated = await ports.scheduler.getSchedule('g', 'etl-x');
    expect(updated).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'ENABLED' });
    expect(updated?.Target?.Input).toBe(input.Target?.Input);

    await ports.scheduler.deleteSchedule('g', 'etl-x', 'delete-token');
    expect(await ports.scheduler.getSchedule('g', 'etl-x')).toBeUndefined();
    expect(await ports.scheduler.listSchedules('g')).toEqual([]);
  });

  it('lists every page of a large group, sorted by name', async () => {
    const ports = emulatorPorts();
    await ports.scheduler.createScheduleGroup('big', {});
    const names = Array.from({ length: 105 }, (_, i) => `job-${String(i).padStart(3, '0')}`);
    for (const name of [...names].reverse()) {
      await ports.scheduler.createSchedule(
        scheduleInput({
          group: 'big',
          name,
          taskDefinitionArn: TD,
          clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/c',
        }),
      );
    }
    ports.calls.reset();

    const summaries = await ports.scheduler.listSchedules('big');

    expect(summaries.map((s) => s.Name)).toEqual(names);
    expect(summaries[0]?.LastModificationDate).toBeInstanceOf(Date);
    expect(ports.calls.snapshot()).toEqual({ 'scheduler:ListSchedules': 2 });
  });

  it('maps conflicts and missing schedules to typed errors', async () => {
    const ports = emulatorPorts();
    await ports.scheduler.createScheduleGroup('g', {});
    const input = scheduleInput({ group: 'g', name: 'dup', taskDefinitionArn: TD, clusterArn: 'arn:c' });
    await ports.scheduler.createSchedule(input);

    await expect(ports.scheduler.createSchedule(input)).rejects.toMatchObject({
      name: 'BerthError',
      code: 'Conflict',
      message: 'scheduler:CreateSchedule: Schedule dup already exists.',
    });
    const missing = await ports.scheduler.deleteSchedule('g', 'nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BerthError);
    expect(missing).toMatchObject({ code: 'NotFound', transient: false });
    expect(await ports.scheduler.getSchedule('no-group', 'dup')).toBeUndefined();
  });
});
