// One statement per capability, each scoped as tightly as IAM allows (resource types and
// condition keys as listed in the Service Authorization Reference for ECS, EventBridge
// Scheduler, IAM, DynamoDB, SQS, EventBridge and CloudWatch Logs). Which purposes need which capability is part of the table.
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
    grant: () => ({
      Action: ['ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions'],
      Resource: ['*'],
    }),
  },
  {
    // Light reads list berth's families by prefix (docs/performance.md); `berth run` never does.
    sid: 'ListTaskDefinitionFamilies',
    for: ['plan', 'apply', 'controller'],
    grant: () => ({ Action: ['ecs:ListTaskDefinitionFamilies'], Resource: ['*'] }),
  },
  {
    sid: 'ReadScheduleGroup',
    for: READ,
    grant: (s) => ({
      Action: ['scheduler:GetScheduleGroup'],
      Resource: [scheduler(s, `schedule-group/${s.scheduleGroup}`)],
    }),
  },
  {
    // berth recognises the groups it owned under earlier names (a renamed spec.scheduleGroup)
    // by their tags: it reads the tags of every group, and the schedules only of its own.
    sid: 'FindOwnedScheduleGroups',
    for: READ,
    grant: (s) => ({
      Action: ['scheduler:ListTagsForResource'],
      Resource: [scheduler(s, 'schedule-group/*')],
    }),
  },
  {
    sid: 'ListScheduleGroups',
    for: READ,
    grant: () => ({ Action: ['scheduler:ListScheduleGroups'], Resource: ['*'] }),
  },
  {
    sid: 'ListSchedules',
    for: READ,
    grant: () => ({ Action: ['scheduler:ListSchedules'], Resource: ['*'] }),
  },
  {
    // The configured group's schedules, and those of groups berth owned under an earlier name.
    sid: 'ReadSchedules',
    for: READ,
    grant: (s) => ({
      Action: ['scheduler:GetSchedule'],
      Resource: [scheduler(s, 'schedule/*/*')],
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
    // Tags at creation, the tags of berth.yaml kept in line, the namePrefix berth records.
    sid: 'TagScheduleGroup',
    for: WRITE,
    grant: (s) => ({
      Action: ['scheduler:TagResource', 'scheduler:UntagResource'],
      Resource: [scheduler(s, `schedule-group/${s.scheduleGroup}`)],
    }),
  },
  {
    sid: 'RegisterTaskDefinitions',
    for: WRITE,
    grant: (s) => ({ Action: ['ecs:RegisterTaskDefinition'], Resource: [families(s)] }),
  },
  {
    // Ownership tags at registration (ECS authorizes tags given at creation as ecs:TagResource),
    // a tag-only change on an existing revision, and berth's applied-state record.
    sid: 'TagTaskDefinitions',
    for: WRITE,
    grant: (s) => ({
      Action: ['ecs:TagResource', 'ecs:UntagResource'],
      Resource: [families(s)],
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
    // After spec.scheduleGroup is renamed, berth deletes its copies in the group it owned
    // before, then that group once empty. Only groups tagged with this installation's owner:
    // Scheduler evaluates aws:ResourceTag against the group's tags (schedules carry none).
    sid: 'RetirePreviousScheduleGroups',
    for: WRITE,
    grant: (s) => ({
      Action: ['scheduler:DeleteSchedule', 'scheduler:DeleteScheduleGroup'],
      Resource: [scheduler(s, 'schedule/*/*'), scheduler(s, 'schedule-group/*')],
      Condition: { StringEquals: { 'aws:ResourceTag/berth:owner': s.owner } },
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
    // `berth run --wait`, `berth runs` and the controller's run watcher.
    sid: 'WatchTasks',
    for: ['controller', 'run'],
    grant: (s) => ({ Action: ['ecs:DescribeTasks'], Resource: s.clusters.map(tasksOf) }),
  },
  {
    // Run health: the controller and `berth runs` list a job's tasks by family. ListTasks names
    // no resource Fargate tasks have (its type is container-instance), so it is scoped by cluster.
    sid: 'ListRuns',
    for: ['controller', 'run'],
    grant: (s) => ({
      Action: ['ecs:ListTasks'],
      Resource: ['*'],
      Condition: { ArnEquals: { 'ecs:cluster': one(s.clusters) } },
    }),
  },
  {
    // run.stopAfterMaxDuration: the controller stops a task of berth's families past its maxDuration.
    sid: 'StopOverrunningRuns',
    for: ['controller'],
    grant: (s) =>
      s.stopsOverruns ? { Action: ['ecs:StopTask'], Resource: s.clusters.map(tasksOf) } : undefined,
  },
  {
    sid: 'ReadRunFeed',
    for: READ,
    grant: (s) =>
      s.runFeed
        ? {
            Action: [
              'events:DescribeRule',
              'events:ListTagsForResource',
              'events:ListTargetsByRule',
              'sqs:GetQueueAttributes',
              'sqs:GetQueueUrl',
              'sqs:ListQueueTags',
            ],
            Resource: [s.runFeed.queue, s.runFeed.rule],
          }
        : undefined,
  },
  {
    // spec.runs.enabled: berth's own queue and rule, created, updated and deleted by apply.
    sid: 'WriteRunFeed',
    for: WRITE,
    grant: (s) =>
      s.runFeed
        ? {
            Action: [
              'events:DeleteRule',
              'events:PutRule',
              'events:PutTargets',
              'events:RemoveTargets',
              'events:TagResource',
              'sqs:CreateQueue',
              'sqs:DeleteQueue',
              'sqs:SetQueueAttributes',
              'sqs:TagQueue',
            ],
            Resource: [s.runFeed.queue, s.runFeed.rule],
          }
        : undefined,
  },
  {
    // The controller takes the feed's events off the queue (DeleteMessageBatch is sqs:DeleteMessage).
    sid: 'ConsumeRunFeed',
    for: ['controller'],
    grant: (s) =>
      s.runFeed
        ? { Action: ['sqs:DeleteMessage', 'sqs:ReceiveMessage'], Resource: [s.runFeed.queue] }
        : undefined,
  },
  {
    // Failed invocations, read and left in place: the queues are the user's.
    sid: 'ReadDeadLetterQueues',
    for: ['controller'],
    grant: (s) =>
      s.deadLetterQueues.length === 0
        ? undefined
        : { Action: ['sqs:GetQueueUrl', 'sqs:ReceiveMessage'], Resource: s.deadLetterQueues },
  },
  {
    sid: 'FollowRunLogs',
    for: ['run'],
    grant: (s) =>
      s.logStreams.length === 0 ? undefined : { Action: ['logs:GetLogEvents'], Resource: s.logStreams },
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
