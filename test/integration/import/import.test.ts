// Round trip: jobs created without berth → `berth import` → `berth plan` changes nothing but
// the documented ownership adoption (tags on the live revision, schedules re-created in
// berth's group) → apply → in sync. A classic EventBridge rule comes out as a Scheduler schedule.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/model/ports.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { configYaml, TestRepo, type RepoNetwork } from '../../support/repo.js';
import { berth } from './cli.js';
import { seedExistingJobs } from './seed.js';

let ports: AwsPorts;
let network: RepoNetwork;
let repo: TestRepo;

const SELECT = ['--group', 'default', '--group', 'legacy', '--prefix', 't-', '--rules'];

beforeEach(async () => {
  await resetEmulator();
  ports = emulatorPorts();
  await createCluster('etl');
  network = {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  };
  await seedExistingJobs(network);
  repo = await TestRepo.create(configYaml({ network }), {});
});

afterEach(async () => {
  await repo.dispose();
});

const read = (file: string) => readFile(path.join(repo.dir, 'jobs', file), 'utf8');

describe('berth import', () => {
  it('imports every style, and after --adopt only the ownership adoption is left to apply', async () => {
    const cache = path.join(repo.dir, '.cache');
    const imported = await berth('-C', repo.dir, 'import', ...SELECT, '--cache-dir', cache);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      '+ jobs/single.yaml from t-single:1 + schedule default/nightly-sales: wrote',
    );
    expect(imported.stdout).toContain(
      'aws scheduler delete-schedule --group-name default --name nightly-sales --region us-east-1',
    );
    expect(imported.stdout).toContain(
      'aws events remove-targets --rule fx-rates-nightly --ids fx-rates --region us-east-1',
    );
    expect(imported.stdout).toMatch(
      /aws ecs tag-resource --resource-arn \S+task-definition\/t-adhoc:1 --tags key=berth:managed-by,value=berth/,
    );

    // Before adoption berth will not touch the families: they are not its own.
    const before = await berth('-C', repo.dir, 'plan', '-o', 'json', '--cache-dir', cache);
    const conflicts = (JSON.parse(before.stdout) as { jobs: { job: string; status: string }[] }).jobs;
    expect(conflicts.map((j) => `${j.job}:${j.status}`)).toEqual([
      'adhoc:Conflict',
      'pair:Conflict',
      'ruled:Conflict',
      'single:Conflict',
    ]);

    const adopted = await berth('-C', repo.dir, 'import', ...SELECT, '--adopt', '--cache-dir', cache);
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toContain('= jobs/single.yaml');
    expect(adopted.stdout).toContain(
      "family t-single: t-single:1 tagged as berth's; the first apply registers no new revision.",
    );

    // The same cache as before: the tagging must show, not the cached untagged revision.
    const after = await berth('-C', repo.dir, 'plan', '-o', 'json', '--cache-dir', cache);
    const plan = JSON.parse(after.stdout) as {
      jobs: {
        job: string;
        actions: { kind: string; resource: string; name: string; origin: string | null }[];
      }[];
    };
    const pending = plan.jobs.flatMap((j) =>
      j.actions
        .filter((a) => a.kind !== 'noop')
        .map(
          (a) =>
            `${a.kind} ${a.resource} ${a.name}${a.resource === 'taskDefinitionTags' ? ` (${a.origin})` : ''}`,
        ),
    );
    // Besides the schedules, each adopted revision gets berth's applied-state tags written onto it
    // (a TagResource on the existing revision, never a new revision: docs/ownership-and-state.md).
    expect(pending.sort()).toEqual([
      'create schedule t-pair',
      'create schedule t-ruled',
      'create schedule t-single',
      'update taskDefinitionTags t-adhoc:1 (berth)',
      'update taskDefinitionTags t-pair:1 (berth)',
      'update taskDefinitionTags t-ruled:1 (berth)',
      'update taskDefinitionTags t-single:1 (berth)',
    ]);
    const noops = plan.jobs.flatMap((j) =>
      j.actions.filter((a) => a.resource === 'taskDefinition' && a.kind === 'noop').map((a) => a.name),
    );
    expect(noops.sort()).toEqual(['t-adhoc:1', 't-pair:1', 't-ruled:1', 't-single:1']);

    const applied = await applyRepo(repo.dir, ports);
    expect(applied.ok).toBe(true);
    expect(pendingActions((await planRepo(repo.dir, ports)).plan)).toEqual([]);
    // The classic rule is now a Scheduler schedule in berth's group, still in UTC.
    const ruled = await rawClients().scheduler.send(
      new GetScheduleCommand({ GroupName: 'berth-test', Name: 't-ruled' }),
    );
    expect(ruled.ScheduleExpression).toBe('cron(30 1 ? * MON-FRI *)');
    expect(ruled.ScheduleExpressionTimezone).toBe('UTC');
    expect(ruled.Target?.EcsParameters?.TaskDefinitionArn).toMatch(/task-definition\/t-ruled:1$/);
  });

  it('writes idiomatic manifests: defaults left out, shorthand, sizes, maps, overrides', async () => {
    const r = await berth('-C', repo.dir, 'import', ...SELECT, '--dry-run');
    expect(r.code).toBe(0);
    const single = r.stdout.split('---\n').find((d) => d.includes('name: single'));
    expect(single).toBe(await expectedSingle());
    await expect(read('single.yaml')).rejects.toThrow();
  });
});

async function expectedSingle(): Promise<string> {
  return `# Imported by \`berth import\` from task definition t-single:1 and schedule default/nightly-sales.
apiVersion: berth/v1
kind: Job
metadata:
  name: single
  description: Incremental load of the previous day of sales
spec:
  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/myetl:2024.06.1
  entryPoint: [/bin/bash, /opt/myetl/bin/launch.sh]
  command: [sales, --mode, incremental]
  environment:
    BATCH_SIZE: '5000'
    WAREHOUSE_SCHEMA: sales
  secrets:
    API_TOKEN: arn:aws:secretsmanager:us-east-1:123456789012:secret:etl/api-token-AbCdEf
    DB_PASSWORD: arn:aws:ssm:us-east-1:123456789012:parameter/etl/db-password
  task:
    cpu: 0.5 vCPU
    memory: 1 GB
    taskRoleArn: arn:aws:iam::123456789012:role/etl-task
  schedule:
    expression: cron(0 3 * * ? *)
    timezone: Asia/Tokyo
    retry:
      maximumEventAgeInSeconds: 3600
      maximumRetryAttempts: 2
    deadLetterQueueArn: arn:aws:sqs:us-east-1:123456789012:etl-dlq
  run:
    command: [sales, --mode, incremental, --scheduled-time, <aws.scheduler.scheduled-time>]
    environment:
      ATTEMPT: <aws.scheduler.attempt-number>
    propagateTags: TASK_DEFINITION
  tags:
    pipeline: sales
    team: data
`;
}
