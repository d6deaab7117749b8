// What the policy is scoped to, read from the rendered desired state: the account and region
// (from the cluster ARN), the family/schedule name prefix, the schedule group, the clusters
// `berth run` starts tasks in, and every role berth hands to AWS. Pure.
import { parseArn } from '../desired/arns.js';
import type { DesiredState } from '../model/desired.js';
import type { LoadResult } from '../model/diagnostics.js';
import { BerthError } from '../model/errors.js';
import { parseTemplate } from '../manifests/lookup-syntax.js';
import { jobContext } from '../run/job-context.js';
import { settingsFromSchedule, type RunSettings } from '../run/run-settings.js';
import { feedQueueName, feedRuleName } from '../runs/feed-names.js';
import { runsSettings } from '../runs/settings.js';

export interface IamScope {
  partition: string;
  region: string;
  account: string;
  namePrefix: string;
  scheduleGroup: string;
  /** metadata.name: the berth:owner tag of every group berth owns (renamed groups too). */
  owner: string;
  /** Cluster ARNs `berth run` starts tasks in (the config's and any run.cluster). */
  clusters: string[];
  /** Roles Scheduler assumes (Target.RoleArn): passed on CreateSchedule / UpdateSchedule. */
  schedulerRoles: string[];
  /** Task and execution roles of the task definitions: passed to ECS by RunTask. */
  taskRoles: string[];
  /** Some job's runs carry tags (run.tags, propagateTags): ECS authorizes tag-on-create. */
  runTagsTasks: boolean;
  /** prune.deleteInactive: berth calls DeleteTaskDefinitions. */
  deletesInactive: boolean;
  /** ARN of the DynamoDB lease table (spec.lock or --lock-table), when there is one. */
  lockTable?: string;
  /** spec.runs.enabled: the run feed's queue and rule (berth creates, reads and deletes them). */
  runFeed?: { queue: string; rule: string };
  /** Schedules' dead-letter queues: the controller reads failed invocations from them. */
  deadLetterQueues: string[];
  /** Some job has run.stopAfterMaxDuration: the controller stops overrunning tasks. */
  stopsOverruns: boolean;
  /** awslogs groups of the jobs' containers (ARNs of their streams): `berth run --logs` reads them. */
  logStreams: string[];
  /** SSM parameters {{ ssm }} lookups read (GetParameters). */
  lookupParameters: string[];
  /** S3 objects {{ tfstate "s3://…" }} lookups read (GetObject). */
  lookupStateObjects: string[];
  /** CloudFormation stacks {{ cfn }} lookups read (DescribeStacks). */
  lookupStacks: string[];
}

export function iamScope(
  desired: DesiredState,
  load: LoadResult,
  opts: { accountId?: string; lockTable?: string } = {},
): IamScope {
  const cluster = parseArn(desired.clusterArn);
  if (!cluster?.account || !cluster.region)
    throw new BerthError('Invalid', `cannot read account and region from ${desired.clusterArn}`);
  const { partition, region, account } = cluster;
  const runs = desired.jobs.map((j): RunSettings =>
    j.schedule
      ? settingsFromSchedule(j.schedule)
      : jobContext(load, j.name, { region, ...(opts.accountId ? { accountId: opts.accountId } : {}) })
          .settings,
  );
  const table = opts.lockTable ?? desired.lock?.table;
  return {
    partition,
    region,
    account,
    namePrefix: desired.namePrefix,
    scheduleGroup: desired.scheduleGroup,
    owner: desired.owner,
    clusters: sorted([desired.clusterArn, ...runs.map((r) => r.cluster)]),
    schedulerRoles: sorted(desired.jobs.map((j) => j.schedule?.Target?.RoleArn)),
    taskRoles: sorted(
      desired.jobs.flatMap((j) => [j.taskDefinition.taskRoleArn, j.taskDefinition.executionRoleArn]),
    ),
    runTagsTasks: runs.some(
      (r) => (r.params.tags?.length ?? 0) > 0 || r.params.propagateTags === 'TASK_DEFINITION',
    ),
    deletesInactive: desired.prune.deleteInactive,
    ...(runsSettings(desired).enabled
      ? {
          runFeed: {
            queue: `arn:${partition}:sqs:${region}:${account}:${feedQueueName(desired.owner)}`,
            rule: `arn:${partition}:events:${region}:${account}:rule/${feedRuleName(desired.owner)}`,
          },
        }
      : {}),
    deadLetterQueues: sorted(desired.jobs.map((j) => j.schedule?.Target?.DeadLetterConfig?.Arn)),
    stopsOverruns: desired.jobs.some((j) => j.health?.stopAfterMaxDuration === true),
    logStreams: sorted(
      desired.jobs.flatMap((j) =>
        (j.taskDefinition.containerDefinitions ?? []).map((c) => {
          const o = c.logConfiguration?.logDriver === 'awslogs' ? c.logConfiguration.options : undefined;
          const group = o?.['awslogs-group'];
          return group
            ? `arn:${partition}:logs:${o['awslogs-region'] ?? region}:${account}:log-group:${group}:log-stream:*`
            : undefined;
        }),
      ),
    ),
    ...lookupResources(desired, { partition, region, account }),
    ...(table
      ? {
          lockTable: table.startsWith('arn:')
            ? table
            : `arn:${partition}:dynamodb:${region}:${account}:table/${table}`,
        }
      : {}),
  };
}

function sorted(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
}

/** What the lookups read, as ARNs: the calls are read back from the expressions as written. */
function lookupResources(
  desired: DesiredState,
  at: { partition: string; region: string; account: string },
): Pick<IamScope, 'lookupParameters' | 'lookupStateObjects' | 'lookupStacks'> {
  const calls = (desired.lookups ?? []).flatMap((u) =>
    parseTemplate(u.expression).flatMap((p) => p.call ?? []),
  );
  const arn = (service: string, resource: string) =>
    `arn:${at.partition}:${service}:${at.region}:${at.account}:${resource}`;
  const s3 = calls.flatMap((c) => {
    const m = c.fn === 'tfstate' ? /^s3:\/\/([^/]+)\/(.+)$/.exec(c.args[0]!) : null;
    return m ? [`arn:${at.partition}:s3:::${m[1]}/${m[2]}`] : [];
  });
  return {
    // A name with no leading slash is parameter/NAME; /a/b is parameter/a/b.
    lookupParameters: sorted(
      calls
        .filter((c) => c.fn === 'ssm')
        .map((c) => arn('ssm', `parameter/${c.args[0]!.replace(/^\//, '')}`)),
    ),
    lookupStateObjects: sorted(s3),
    lookupStacks: sorted(
      calls.filter((c) => c.fn === 'cfn').map((c) => arn('cloudformation', `stack/${c.args[0]!}/*`)),
    ),
  };
}
