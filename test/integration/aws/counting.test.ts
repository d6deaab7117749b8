import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../../src/aws/index.js';
import {
  createCluster,
  defaultSubnets,
  emulatorPorts,
  scheduleInput,
  taskDefinitionInput,
} from '../../support/aws.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';

describe('call counting and rate limits', () => {
  let proxy: CountingProxy;
  beforeEach(async () => {
    await resetEmulator();
    proxy = await startCountingProxy(emulatorEndpoint());
  });
  afterEach(() => proxy.close());

  it('counts exactly the requests the wire sees, by service and operation', async () => {
    const clusterArn = await createCluster('c');
    const ports = emulatorPorts({ endpoint: proxy.url });

    const a = await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-a'));
    await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-a'));
    await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-b'));
    await ports.ecs.listTaskDefinitionArns({ familyPrefix: 'etl-', status: 'ACTIVE' });
    await ports.ecs.describeTaskDefinition(a.arn);
    await ports.ecs.deregisterTaskDefinition(a.arn);
    await ports.ecs.deleteTaskDefinitions([a.arn]);
    await ports.ecs.describeCluster('c');
    const groupArn = await ports.scheduler.createScheduleGroup('g', { 'berth:owner': 'x' });
    await ports.scheduler.tagResource(groupArn, { more: 'tags' });
    await ports.scheduler.getScheduleGroup('g');
    const input = scheduleInput({ group: 'g', name: 's', taskDefinitionArn: a.arn, clusterArn });
    await ports.scheduler.createSchedule(input);
    await ports.scheduler.listSchedules('g');
    await ports.scheduler.getSchedule('g', 's');
    await ports.scheduler.updateSchedule({ ...input, State: 'DISABLED' });
    await ports.scheduler.deleteSchedule('g', 's');

    const expected = {
      'ecs:DeleteTaskDefinitions': 1,
      'ecs:DeregisterTaskDefinition': 1,
      'ecs:DescribeClusters': 1,
      'ecs:DescribeTaskDefinition': 1,
      'ecs:ListTaskDefinitions': 1,
      'ecs:RegisterTaskDefinition': 3,
      'scheduler:CreateSchedule': 1,
      'scheduler:CreateScheduleGroup': 1,
      'scheduler:DeleteSchedule': 1,
      'scheduler:GetSchedule': 1,
      'scheduler:GetScheduleGroup': 1,
      'scheduler:ListSchedules': 1,
      'scheduler:ListTagsForResource': 1,
      'scheduler:TagResource': 1,
      'scheduler:UpdateSchedule': 1,
    };
    expect(ports.calls.snapshot()).toEqual(expected);
    expect(ports.calls.attempts?.()).toEqual(expected);
    expect(proxy.counts()).toEqual(expected);
    expect(ports.calls.total()).toBe(proxy.total());
    ports.calls.reset();
    expect(ports.calls.total()).toBe(0);
  });

  it('the proxy names EC2 query actions too', async () => {
    const ec2 = new EC2Client({
      endpoint: proxy.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await ec2.send(new DescribeSubnetsCommand({}));
    expect(proxy.counts()).toEqual({ 'ec2:DescribeSubnets': 1 });
    expect((await defaultSubnets()).length).toBeGreaterThan(0);
  });

  it('holds an operation to its configured rate after the burst', async () => {
    const ports = emulatorPorts({ rateLimits: { 'ecs:RegisterTaskDefinition': 20 } });
    const t0 = Date.now();
    // Burst of 20, then one every 50 ms: the 30th call starts no earlier than ~500 ms.
    for (let i = 0; i < 30; i++) await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-rate'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    const unlimited = emulatorPorts();
    const t1 = Date.now();
    await unlimited.ecs.listTaskDefinitionArns({ familyPrefix: 'etl-', status: 'ACTIVE' });
    expect(Date.now() - t1).toBeLessThan(450);
  });

  it("defaults keep task-definition mutations to AWS's quota: a burst, then one per second", async () => {
    // The documented bucket holds 20 and refills 1/s; berth leaves it a margin of 2.
    expect(DEFAULT_RATE_LIMITS['ecs:RegisterTaskDefinition']).toBe(1);
    const ports = emulatorPorts({ rateLimits: {} });
    const t0 = Date.now();
    for (let i = 0; i < 18; i++) await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-default'));
    expect(Date.now() - t0).toBeLessThan(900);
    for (let i = 0; i < 2; i++) await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-default'));
    // The 19th at ~1 s, the 20th at ~2 s.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
  });
});
