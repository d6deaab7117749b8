// berth iam-policy on the example repository (berth.yaml + jobs/ at the project root): a golden
// file per purpose, a valid and least-privilege document, resources that match exactly what
// berth touches, and no AWS operation berth can make left out.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildPolicy,
  grantedActions,
  iamScope,
  NOT_CALLED_DIRECTLY,
  PURPOSES,
  UNSCOPED_ACTIONS,
  type IamScope,
  type PolicyDocument,
  type Purpose,
} from '../../../src/iam-policy/index.js';
import { RUNS_DEFAULTS, type DesiredState } from '../../../src/model/desired.js';
import type { LoadResult } from '../../../src/model/diagnostics.js';
import { evaluateRepository } from '../../../src/pipeline/evaluate.js';

const ROOT = join(import.meta.dirname, '../../..');
const GOLDEN = join(ROOT, 'test/fixtures/iam-policy/example.json');
const update = process.env.UPDATE_GOLDEN === '1';

let desired: DesiredState;
let load: LoadResult;
let scope: IamScope;

beforeAll(async () => {
  const evaluation = await evaluateRepository(ROOT);
  expect(evaluation.errors).toBe(0);
  desired = evaluation.desired!;
  load = evaluation.load;
  scope = iamScope(desired, load);
});

/** IAM's wildcard match: * any run of characters, ? one character (case-sensitive for ARNs). */
function matches(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

function allows(policy: PolicyDocument, action: string, resource: string): boolean {
  return policy.Statement.some(
    (s) => s.Action.includes(action) && s.Resource.some((r) => matches(r, resource)),
  );
}

describe('berth iam-policy for the example repository', () => {
  it('matches the golden policy for every purpose', () => {
    const actual = Object.fromEntries(PURPOSES.map((p) => [p, buildPolicy(scope, [p])]));
    const text = `${JSON.stringify(actual, null, 2)}\n`;
    if (update) writeFileSync(GOLDEN, text);
    expect(existsSync(GOLDEN), 'run with UPDATE_GOLDEN=1 once').toBe(true);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it.each([...PURPOSES.map((p) => [p, [p]] as const), ['all', PURPOSES] as const])(
    'is a valid, least-privilege policy document (%s)',
    (_name, purposes) => {
      const policy = buildPolicy(scope, purposes as readonly Purpose[]);
      expect(policy.Version).toBe('2012-10-17');
      expect(Array.isArray(policy.Statement)).toBe(true);
      expect(policy.Statement.length).toBeGreaterThan(0);
      const sids = policy.Statement.map((s) => s.Sid);
      expect(new Set(sids).size).toBe(sids.length);
      for (const s of policy.Statement) {
        expect(Object.keys(s).sort()).toEqual(
          s.Condition
            ? ['Action', 'Condition', 'Effect', 'Resource', 'Sid']
            : ['Action', 'Effect', 'Resource', 'Sid'],
        );
        expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(s.Effect).toBe('Allow');
        expect(s.Action.length).toBeGreaterThan(0);
        // No wildcard actions: each is one exact service:Action.
        for (const a of s.Action)
          expect(a).toMatch(/^(ecs|scheduler|iam|dynamodb|sqs|events|logs):[A-Z][A-Za-z]+$/);
        expect(s.Resource.length).toBeGreaterThan(0);
        if (s.Resource.includes('*')) {
          // "*" only alone, and only for actions IAM cannot scope (each with its reason).
          expect(s.Resource).toEqual(['*']);
          for (const a of s.Action)
            expect(UNSCOPED_ACTIONS[a], `${a} may not have Resource "*"`).toBeTruthy();
          // ListTasks is the one unscoped action IAM can narrow by a condition (the cluster).
          if (!s.Action.includes('ecs:ListTasks')) expect(s.Condition).toBeUndefined();
        } else {
          for (const r of s.Resource)
            expect(r).toMatch(/^arn:aws:(ecs|scheduler|iam|dynamodb|sqs|events|logs):[a-z0-9-]*:\d{12}:\S+$/);
        }
        for (const [op, keys] of Object.entries(s.Condition ?? {})) {
          expect(['StringEquals', 'ArnEquals']).toContain(op);
          for (const k of Object.keys(keys))
            expect([
              'ecs:cluster',
              'ecs:CreateAction',
              'iam:PassedToService',
              'aws:ResourceTag/berth:owner',
            ]).toContain(k);
        }
      }
      // Valid JSON that survives a round trip unchanged.
      expect(JSON.parse(JSON.stringify(policy))).toEqual(policy);
    },
  );

  it('scopes every write to berth’s families, schedule group, cluster and roles', () => {
    const p = buildPolicy(scope, ['controller', 'run']);
    const td = (family: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:7`;
    const schedule = (group: string, name: string) =>
      `arn:aws:scheduler:us-east-1:123456789012:schedule/${group}/${name}`;
    for (const job of desired.jobs) {
      expect(allows(p, 'ecs:RegisterTaskDefinition', td(job.family))).toBe(true);
      expect(allows(p, 'ecs:RunTask', td(job.family))).toBe(true);
      if (job.scheduleName)
        expect(allows(p, 'scheduler:UpdateSchedule', schedule(desired.scheduleGroup, job.scheduleName))).toBe(
          true,
        );
    }
    // Someone else's family, schedule group or cluster is out of reach.
    expect(allows(p, 'ecs:RegisterTaskDefinition', td('billing-daily'))).toBe(false);
    // Outside its configured group, only groups tagged as this installation's (renamed ones).
    const unconditioned = { ...p, Statement: p.Statement.filter((s) => !s.Condition) };
    expect(allows(unconditioned, 'scheduler:DeleteSchedule', schedule('default', 'etl-daily-sales'))).toBe(
      false,
    );
    expect(p.Statement.find((s) => s.Sid === 'RetirePreviousScheduleGroups')?.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/berth:owner': desired.owner },
    });
    expect(
      allows(
        p,
        'scheduler:CreateScheduleGroup',
        'arn:aws:scheduler:us-east-1:123456789012:schedule-group/other',
      ),
    ).toBe(false);
    const run = p.Statement.find((s) => s.Sid === 'RunTasks')!;
    expect(run.Condition).toEqual({
      ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/etl' },
    });
    expect(p.Statement.find((s) => s.Sid === 'WatchTasks')!.Resource).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task/etl/*',
    ]);
    // iam:PassRole: exactly the roles in the desired state, each to the one service that takes it.
    expect(p.Statement.find((s) => s.Sid === 'PassSchedulerRole')).toMatchObject({
      Resource: ['arn:aws:iam::123456789012:role/berth-scheduler'],
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    expect(p.Statement.find((s) => s.Sid === 'PassTaskRoles')).toMatchObject({
      Resource: [
        'arn:aws:iam::123456789012:role/etl-task',
        'arn:aws:iam::123456789012:role/etl-task-execution',
      ],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
  });

  it('gives each purpose only its own capabilities', () => {
    const plan = grantedActions(buildPolicy(scope, ['plan']));
    expect(plan.filter((a) => !/:(Get|List|Describe)/.test(a))).toEqual([]);
    expect(grantedActions(buildPolicy(scope, ['run']))).not.toContain('ecs:RegisterTaskDefinition');
    expect(grantedActions(buildPolicy(scope, ['controller']))).not.toContain('ecs:RunTask');
    // the controller is apply plus watching runs (its own run watcher)
    const apply = buildPolicy(scope, ['apply']).Statement.map((s) => s.Sid);
    const controller = buildPolicy(scope, ['controller']).Statement.map((s) => s.Sid);
    expect(controller.filter((sid) => !apply.includes(sid))).toEqual([
      'WatchTasks',
      'ListRuns',
      'ReadDeadLetterQueues',
    ]);
    expect(apply.filter((sid) => !controller.includes(sid))).toEqual([]);
  });

  it('adds the lease table when spec.lock (or --lock-table) names one; DeleteTaskDefinitions only with deleteInactive', () => {
    const none = buildPolicy(scope, ['controller']);
    expect(none.Statement.map((s) => s.Sid)).not.toContain('Lease');
    expect(none.Statement.map((s) => s.Sid)).not.toContain('DeleteInactiveTaskDefinitions');
    const locked = iamScope(
      { ...desired, lock: { table: 'berth-locks' }, prune: { ...desired.prune, deleteInactive: true } },
      load,
    );
    const policy = buildPolicy(locked, ['controller']);
    expect(policy.Statement.find((s) => s.Sid === 'Lease')).toEqual({
      Sid: 'Lease',
      Effect: 'Allow',
      Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/berth-locks'],
    });
    expect(grantedActions(policy)).toContain('ecs:DeleteTaskDefinitions');
    expect(grantedActions(buildPolicy(locked, ['plan', 'run']))).not.toContain('dynamodb:PutItem');
    const arn = 'arn:aws:dynamodb:us-east-1:210987654321:table/shared-locks';
    expect(iamScope(desired, load, { lockTable: arn }).lockTable).toBe(arn);
  });
});

describe('run health in the policy', () => {
  it('scopes the run feed, dead-letter queues, stopping and logs to berth\u2019s own resources', () => {
    const off = buildPolicy(scope, PURPOSES);
    const sids = off.Statement.map((s) => s.Sid);
    expect(sids).not.toContain('WriteRunFeed');
    expect(sids).not.toContain('StopOverrunningRuns');
    expect(off.Statement.find((s) => s.Sid === 'ListRuns')).toEqual({
      Sid: 'ListRuns',
      Effect: 'Allow',
      Action: ['ecs:ListTasks'],
      Resource: ['*'],
      Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/etl' } },
    });
    // the example's daily-sales schedule has a dead-letter queue: read, never deleted from
    const dlq = off.Statement.find((s) => s.Sid === 'ReadDeadLetterQueues')!;
    expect(dlq.Action).toEqual(['sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
    expect(dlq.Resource.length).toBeGreaterThan(0);
    for (const r of dlq.Resource) expect(r).toMatch(/^arn:aws:sqs:/);
    expect(grantedActions(off)).not.toContain('sqs:DeleteQueue');

    const jobs = desired.jobs.map((j) => ({
      ...j,
      health: { stopAfterMaxDuration: true, overlap: 'allow' as const, maxDurationMs: 1 },
    }));
    const on = iamScope({ ...desired, jobs, runs: { ...RUNS_DEFAULTS, enabled: true } }, load);
    const p = buildPolicy(on, ['controller']);
    const queue = `arn:aws:sqs:us-east-1:123456789012:berth-runs-${desired.owner}`;
    const rule = `arn:aws:events:us-east-1:123456789012:rule/berth-runs-${desired.owner}`;
    expect(p.Statement.find((s) => s.Sid === 'WriteRunFeed')!.Resource).toEqual([queue, rule]);
    expect(allows(p, 'sqs:DeleteQueue', queue)).toBe(true);
    expect(allows(p, 'sqs:DeleteQueue', 'arn:aws:sqs:us-east-1:123456789012:someone-elses')).toBe(false);
    expect(allows(p, 'sqs:DeleteMessage', queue)).toBe(true);
    expect(allows(p, 'sqs:DeleteMessage', dlq.Resource[0]!)).toBe(false);
    expect(allows(p, 'ecs:StopTask', 'arn:aws:ecs:us-east-1:123456789012:task/etl/abc')).toBe(true);
    expect(allows(p, 'ecs:StopTask', 'arn:aws:ecs:us-east-1:123456789012:task/other/abc')).toBe(false);
    // plan only reads the feed; run follows logs of berth's log groups only
    expect(grantedActions(buildPolicy(on, ['plan'])).filter((a) => /^(sqs|events):/.test(a))).toEqual([
      'events:DescribeRule',
      'events:ListTagsForResource',
      'events:ListTargetsByRule',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ListQueueTags',
    ]);
    const logs = buildPolicy(on, ['run']).Statement.find((s) => s.Sid === 'FollowRunLogs')!;
    expect(logs.Action).toEqual(['logs:GetLogEvents']);
    for (const r of logs.Resource)
      expect(r).toMatch(/^arn:aws:logs:[a-z0-9-]+:123456789012:log-group:.+:log-stream:\*$/);
  });
});

describe('no AWS operation berth makes is missing from the policy', () => {
  // Operations the ports can make that no purpose needs, with the command that makes them.
  const OTHER_COMMANDS: Readonly<Record<string, string>> = {
    'ecs:DescribeClusters': 'berth verify (checks the cluster exists)',
    'ecs:TagResource': 'berth import (tags adopted revisions); berth itself tags only on creation',
    'scheduler:TagResource': 'no command tags an existing schedule group',
    'dynamodb:CreateTable': 'berth lock init (one-time set-up by an administrator)',
    'dynamodb:DescribeTable': 'berth lock init (waits for the new table)',
  };

  function portOperations(file: string, service: string): string[] {
    const text = readFileSync(join(ROOT, 'src/aws', file), 'utf8');
    return [...text.matchAll(/(?:call|conditional)\('([A-Z][A-Za-z]+)'/g)].map((m) => `${service}:${m[1]}`);
  }

  /** Everything switched on: the lease, deleteInactive, the run feed, stopping overruns. */
  function everything(): Set<string> {
    const jobs = desired.jobs.map((j, i) =>
      i === 0
        ? { ...j, health: { stopAfterMaxDuration: true, overlap: 'allow' as const, maxDurationMs: 1 } }
        : j,
    );
    return new Set(
      grantedActions(
        buildPolicy(
          iamScope(
            {
              ...desired,
              jobs,
              lock: { table: 't' },
              prune: { ...desired.prune, deleteInactive: true },
              runs: { ...RUNS_DEFAULTS, enabled: true },
            },
            load,
          ),
          PURPOSES,
        ),
      ),
    );
  }

  it.each([
    ['ecs-port.ts', 'ecs'],
    ['scheduler-port.ts', 'scheduler'],
    ['lease-port.ts', 'dynamodb'],
  ])('%s', (file, service) => {
    const ops = portOperations(file, service);
    expect(ops.length).toBeGreaterThan(3);
    const granted = everything();
    for (const op of ops) expect(granted.has(op) || OTHER_COMMANDS[op] !== undefined, op).toBe(true);
    // Documented exceptions are real: granted for the purposes only in their evaluated form.
    for (const a of Object.keys(NOT_CALLED_DIRECTLY)) expect(granted.has(a)).toBe(true);
  });

  // Ports on several services: every SDK command they import, as its IAM action.
  it.each([['run-feed-port.ts'], ['logs-port.ts']])('%s', (file) => {
    const text = readFileSync(join(ROOT, 'src/aws', file), 'utf8');
    const service: Record<string, string> = { sqs: 'sqs', eventbridge: 'events', 'cloudwatch-logs': 'logs' };
    const ops = [...text.matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-([a-z-]+)'/g)].flatMap((m) =>
      m[1]!
        .split(',')
        .map((name) => /^\s*(?:type\s+)?(\w+)Command\b/.exec(name)?.[1])
        .filter((op): op is string => op !== undefined)
        // DeleteMessageBatch is authorized as sqs:DeleteMessage
        .map((op) => `${service[m[2]!]}:${op.replace(/Batch$/, '')}`),
    );
    expect(ops.length).toBeGreaterThan(0);
    const granted = everything();
    const other: Record<string, string> = {
      'logs:DescribeLogGroups': 'berth verify (checks awslogs groups exist)',
    };
    for (const op of ops) expect(granted.has(op) || other[op] !== undefined, op).toBe(true);
  });
});

describe('lookups', () => {
  const uses = [
    '{{ ssm "/etl/subnet" }}',
    '{{ ssm "plain-name" 0 }}',
    '{{ tfstate "s3://tf-state/etl/terraform.tfstate" "output.vpc" }}',
    '{{ tfstate "infra/terraform.tfstate" "output.vpc" }}',
    '{{ cfn "network" "PrivateSubnet" }}',
    '{{ env "IMAGE_TAG" }}',
  ].map((expression) => ({
    expression,
    fn: 'ssm' as const,
    source: '',
    value: '',
    file: 'berth.yaml',
    line: 1,
    column: 1,
  }));

  it('grants exactly what the AWS lookups read, to every purpose that loads with AWS', () => {
    const policy = buildPolicy(iamScope({ ...desired, lookups: uses }, load), ['plan']);
    const by = (sid: string) => policy.Statement.find((s) => s.Sid === sid);
    expect(by('LookupParameters')).toMatchObject({
      Action: ['ssm:GetParameters'],
      Resource: [
        'arn:aws:ssm:us-east-1:123456789012:parameter/etl/subnet',
        'arn:aws:ssm:us-east-1:123456789012:parameter/plain-name',
      ],
    });
    // A local state file needs no grant.
    expect(by('LookupStateFiles')).toMatchObject({
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::tf-state/etl/terraform.tfstate'],
    });
    expect(by('LookupStackOutputs')).toMatchObject({
      Action: ['cloudformation:DescribeStacks'],
      Resource: ['arn:aws:cloudformation:us-east-1:123456789012:stack/network/*'],
    });
    for (const purpose of PURPOSES)
      expect(grantedActions(buildPolicy(iamScope({ ...desired, lookups: uses }, load), [purpose]))).toContain(
        'ssm:GetParameters',
      );
    // Without lookups, none of it.
    expect(
      grantedActions(buildPolicy(scope, PURPOSES)).filter((a) => /^(ssm|s3|cloudformation):/.test(a)),
    ).toEqual([]);
  });

  it('every operation the lookup port makes is one of those grants', () => {
    const text = readFileSync(join(ROOT, 'src/aws/lookup-port.ts'), 'utf8');
    const ops = [...text.matchAll(/new ([A-Z][A-Za-z]+)Command\(/g)].map((m) => m[1]);
    expect(ops.sort()).toEqual(['DescribeStacks', 'GetObject', 'GetParameters']);
    const granted = grantedActions(buildPolicy(iamScope({ ...desired, lookups: uses }, load), ['plan']));
    for (const op of ops)
      expect(
        granted.some((a) => a.endsWith(`:${op}`)),
        op,
      ).toBe(true);
  });
});
