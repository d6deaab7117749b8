// Fixtures for the import unit tests: a repository config with defaults of every kind, and
// live sources shaped like AWS answers (describe output with ECS's own additions).
import { validateDocuments } from '../../../src/manifests/index.js';
import type { LiveScheduleDescription, LiveTaskDefinitionDescription } from '../../../src/model/aws-types.js';
import type { RepoConfig } from '../../../src/model/manifest.js';
import type { CandidateContext } from '../../../src/import/convert.js';
import type { LiveJobSource, ScheduleSource } from '../../../src/import/sources.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const CLUSTER = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/etl`;
export const SCHEDULER_ROLE = `arn:aws:iam::${ACCOUNT}:role/berth-scheduler`;
export const EXEC = `arn:aws:iam::${ACCOUNT}:role/exec`;
export const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/myetl:1.0`;

export const CONFIG_YAML = `apiVersion: berth/v1
kind: Config
metadata:
  name: analytics
spec:
  region: ${REGION}
  cluster: etl
  namePrefix: etl-
  scheduleGroup: berth-analytics
  schedulerRoleArn: ${SCHEDULER_ROLE}
  keepRevisions: 2
  tags:
    team: data
  ignoreTagKeys: [aws-backup:plan]
  defaults:
    task:
      launchType: FARGATE
      platformVersion: 1.4.0
      cpu: 0.5 vCPU
      memory: 1 GB
      runtimePlatform:
        cpuArchitecture: X86_64
        operatingSystemFamily: LINUX
      executionRoleArn: ${EXEC}
    network:
      subnets: [subnet-0a1b2c3d4e5f60718, subnet-0b2c3d4e5f6071829]
      securityGroups: [sg-0c3d4e5f60718293a]
    logging:
      createGroup: true
    schedule:
      timezone: Asia/Tokyo
      retry:
        maximumEventAgeInSeconds: 3600
        maximumRetryAttempts: 2
    run:
      propagateTags: TASK_DEFINITION
`;

export function repoConfig(text = CONFIG_YAML): RepoConfig {
  const load = validateDocuments({ config: { path: 'berth.yaml', content: text }, jobFiles: [] });
  if (!load.config) throw new Error(JSON.stringify(load.diagnostics));
  return load.config;
}

export function context(over: Partial<CandidateContext> = {}): CandidateContext {
  const text =
    over.configFile && 'content' in over.configFile ? String(over.configFile.content) : CONFIG_YAML;
  return {
    config: repoConfig(text),
    configFile: { path: 'berth.yaml', content: text },
    jobsDir: 'jobs',
    region: REGION,
    arnContext: { region: REGION, schedulerRoleArn: SCHEDULER_ROLE },
    now: new Date('2026-01-01T00:00:00Z'),
    allowChanges: false,
    existing: new Map(),
    ...over,
  };
}

const awslogs = (group: string, prefix: string) => ({
  logDriver: 'awslogs' as const,
  options: {
    'awslogs-group': group,
    'awslogs-region': REGION,
    'awslogs-stream-prefix': prefix,
    'awslogs-create-group': 'true',
  },
});

/** What describe gives back for a task definition that says exactly what the defaults say. */
export function taskDefinition(family = 'etl-sales', over: Partial<LiveTaskDefinitionDescription> = {}) {
  const job = family.replace(/^etl-/, '');
  return {
    taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:3`,
    family,
    revision: 3,
    status: 'ACTIVE',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    compatibilities: ['EC2', 'FARGATE'],
    cpu: '512',
    memory: '1024',
    executionRoleArn: EXEC,
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    volumes: [],
    placementConstraints: [],
    containerDefinitions: [
      {
        name: job,
        image: IMAGE,
        cpu: 0,
        essential: true,
        portMappings: [],
        mountPoints: [],
        volumesFrom: [],
        command: ['run'],
        environment: [
          { name: 'STAGE', value: 'prod' },
          { name: 'BATCH', value: '500' },
        ],
        secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/etl/db` }],
        logConfiguration: awslogs(`/berth/${family}`, job),
      },
    ],
    ...over,
  } as LiveTaskDefinitionDescription;
}

/** A Scheduler schedule that says what the defaults say, as GetSchedule returns it. */
export function schedule(
  family = 'etl-sales',
  over: Partial<LiveScheduleDescription> = {},
): LiveScheduleDescription {
  return {
    $metadata: {},
    Arn: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/${family}-nightly`,
    Name: `${family}-nightly`,
    GroupName: 'default',
    ScheduleExpression: 'cron(0 3 * * ? *)',
    ScheduleExpressionTimezone: 'Asia/Tokyo',
    State: 'ENABLED',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: {
      Arn: CLUSTER,
      RoleArn: SCHEDULER_ROLE,
      RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 },
      EcsParameters: {
        TaskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:3`,
        TaskCount: 1,
        LaunchType: 'FARGATE',
        PlatformVersion: '1.4.0',
        PropagateTags: 'TASK_DEFINITION',
        NetworkConfiguration: {
          awsvpcConfiguration: {
            Subnets: ['subnet-0b2c3d4e5f6071829', 'subnet-0a1b2c3d4e5f60718'],
            SecurityGroups: ['sg-0c3d4e5f60718293a'],
            AssignPublicIp: 'DISABLED',
          },
        },
      },
    },
    ...over,
  };
}

export function source(
  td: LiveTaskDefinitionDescription = taskDefinition(),
  sched: LiveScheduleDescription | null = schedule(),
  tags: Record<string, string> = { team: 'data' },
): LiveJobSource {
  const arn = td.taskDefinitionArn!;
  const s: ScheduleSource | undefined = sched
    ? {
        origin: { kind: 'scheduler', group: sched.GroupName ?? 'default', name: sched.Name ?? '' },
        schedule: sched,
        family: td.family!,
        revision: 3,
        notes: [],
      }
    : undefined;
  return {
    family: td.family!,
    revisionArn: arn,
    revision: td.revision ?? 3,
    active: [1, 2, 3].map((n) => arn.replace(/:\d+$/, `:${n}`)),
    taskDefinition: td,
    tags,
    ...(s ? { schedule: s } : {}),
    otherSchedules: [],
  };
}
