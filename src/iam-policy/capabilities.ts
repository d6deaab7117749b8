// One statement per capability, each scoped as tightly as IAM allows (resource types and
// condition keys as listed in the Service Authorization Reference for ECS, EventBridge
// Scheduler, IAM and DynamoDB). Which purposes need which capability is part of the table.
import type { Purpose, Statement } from './policy.js';
import type { IamScope } from './scope.js';

type Grant = Omit<Statement, 'Sid' | 'Effect'>;

export interface Capability {
  sid: string;
  for: readonly Purpose[];
  /** undefined: this repository does not need it (no roles to pass, no lock, …). */
  grant: (s: IamScope) => Grant | undefined;
}

const READ: readonly Purpose[] = ['plan', 'apply', 'controller'];
const WRITE: readonly Purpose[] = ['apply', 'controller'];

const ecs = (s: IamScope, resource: string) => `arn:${s.partition}:ecs:${s.region}:${s.account}:${resource}`;
const scheduler = (s: IamScope, resource: string) =>
  `arn:${s.partition}:scheduler:${s.region}:${s.account}:${resource}`;
/** Every revision of every family under the prefix ("family:revision"). */
const families = (s: IamScope) => ecs(s, `task-definition/${s.namePrefix}*`);
/** Tasks of a cluster: arn:…:task/CLUSTER/ID, in the cluster's own account and region. */
const tasksOf = (clusterArn: string) => `${clusterArn.replace(':cluster/', ':task/')}/*`;

export const CAPABILITIES: readonly Capability[] = [
  {
    sid: 'ReadTaskDefinitions',
    for: ['plan', 'apply', 'controller', 'run'],
    grant: () => ({ Action: ['ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions'], Resource: ['*'] }),
  },
  {
    sid: 'ReadScheduleGroup',
    for: READ,
    grant: (s) => ({
      Action: ['scheduler:GetScheduleGroup', 'scheduler:ListTagsForResource'],
      Resource: [scheduler(s, `schedule-group/${s.scheduleGroup}`)],
    }),
  },
  {
    sid: 'ListSchedules',
    for: READ,
    grant: () => ({ Action: ['scheduler:ListSchedules'], Resource: ['*'] }),
  },
  {
    sid: 'ReadSchedules',
    for: READ,
    grant: (s) => ({
      Action: ['scheduler:GetSchedule'],
      Resource: [scheduler(s, `schedule/${s.scheduleGroup}/*`)],
    }),
  },
  {
    sid: 'CreateScheduleGroup',
    for: WRITE,
    grant: (s) => ({
      Action: ['scheduler:CreateScheduleGroup'],
      Resource: [scheduler(s, `schedule-group/${s.scheduleGroup}`)],
    }),
  },
  {
    sid: 'RegisterTaskDefinitions',
    for: WRITE,
    grant: (s) => ({ Action: ['ecs:RegisterTaskDefinition'], Resource: [families(s)] }),
  },
  {
    // berth registers revisions with its ownership tags: ECS authorizes tags given at creation
    // as ecs:TagResource, with ecs:CreateAction naming the creating call. No other tagging.
    sid: 'TagTaskDefinitionsOnRegister',
    for: WRITE,
    grant: (s) => ({
      Action: ['ecs:TagResource'],
      Resource: [families(s)],
      Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
    }),
  },
  {
    sid: 'DeregisterTaskDefinitions',
    for: WRITE,
    grant: () => ({ Action: ['ecs:DeregisterTaskDefinition'], Resource: ['*'] }),
  },
  {
    sid: 'DeleteInactiveTaskDefinitions',
    for: WRITE,
    grant: (s) =>
      s.deletesInactive ? { Action: ['ecs:DeleteTaskDefinitions'], Resource: [families(s)] } : undefined,
  },
  {
    sid: 'WriteSchedules',
    for: WRITE,
    grant: (s) => ({
      Action: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule'],
      Resource: [scheduler(s, `schedule/${s.scheduleGroup}/*`)],
    }),
  },
  {
    // CreateSchedule / UpdateSchedule pass Target.RoleArn to Scheduler.
    sid: 'PassSchedulerRole',
    for: WRITE,
    grant: (s) =>
      s.schedulerRoles.length === 0
        ? undefined
        : {
            Action: ['iam:PassRole'],
            Resource: s.schedulerRoles,
            Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          },
  },
  {
    sid: 'Lease',
    for: WRITE,
    grant: (s) =>
      s.lockTable
        ? {
            Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
            Resource: [s.lockTable],
          }
        : undefined,
  },
  {
    sid: 'RunTasks',
    for: ['run'],
    grant: (s) => ({
      Action: ['ecs:RunTask'],
      Resource: [families(s)],
      Condition: { ArnEquals: { 'ecs:cluster': one(s.clusters) } },
    }),
  },
  {
    sid: 'TagTasksOnRun',
    for: ['run'],
    grant: (s) =>
      s.runTagsTasks
        ? {
            Action: ['ecs:TagResource'],
            Resource: s.clusters.map(tasksOf),
            Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
          }
        : undefined,
  },
  {
    sid: 'WatchTasks',
    for: ['run'],
    grant: (s) => ({ Action: ['ecs:DescribeTasks'], Resource: s.clusters.map(tasksOf) }),
  },
  {
    // RunTask passes the task role and the execution role to ECS tasks.
    sid: 'PassTaskRoles',
    for: ['run'],
    grant: (s) =>
      s.taskRoles.length === 0
        ? undefined
        : {
            Action: ['iam:PassRole'],
            Resource: s.taskRoles,
            Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
          },
  },
  // Lookups are resolved whenever the manifests are loaded with AWS access, by every purpose.
  {
    sid: 'LookupParameters',
    for: ['plan', 'apply', 'controller', 'run'],
    grant: (s) =>
      s.lookupParameters.length === 0
        ? undefined
        : { Action: ['ssm:GetParameters'], Resource: s.lookupParameters },
  },
  {
    sid: 'LookupStateFiles',
    for: ['plan', 'apply', 'controller', 'run'],
    grant: (s) =>
      s.lookupStateObjects.length === 0
        ? undefined
        : { Action: ['s3:GetObject'], Resource: s.lookupStateObjects },
  },
  {
    sid: 'LookupStackOutputs',
    for: ['plan', 'apply', 'controller', 'run'],
    grant: (s) =>
      s.lookupStacks.length === 0
        ? undefined
        : { Action: ['cloudformation:DescribeStacks'], Resource: s.lookupStacks },
  },
];

/** A single value stays a string (as people write policies), several become a list. */
function one(values: string[]): string | string[] {
  return values.length === 1 ? values[0]! : values;
}
