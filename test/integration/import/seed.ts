// Existing jobs as teams create them without berth, in several styles, through the SDK:
// a single container with env + secrets scheduled in "default" with placeholders in its
// overrides; two containers (FireLens router) on Fargate Spot in a group of their own; an
// unscheduled family; a classic EventBridge rule with an ECS target.
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { createScheduleGroup, rawClients, ROLE_ARN } from '../../support/aws.js';
import { ACCOUNT, REGION, emulatorEndpoint } from '../../support/emulator.js';
import type { RepoNetwork } from '../../support/repo.js';

export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/etl`;
export const EXEC_ROLE = `arn:aws:iam::${ACCOUNT}:role/exec`;
export const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/etl-task`;
export const EVENTS_ROLE = `arn:aws:iam::${ACCOUNT}:role/ecs-events`;
export const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/myetl:2024.06.1`;
export const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:etl-dlq`;
const SSM_PASSWORD = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/etl/db-password`;
const API_TOKEN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:etl/api-token-AbCdEf`;

const awslogs = (group: string, prefix: string) => ({
  logDriver: 'awslogs' as const,
  options: { 'awslogs-group': group, 'awslogs-region': REGION, 'awslogs-stream-prefix': prefix },
});

function eventsClient(): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: emulatorEndpoint(),
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

async function register(
  input: ConstructorParameters<typeof RegisterTaskDefinitionCommand>[0],
): Promise<string> {
  const out = await rawClients().ecs.send(new RegisterTaskDefinitionCommand(input));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

export async function seedExistingJobs(net: RepoNetwork): Promise<void> {
  const { scheduler } = rawClients();
  const vpc = {
    Subnets: net.subnets,
    SecurityGroups: net.securityGroups,
    AssignPublicIp: 'DISABLED' as const,
  };

  const single = await register({
    family: 't-single',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    executionRoleArn: EXEC_ROLE,
    taskRoleArn: TASK_ROLE,
    containerDefinitions: [
      {
        name: 'single',
        image: IMAGE,
        essential: true,
        entryPoint: ['/bin/bash', '/opt/myetl/bin/launch.sh'],
        command: ['sales', '--mode', 'incremental'],
        environment: [
          { name: 'WAREHOUSE_SCHEMA', value: 'sales' },
          { name: 'BATCH_SIZE', value: '5000' },
        ],
        secrets: [
          { name: 'DB_PASSWORD', valueFrom: SSM_PASSWORD },
          { name: 'API_TOKEN', valueFrom: API_TOKEN },
        ],
        logConfiguration: awslogs('/berth/t-single', 'single'),
      },
    ],
    tags: [
      { key: 'team', value: 'data' },
      { key: 'pipeline', value: 'sales' },
    ],
  });
  await scheduler.send(
    new CreateScheduleCommand({
      Name: 'nightly-sales',
      GroupName: 'default',
      Description: 'Incremental load of the previous day of sales',
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: CLUSTER_ARN,
        RoleArn: ROLE_ARN,
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: DLQ },
        EcsParameters: {
          TaskDefinitionArn: single,
          LaunchType: 'FARGATE',
          TaskCount: 1,
          NetworkConfiguration: { awsvpcConfiguration: vpc },
          PropagateTags: 'TASK_DEFINITION',
        },
        Input: JSON.stringify({
          containerOverrides: [
            {
              name: 'single',
              command: [
                'sales',
                '--mode',
                'incremental',
                '--scheduled-time',
                '<aws.scheduler.scheduled-time>',
              ],
              environment: [{ name: 'ATTEMPT', value: '<aws.scheduler.attempt-number>' }],
            },
          ],
        }),
      },
    }),
  );

  const pair = await register({
    family: 't-pair',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '1024',
    memory: '2048',
    executionRoleArn: EXEC_ROLE,
    containerDefinitions: [
      {
        name: 'etl',
        image: IMAGE,
        essential: true,
        memoryReservation: 1536,
        command: ['compact', '--window', '1h'],
        environment: [{ name: 'EVENTS_BUCKET', value: 'acme-clickstream-raw' }],
        dependsOn: [{ containerName: 'log-router', condition: 'START' }],
        logConfiguration: {
          logDriver: 'awsfirelens',
          options: { Name: 'cloudwatch_logs', region: REGION, log_group_name: '/berth/t-pair' },
        },
      },
      {
        name: 'log-router',
        image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2',
        essential: true,
        memoryReservation: 64,
        user: '0',
        firelensConfiguration: { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } },
        logConfiguration: awslogs('/berth/t-pair', 'log-router'),
      },
    ],
  });
  await createScheduleGroup('legacy');
  await scheduler.send(
    new CreateScheduleCommand({
      Name: 'pair-hourly',
      GroupName: 'legacy',
      ScheduleExpression: 'cron(5 * * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 10 },
      Target: {
        Arn: CLUSTER_ARN,
        RoleArn: ROLE_ARN,
        EcsParameters: {
          TaskDefinitionArn: pair,
          CapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
          TaskCount: 1,
          NetworkConfiguration: { awsvpcConfiguration: vpc },
        },
        Input: JSON.stringify({
          containerOverrides: [
            { name: 'etl', environment: [{ name: 'RUN_AT', value: '<aws.scheduler.scheduled-time>' }] },
          ],
        }),
      },
    }),
  );

  await register({
    family: 't-adhoc',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    executionRoleArn: EXEC_ROLE,
    runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
    containerDefinitions: [
      {
        name: 'export',
        image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/warehouse-export:1.4.0`,
        essential: true,
        memory: 512,
        command: ['export', '--format', 'parquet'],
        logConfiguration: awslogs('/berth/t-adhoc', 'export'),
      },
    ],
  });

  const ruled = await register({
    family: 't-ruled',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    executionRoleArn: EXEC_ROLE,
    containerDefinitions: [
      {
        name: 'ruled',
        image: IMAGE,
        essential: true,
        command: ['fx-rates'],
        logConfiguration: awslogs('/berth/t-ruled', 'ruled'),
      },
    ],
  });
  const events = eventsClient();
  await events.send(
    new PutRuleCommand({
      Name: 'fx-rates-nightly',
      ScheduleExpression: 'cron(30 1 ? * MON-FRI *)',
      State: 'ENABLED',
      Description: 'Fetch daily reference exchange rates',
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'fx-rates-nightly',
      Targets: [
        {
          Id: 'fx-rates',
          Arn: CLUSTER_ARN,
          RoleArn: EVENTS_ROLE,
          EcsParameters: {
            TaskDefinitionArn: ruled,
            TaskCount: 1,
            LaunchType: 'FARGATE',
            NetworkConfiguration: { awsvpcConfiguration: vpc },
          },
          Input: JSON.stringify({
            containerOverrides: [{ name: 'ruled', command: ['fx-rates', '--date', 'today'] }],
          }),
        },
      ],
    }),
  );
}
