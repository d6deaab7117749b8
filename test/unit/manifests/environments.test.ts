// Environments resolve at load into one effective configuration: the environment's settings over
// spec, job overrides (map merge, list replace), job selection; lookups resolved from the
// process environment and a local Terraform state, positioned when they fail.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLookupResolver } from '../../../src/lookups/resolve.js';
import { evaluateRepository } from '../../../src/pipeline/evaluate.js';

const CONFIG = `apiVersion: berth/v1
kind: Config
metadata:
  name: team
spec:
  region: us-east-1
  cluster: etl
  namePrefix: t-
  scheduleGroup: berth-test
  schedulerRoleArn: arn:aws:iam::123456789012:role/berth-scheduler
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
      executionRoleArn: '{{ tfstate "infra/terraform.tfstate" "data.aws_iam_role.exec.arn" }}'
    network:
      subnets: ['{{ tfstate "infra/terraform.tfstate" "aws_subnet.private[0].id" }}']
      securityGroups: [sg-0c3d4e5f60718293a]
  environments:
    dev:
      scheduleGroup: dev-group
    prod:
      region: eu-west-1
      account: "210987654321"
      role: arn:aws:iam::210987654321:role/berth-deploy
      schedulerRoleArn: arn:aws:iam::210987654321:role/berth-scheduler
      defaults:
        task:
          memory: 1024
      jobs:
        exclude: [scratch]
`;

const job = (name: string) => `apiVersion: berth/v1
kind: Job
metadata:
  name: ${name}
spec:
  image: 'busybox:{{ env "IMAGE_TAG" "1.36" }}'
  environment:
    STAGE: base
    KEEP: yes
  run:
    command: [echo, hi]
  schedule:
    expression: cron(0 3 * * ? *)
  environments:
    prod:
      environment:
        STAGE: prod
      run:
        command: [echo, prod]
      schedule:
        expression: cron(0 4 * * ? *)
`;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'berth-env-'));
  await mkdir(path.join(root, 'jobs'));
  await mkdir(path.join(root, 'infra'));
  await writeFile(path.join(root, 'berth.yaml'), CONFIG);
  await writeFile(path.join(root, 'jobs/a.yaml'), job('a'));
  await writeFile(path.join(root, 'jobs/scratch.yaml'), job('scratch'));
  await copyFile('test/fixtures/lookups/terraform.tfstate', path.join(root, 'infra/terraform.tfstate'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const evaluate = (environment: string | undefined, env: Record<string, string> = {}, dir = root) =>
  evaluateRepository(dir, {
    ...(environment !== undefined ? { environment } : {}),
    resolveLookups: createLookupResolver({ env }),
  });

describe('environments', () => {
  it('prod: its region, account, role and defaults; job overrides merged; excluded jobs left out', async () => {
    const { desired, diagnostics } = await evaluate('prod', { IMAGE_TAG: '1.37' });
    expect(diagnostics).toEqual([]);
    expect(desired).toMatchObject({
      environment: 'prod',
      region: 'eu-west-1',
      account: '210987654321',
      role: 'arn:aws:iam::210987654321:role/berth-deploy',
    });
    expect(desired!.jobs.map((j) => j.name)).toEqual(['a']);
    const a = desired!.jobs[0]!;
    const td = a.taskDefinition;
    expect(td.memory).toBe('1024');
    const container = td.containerDefinitions![0]!;
    expect(container.image).toBe('busybox:1.37');
    // Map merge: STAGE overridden, KEEP kept.
    expect(container.environment).toEqual(
      expect.arrayContaining([
        { name: 'STAGE', value: 'prod' },
        { name: 'KEEP', value: 'yes' },
      ]),
    );
    expect(a.schedule!.ScheduleExpression).toBe('cron(0 4 * * ? *)');
    expect(a.schedule!.Target!.Arn).toBe('arn:aws:ecs:eu-west-1:210987654321:cluster/etl');
    expect(JSON.parse(a.schedule!.Target!.Input!).containerOverrides[0].command).toEqual(['echo', 'prod']);
  });

  it('dev: the repository settings with its own group, every job, default image tag', async () => {
    const { desired, diagnostics } = await evaluate('dev');
    expect(diagnostics).toEqual([]);
    expect(desired!.environment).toBe('dev');
    expect(desired!.region).toBe('us-east-1');
    expect(desired!.jobs.map((j) => j.name)).toEqual(['a', 'scratch']);
    const a = desired!.jobs[0]!;
    expect(a.schedule!.GroupName).toBe('dev-group');
    expect(a.taskDefinition.containerDefinitions![0]!.image).toBe('busybox:1.36');
    expect(a.taskDefinition.executionRoleArn).toBe('arn:aws:iam::123456789012:role/exec');
    expect(a.schedule!.Target!.EcsParameters!.NetworkConfiguration!.awsvpcConfiguration!.Subnets).toEqual([
      'subnet-0a1b2c3d4e5f60718',
    ]);
  });

  it('shows each lookup with its source and position', async () => {
    const { desired } = await evaluate('dev');
    const uses = desired!.lookups!;
    const subnet = uses.find((u) => u.fn === 'tfstate' && u.value.startsWith('subnet-'));
    expect(subnet).toMatchObject({
      file: 'berth.yaml',
      line: 18,
      column: 18,
      value: 'subnet-0a1b2c3d4e5f60718',
    });
    expect(subnet!.source).toContain('infra/terraform.tfstate');
    expect(uses.find((u) => u.fn === 'env')).toMatchObject({ file: 'jobs/a.yaml', line: 6, value: '1.36' });
  });

  it('an unknown environment is an error listing the known ones; none chosen is an error too', async () => {
    const unknown = await evaluate('prd');
    expect(unknown.desired).toBeUndefined();
    expect(unknown.diagnostics.map((d) => [d.rule, d.message, d.hint])).toEqual([
      ['environment/unknown', expect.stringContaining('(did you mean prod?)'), 'environments: dev, prod'],
    ]);
    const none = await evaluate(undefined);
    expect(none.desired).toBeUndefined();
    expect(none.diagnostics[0]?.rule).toBe('environment/required');
  });

  it('a failed lookup is a positioned error and nothing is rendered', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-env-'));
    try {
      await mkdir(path.join(dir, 'jobs'));
      await mkdir(path.join(dir, 'infra'));
      await copyFile('test/fixtures/lookups/terraform.tfstate', path.join(dir, 'infra/terraform.tfstate'));
      await writeFile(path.join(dir, 'berth.yaml'), CONFIG.replace('private[0].id', 'private[9].id'));
      await writeFile(
        path.join(dir, 'jobs/a.yaml'),
        job('a').replace('env "IMAGE_TAG" "1.36"', 'must_env "IMAGE_TAG"'),
      );
      const { desired, diagnostics } = await evaluate('dev', {}, dir);
      expect(desired).toBeUndefined();
      const found = diagnostics.map((d) => [d.file, d.line, d.column, d.rule]);
      // The execution role resolved; the instance that is not there and the unset variable did not.
      expect(found).toEqual([
        ['berth.yaml', 18, 18, 'lookup/failed'],
        ['jobs/a.yaml', 6, 19, 'lookup/failed'],
      ]);
      expect(diagnostics[0]!.message).toMatch(/no instance \[9\]/);
      expect(diagnostics[1]!.message).toMatch(/IMAGE_TAG/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
