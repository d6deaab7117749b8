import { DeregisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/model/errors.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
  registerOwnedTaskDefinition,
  registerTaskDefinition,
  taskDefinitionInput,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';

const revisionOf = (arn: string) => arn.replace(/^.*task-definition\//, '');

describe('EcsPort on the emulator', () => {
  beforeEach(() => resetEmulator());

  it('lists ACTIVE revisions of families under a prefix, sorted by family then revision', async () => {
    // Registered interleaved so that emulator order (by family insertion) differs from ours.
    for (let rev = 0; rev < 11; rev++) {
      for (const family of ['etl-b', 'etl-a', 'etl-c']) await registerTaskDefinition(family);
    }
    await registerTaskDefinition('other-etl');
    await registerTaskDefinition('etl'); // exact prefix without the dash: not under "etl-"
    await rawClients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'etl-a:2' }));
    const ports = emulatorPorts();

    const arns = await ports.ecs.listTaskDefinitionArns({ familyPrefix: 'etl-', status: 'ACTIVE' });

    const expected = ['etl-a', 'etl-b', 'etl-c'].flatMap((f) =>
      Array.from({ length: 11 }, (_, i) => `${f}:${i + 1}`).filter((r) => r !== 'etl-a:2'),
    );
    expect(arns.map(revisionOf)).toEqual(expected);
    expect(arns[0]).toMatch(/^arn:aws:ecs:us-east-1:\d{12}:task-definition\/etl-a:1$/);
    expect(
      (await ports.ecs.listTaskDefinitionArns({ familyPrefix: 'etl-', status: 'INACTIVE' })).map(revisionOf),
    ).toEqual(['etl-a:2']);
    expect(
      (await ports.ecs.listTaskDefinitionArns({ family: 'etl', status: 'ACTIVE' })).map(revisionOf),
    ).toEqual(['etl:1']);
    expect(ports.calls.snapshot()).toEqual({ 'ecs:ListTaskDefinitions': 3 });
  });

  it('describes a revision with its tags, and answers undefined for one that does not exist', async () => {
    const arn = await registerOwnedTaskDefinition({ family: 'etl-tagged', owner: 'team-a', job: 'tagged' });
    const ports = emulatorPorts();

    const d = await ports.ecs.describeTaskDefinition(arn);
    expect(d?.taskDefinition.taskDefinitionArn).toBe(arn);
    expect(d?.taskDefinition.containerDefinitions?.[0]?.command).toEqual(['echo', 'etl-tagged']);
    expect(d?.tags).toEqual({ 'berth:managed-by': 'berth', 'berth:owner': 'team-a', 'berth:job': 'tagged' });
    expect(await ports.ecs.describeTaskDefinition('etl-tagged:7')).toBeUndefined();
    expect(await ports.ecs.describeTaskDefinition('never-registered:1')).toBeUndefined();
  });

  it('registers, tags, deregisters and deletes revisions (deletes batched by 10)', async () => {
    const ports = emulatorPorts();
    const arns: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-cycle'));
      expect(r.revision).toBe(i + 1);
      arns.push(r.arn);
    }
    await ports.ecs.tagResource(arns[11] ?? '', { 'berth:owner': 'x' });
    expect((await ports.ecs.describeTaskDefinition(arns[11] ?? ''))?.tags).toEqual({ 'berth:owner': 'x' });

    const old = arns.slice(0, 11);
    for (const arn of old) await ports.ecs.deregisterTaskDefinition(arn);
    await ports.ecs.deleteTaskDefinitions(old);

    expect(await ports.ecs.listTaskDefinitionArns({ family: 'etl-cycle', status: 'ACTIVE' })).toEqual([
      arns[11],
    ]);
    expect(await ports.ecs.listTaskDefinitionArns({ family: 'etl-cycle', status: 'INACTIVE' })).toEqual([]);
    expect(ports.calls.snapshot()).toMatchObject({
      'ecs:RegisterTaskDefinition': 12,
      'ecs:DeregisterTaskDefinition': 11,
      'ecs:DeleteTaskDefinitions': 2,
    });
  });

  it('refuses to delete an ACTIVE revision with a typed error', async () => {
    const ports = emulatorPorts();
    const { arn } = await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-keep'));
    const err = await ports.ecs.deleteTaskDefinitions([arn]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ code: 'Validation' });
    expect((err as Error).message).toMatch(/^ecs:DeleteTaskDefinitions: 1 of 1 not deleted .*ACTIVE/);
  });

  it('finds clusters, runs a task and describes it', async () => {
    const clusterArn = await createCluster('berth-test');
    const [subnets, sg] = await Promise.all([defaultSubnets(), createSecurityGroup('berth-test')]);
    const ports = emulatorPorts();
    const { arn } = await ports.ecs.registerTaskDefinition(taskDefinitionInput('etl-run'));

    expect(await ports.ecs.describeCluster('berth-test')).toBe(clusterArn);
    expect(await ports.ecs.describeCluster('no-such-cluster')).toBeUndefined();

    const run = await ports.ecs.runTask({
      cluster: clusterArn,
      taskDefinition: arn,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: subnets.slice(0, 1), securityGroups: [sg] } },
    });
    expect(run.failures).toEqual([]);
    expect(run.tasks).toHaveLength(1);
    const taskArn = run.tasks[0]?.taskArn ?? '';
    const tasks = await ports.ecs.describeTasks(clusterArn, [taskArn]);
    expect(tasks.map((t) => t.taskDefinitionArn)).toEqual([arn]);
  });
});
