import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryLiveCache, readLiveState } from '../../../src/live/index.js';
import {
  createCluster,
  createSchedule,
  createScheduleGroup,
  emulatorPorts,
  ownerTags,
  registerOwnedTaskDefinition,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';

const OWNER = 'team-etl';
const GROUP = 'berth-etl';

async function read() {
  const ports = emulatorPorts();
  return readLiveState(ports, {
    owner: OWNER,
    scheduleGroup: GROUP,
    namePrefix: 'etl-',
    cache: new MemoryLiveCache(),
  });
}

/** A group holding one schedule, so we can see whether the reader looked inside. */
async function groupWithSchedule(tags: Record<string, string>) {
  await createScheduleGroup(GROUP, tags);
  const clusterArn = await createCluster('c');
  const arn = await registerOwnedTaskDefinition({ family: 'etl-a', owner: OWNER });
  await createSchedule({ group: GROUP, name: 'etl-a', taskDefinitionArn: arn, clusterArn });
}

describe('readLiveState: the schedule group', () => {
  beforeEach(() => resetEmulator());

  it('reports a missing group and reads no schedules', async () => {
    const live = await read();
    expect(live.group).toEqual({ name: GROUP, status: 'missing', tags: {} });
    expect(live.schedules).toEqual({});
    expect(live.stats.calls).toEqual({
      'scheduler:GetScheduleGroup': 1,
      'scheduler:ListScheduleGroups': 1,
      'ecs:ListTaskDefinitions': 1,
    });
  });

  it('reports a group without berth tags as unowned and never reads into it', async () => {
    await groupWithSchedule({ team: 'someone-else' });
    const live = await read();
    expect(live.group).toMatchObject({ status: 'unowned', tags: { team: 'someone-else' } });
    expect(live.group.arn).toMatch(/schedule-group\/berth-etl$/);
    expect(live.schedules).toEqual({});
    expect(live.stats.calls['scheduler:ListSchedules']).toBeUndefined();
  });

  it("reports another installation's group as foreign", async () => {
    await groupWithSchedule(ownerTags('team-other'));
    const live = await read();
    expect(live.group.status).toBe('foreign');
    expect(live.group.tags['berth:owner']).toBe('team-other');
    expect(live.schedules).toEqual({});
  });

  it('reads the schedules of an owned group', async () => {
    await groupWithSchedule(ownerTags(OWNER));
    const live = await read();
    expect(live.group.status).toBe('owned');
    expect(Object.keys(live.schedules)).toEqual(['etl-a']);
    expect(live.schedules['etl-a']).toMatchObject({
      name: 'etl-a',
      group: GROUP,
      description: { Name: 'etl-a', State: 'ENABLED', Target: { EcsParameters: { LaunchType: 'FARGATE' } } },
    });
    expect(live.schedules['etl-a']?.lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
