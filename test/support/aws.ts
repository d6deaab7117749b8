// AWS helpers for integration tests: ports pointed at the emulator through the standard SDK
// environment, and seeding with raw SDK clients (not counted by the ports under test).
import {
  CreateSecurityGroupCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  GetScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { createAwsPorts, NO_RATE_LIMITS, type AwsOptions } from '../../src/aws/index.js';
import { MANAGED_BY_VALUE, TAG } from '../../src/model/desired.js';
import type { AwsPorts } from '../../src/model/ports.js';
import { ACCOUNT, REGION, emulatorEndpoint, emulatorEnv } from './emulator.js';

export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/berth-scheduler`;

/** Points this process's standard AWS SDK configuration at `endpoint` (default: the emulator). */
export function useEmulatorEnv(endpoint = emulatorEndpoint()): void {
  Object.assign(process.env, emulatorEnv(endpoint));
}

/** Runs fn with some variables set (string) or removed (undefined), then restores them. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/**
 * Ports on the standard configuration, aimed at the emulator (or a proxy in front of it).
 * Rate limits are off unless given: the emulator does not throttle and tests must stay fast.
 */
export function emulatorPorts(opts: AwsOptions & { endpoint?: string } = {}): AwsPorts {
  const { endpoint, ...aws } = opts;
  useEmulatorEnv(endpoint);
  return createAwsPorts({ maxAttempts: 3, rateLimits: NO_RATE_LIMITS, ...aws });
}

/** Raw SDK clients with explicit settings, independent of whatever env a test set. */
export function rawClients(endpoint = emulatorEndpoint()) {
  const config = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  return { ecs: new ECSClient(config), scheduler: new SchedulerClient(config), ec2: new EC2Client(config) };
}

export async function createCluster(name: string): Promise<string> {
  const out = await rawClients().ecs.send(new CreateClusterCommand({ clusterName: name }));
  return out.cluster?.clusterArn ?? '';
}

/** Subnets of the emulator's default VPC (RunTask needs subnets that exist in EC2). */
export async function defaultSubnets(): Promise<string[]> {
  const out = await rawClients().ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  return (out.Subnets ?? []).map((s) => s.SubnetId ?? '').filter(Boolean);
}

export async function createSecurityGroup(name: string): Promise<string> {
  const { ec2 } = rawClients();
  const vpcs = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  const out = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcs.Vpcs?.[0]?.VpcId }),
  );
  return out.GroupId ?? '';
}

export function ownerTags(owner: string, job?: string): Record<string, string> {
  return { [TAG.managedBy]: MANAGED_BY_VALUE, [TAG.owner]: owner, ...(job ? { [TAG.job]: job } : {}) };
}

/** A minimal Fargate task definition (RunTask in the emulator needs memory on each container). */
export function taskDefinitionInput(
  family: string,
  tags: Record<string, string> = {},
  image = 'public.ecr.aws/docker/library/busybox:latest',
): RegisterTaskDefinitionCommandInput {
  return {
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'main', image, memory: 512, essential: true, command: ['echo', family] }],
    ...(Object.keys(tags).length
      ? { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) }
      : {}),
  };
}

export async function registerTaskDefinition(
  family: string,
  tags: Record<string, string> = {},
  image?: string,
): Promise<string> {
  const out = await rawClients().ecs.send(
    new RegisterTaskDefinitionCommand(taskDefinitionInput(family, tags, image)),
  );
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

export function registerOwnedTaskDefinition(opts: {
  family: string;
  owner: string;
  job?: string;
  extraTags?: Record<string, string>;
  image?: string;
}): Promise<string> {
  return registerTaskDefinition(
    opts.family,
    { ...ownerTags(opts.owner, opts.job ?? opts.family), ...opts.extraTags },
    opts.image,
  );
}

export async function createScheduleGroup(name: string, tags: Record<string, string> = {}): Promise<string> {
  const out = await rawClients().scheduler.send(
    new CreateScheduleGroupCommand({
      Name: name,
      ...(Object.keys(tags).length
        ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }
        : {}),
    }),
  );
  return out.ScheduleGroupArn ?? '';
}

export function scheduleInput(opts: {
  group: string;
  name: string;
  taskDefinitionArn: string;
  clusterArn: string;
  expression?: string;
}): CreateScheduleCommandInput {
  return {
    Name: opts.name,
    GroupName: opts.group,
    ScheduleExpression: opts.expression ?? 'cron(0 3 * * ? *)',
    ScheduleExpressionTimezone: 'UTC',
    State: 'ENABLED',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: {
      Arn: opts.clusterArn,
      RoleArn: ROLE_ARN,
      EcsParameters: { TaskDefinitionArn: opts.taskDefinitionArn, LaunchType: 'FARGATE', TaskCount: 1 },
      Input: JSON.stringify({ containerOverrides: [{ name: 'main', command: ['run', opts.name] }] }),
    },
  };
}

export async function createSchedule(opts: Parameters<typeof scheduleInput>[0]): Promise<string> {
  const out = await rawClients().scheduler.send(new CreateScheduleCommand(scheduleInput(opts)));
  return out.ScheduleArn ?? '';
}

/** An out-of-band edit, as a person in the console would make it. */
export async function updateScheduleOutOfBand(input: CreateScheduleCommandInput): Promise<void> {
  await rawClients().scheduler.send(new UpdateScheduleCommand(input));
}

/** An out-of-band edit of a schedule's expression or pinned revision, the rest as it is. */
export async function editScheduleOutOfBand(
  group: string,
  name: string,
  change: { expression?: string; taskDefinitionArn?: string },
): Promise<void> {
  const s = await rawClients().scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
  const target = s.Target!;
  await updateScheduleOutOfBand({
    GroupName: group,
    Name: name,
    ScheduleExpression: change.expression ?? s.ScheduleExpression,
    ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
    FlexibleTimeWindow: s.FlexibleTimeWindow,
    State: s.State,
    Target: {
      ...target,
      EcsParameters: {
        ...target.EcsParameters!,
        TaskDefinitionArn: change.taskDefinitionArn ?? target.EcsParameters!.TaskDefinitionArn,
      },
    },
  });
}

/**
 * n jobs as berth would leave them: an owned group, and per job an owned family
 * `${prefix}job-NN` and a schedule of the same name pinned to its revision.
 */
export async function seedOwnedJobs(opts: {
  n: number;
  owner: string;
  prefix: string;
  group: string;
  clusterArn: string;
}): Promise<{ names: string[]; arns: string[] }> {
  await createScheduleGroup(opts.group, ownerTags(opts.owner));
  const names = Array.from({ length: opts.n }, (_, i) => `${opts.prefix}job-${String(i).padStart(2, '0')}`);
  // Families are independent: seeding them side by side keeps big fixtures quick.
  const arns = await Promise.all(
    names.map(async (name) => {
      const arn = await registerOwnedTaskDefinition({ family: name, owner: opts.owner });
      await createSchedule({ group: opts.group, name, taskDefinitionArn: arn, clusterArn: opts.clusterArn });
      return arn;
    }),
  );
  return { names, arns };
}
