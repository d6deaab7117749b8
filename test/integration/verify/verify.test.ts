// berth verify against the emulator: every kind of reference, present and missing, each
// failure naming the jobs, the place it is written and the fix; apply --verify stops first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateRepository } from '../../../src/pipeline/evaluate.js';
import { createReferencePorts } from '../../../src/aws/verify-ports.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import { verifyReferences, type VerifyFinding, type VerifyReport } from '../../../src/verify/index.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
} from '../../support/aws.js';
import { ACCOUNT, REGION, resetEmulator } from '../../support/emulator.js';
import { TestRepo } from '../../support/repo.js';
import { berth } from '../import/cli.js';
import {
  createLogGroup,
  createQueue,
  createRole,
  createSecret,
  foreignSecurityGroup,
  pushImage,
  putParameter,
} from './seed.js';
import { GetScheduleGroupCommand } from '@aws-sdk/client-scheduler';

const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const MISSING_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:etl/gone-XyZ123`;

let ports: AwsPorts;
let repo: TestRepo;
let subnets: string[];
let sg: string;
let otherSg: string;
let secretArn: string;
let digest: string;

function config(o: { cluster?: string; schedulerRole?: string } = {}): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: verify-test
spec:
  region: ${REGION}
  cluster: ${o.cluster ?? 'etl'}
  namePrefix: t-
  scheduleGroup: berth-verify
  schedulerRoleArn: ${role(o.schedulerRole ?? 'berth-scheduler')}
  defaults:
    task:
      cpu: 256
      memory: 512
      executionRoleArn: ${role('exec')}
    network:
      subnets: [${subnets.join(', ')}]
      securityGroups: [${sg}]
`;
}

const GOOD = () => `apiVersion: berth/v1
kind: Job
metadata:
  name: good
spec:
  image: ${ECR}/myetl:2024.06.1
  secrets:
    DB_PASSWORD: arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/etl/db-password
    API_TOKEN: ${secretArn}
  task:
    taskRoleArn: ${role('etl-task')}
  schedule:
    expression: cron(0 3 * * ? *)
    deadLetterQueueArn: arn:aws:sqs:${REGION}:${ACCOUNT}:etl-dlq
`;

const BAD = () => `apiVersion: berth/v1
kind: Job
metadata:
  name: bad
spec:
  containers:
    - name: app
      image: ${ECR}/myetl:9.9.9
      secrets:
        DB_PASSWORD: /etl/missing
        API_TOKEN: ${MISSING_SECRET}
    - name: side
      image: ${ECR}/nope:1
      essential: false
    - name: pinned
      image: ${ECR}/myetl@${digest}
      essential: false
    - name: pinned-gone
      image: ${ECR}/myetl@sha256:${'b'.repeat(64)}
      essential: false
  task:
    taskRoleArn: ${role('ec2-only')}
  schedule:
    expression: cron(0 4 * * ? *)
    deadLetterQueueArn: arn:aws:sqs:${REGION}:${ACCOUNT}:gone-dlq
  run:
    cluster: ghost
    subnets: [subnet-0123456789abcdef0]
`;

const ODD = () => `apiVersion: berth/v1
kind: Job
metadata:
  name: odd
spec:
  image: public.ecr.aws/docker/library/busybox:1.36
  logging:
    createGroup: true
  task:
    taskRoleArn: ${role('ghost-task')}
  schedule:
    expression: rate(1 hour)
  run:
    securityGroups: [${otherSg}]
`;

beforeEach(async () => {
  await resetEmulator();
  ports = emulatorPorts();
  await createCluster('etl');
  subnets = (await defaultSubnets()).slice(0, 2);
  sg = await createSecurityGroup('etl');
  otherSg = await foreignSecurityGroup();
  await Promise.all([
    createRole('exec', 'ecs-tasks.amazonaws.com'),
    createRole('etl-task', 'ecs-tasks.amazonaws.com'),
    createRole('ec2-only', 'ec2.amazonaws.com'),
    createRole('berth-scheduler', 'scheduler.amazonaws.com'),
    pushImage('myetl', '2024.06.1').then((d) => (digest = d)),
    putParameter('/etl/db-password'),
    createLogGroup('/berth/t-good'),
    createQueue('etl-dlq'),
  ]);
  secretArn = await createSecret('etl/api-token');
  repo = await TestRepo.create(config(), { 'good.yaml': GOOD(), 'bad.yaml': BAD(), 'odd.yaml': ODD() });
});

afterEach(async () => {
  await repo.dispose();
});

async function verify(): Promise<VerifyReport> {
  const evaluation = await evaluateRepository(repo.dir);
  if (!evaluation.desired) throw new Error(JSON.stringify(evaluation.diagnostics));
  const refs = createReferencePorts({ maxAttempts: 2 }, ports.calls);
  return verifyReferences(
    {
      desired: evaluation.desired,
      config: evaluation.load.config!,
      configFile: 'berth.yaml',
      jobs: evaluation.load.jobs,
    },
    { ports: { ...refs, ecs: ports.ecs } },
  );
}

function finding(r: VerifyReport, kind: VerifyFinding['kind'], subject: string | RegExp): VerifyFinding {
  const f = r.findings.find(
    (x) => x.kind === kind && (typeof subject === 'string' ? x.subject === subject : subject.test(x.subject)),
  );
  if (!f)
    throw new Error(
      `no ${kind} finding for ${subject}: ${r.findings.map((x) => `${x.kind} ${x.subject}`).join('; ')}`,
    );
  return f;
}

const where = (f: VerifyFinding) => f.locations.map((l) => `${l.file} ${l.field}`);

describe('berth verify', () => {
  it('checks each kind of reference, present and missing', async () => {
    const r = await verify();
    expect(r.ok).toBe(false);

    // cluster
    expect(finding(r, 'cluster', `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/etl`).status).toBe('ok');
    const ghost = finding(r, 'cluster', /cluster\/ghost$/);
    expect([ghost.status, ghost.jobs, where(ghost)]).toEqual([
      'failed',
      ['bad'],
      ['jobs/bad.yaml spec.run.cluster'],
    ]);
    expect(ghost.fix).toContain('aws ecs create-cluster --cluster-name ghost --region us-east-1');

    // roles: exists and trusts the right service; missing; trusts another service
    const exec = finding(r, 'role', role('exec'));
    expect([exec.status, exec.jobs, where(exec)]).toEqual([
      'ok',
      ['bad', 'good', 'odd'],
      ['berth.yaml spec.defaults.task.executionRoleArn'],
    ]);
    expect(finding(r, 'role', role('etl-task')).status).toBe('ok');
    expect(finding(r, 'role', role('berth-scheduler')).status).toBe('ok');
    const ec2Only = finding(r, 'role', role('ec2-only'));
    expect([ec2Only.status, where(ec2Only)]).toEqual(['failed', ['jobs/bad.yaml spec.task.taskRoleArn']]);
    expect(ec2Only.message).toContain(
      'cannot be assumed by ecs-tasks.amazonaws.com (its trust policy allows ec2.amazonaws.com)',
    );
    expect(ec2Only.fix).toContain('"Principal":{"Service":"ecs-tasks.amazonaws.com"}');
    const ghostRole = finding(r, 'role', role('ghost-task'));
    expect([ghostRole.status, ghostRole.jobs]).toEqual(['failed', ['odd']]);
    expect(ghostRole.fix).toContain('aws iam create-role --role-name ghost-task');

    // images: ECR tag present, tag missing, repository missing; other registries not checked
    expect(finding(r, 'image', `${ECR}/myetl:2024.06.1`).status).toBe('ok');
    const tag = finding(r, 'image', `${ECR}/myetl:9.9.9`);
    expect([tag.status, where(tag)]).toEqual(['failed', ['jobs/bad.yaml spec.containers[0].image']]);
    expect(tag.fix).toContain(`docker push ${ECR}/myetl:9.9.9`);
    const repoMissing = finding(r, 'image', `${ECR}/nope:1`);
    expect([repoMissing.status, where(repoMissing)]).toEqual([
      'failed',
      ['jobs/bad.yaml spec.containers[1].image'],
    ]);
    expect(repoMissing.fix).toContain('aws ecr create-repository --repository-name nope');
    expect(finding(r, 'image', `${ECR}/myetl@${digest}`).status).toBe('ok');
    const gone = finding(r, 'image', /myetl@sha256:b+$/);
    expect([gone.status, where(gone)]).toEqual(['failed', ['jobs/bad.yaml spec.containers[3].image']]);
    expect(gone.message).toContain(`has no digest sha256:${'b'.repeat(64)}`);
    expect(finding(r, 'image', /busybox/).status).toBe('not-checked');

    // secrets: SSM parameter and Secrets Manager secret, present and missing
    expect(finding(r, 'secret', /parameter\/etl\/db-password$/).status).toBe('ok');
    expect(finding(r, 'secret', secretArn).status).toBe('ok');
    const param = finding(r, 'secret', '/etl/missing');
    expect([param.status, where(param)]).toEqual([
      'failed',
      ['jobs/bad.yaml spec.containers[0].secrets.DB_PASSWORD'],
    ]);
    expect(param.fix).toContain('aws ssm put-parameter --name /etl/missing');
    const secret = finding(r, 'secret', MISSING_SECRET);
    expect([secret.status, where(secret)]).toEqual([
      'failed',
      ['jobs/bad.yaml spec.containers[0].secrets.API_TOKEN'],
    ]);

    // log groups: exists; missing; missing but created by ECS
    expect(finding(r, 'logGroup', /^\/berth\/t-good /).status).toBe('ok');
    const logs = finding(r, 'logGroup', /^\/berth\/t-bad /);
    expect([logs.status, logs.jobs]).toEqual(['failed', ['bad']]);
    expect(logs.fix).toContain('aws logs create-log-group --log-group-name /berth/t-bad');
    expect(logs.fix).toContain('createGroup: true');
    const created = finding(r, 'logGroup', /^\/berth\/t-odd /);
    expect([created.status, created.message]).toEqual([
      'ok',
      'log group /berth/t-odd does not exist yet; ECS creates it at the first run (createGroup)',
    ]);

    // network: subnets + security group in one VPC; a missing subnet; a group of another VPC
    const net = r.findings.filter((f) => f.kind === 'network');
    expect(net.find((f) => f.jobs.includes('good'))?.status).toBe('ok');
    const missingSubnet = net.find((f) => f.jobs.includes('bad'))!;
    expect([missingSubnet.status, missingSubnet.message]).toEqual([
      'failed',
      'subnet-0123456789abcdef0 does not exist in us-east-1',
    ]);
    expect(where(missingSubnet)).toEqual([
      'jobs/bad.yaml spec.run.subnets',
      'berth.yaml spec.defaults.network.securityGroups',
    ]);
    const twoVpcs = net.find((f) => f.jobs.includes('odd'))!;
    expect(twoVpcs.status).toBe('failed');
    expect(twoVpcs.message).toContain('different VPCs');

    // dead-letter queues
    expect(finding(r, 'queue', /etl-dlq$/).status).toBe('ok');
    const dlq = finding(r, 'queue', /gone-dlq$/);
    expect([dlq.status, where(dlq)]).toEqual(['failed', ['jobs/bad.yaml spec.schedule.deadLetterQueueArn']]);
    expect(dlq.fix).toContain('aws sqs create-queue --queue-name gone-dlq');

    // Shared values are checked once: five roles (exec, etl-task, ec2-only, ghost-task, scheduler), five GetRole.
    expect(r.calls['iam:GetRole']).toBe(5);
    expect(r.summary).toEqual({ ok: 12, failed: 12, 'not-checked': 1, unknown: 0 });
  });

  it('checks the repository-level cluster and scheduler role and their trust', async () => {
    await repo.write('berth.yaml', config({ cluster: 'missing-cluster', schedulerRole: 'exec' }));
    await repo.remove('jobs/bad.yaml');
    await repo.remove('jobs/odd.yaml');
    const r = await verify();
    const cluster = finding(r, 'cluster', /cluster\/missing-cluster$/);
    expect([cluster.status, cluster.jobs, where(cluster)]).toEqual([
      'failed',
      [],
      ['berth.yaml spec.cluster'],
    ]);
    const scheduler = r.findings.find(
      (f) => f.kind === 'role' && f.locations[0]?.field === 'spec.schedulerRoleArn',
    )!;
    expect(scheduler.status).toBe('failed');
    expect(scheduler.message).toContain('cannot be assumed by scheduler.amazonaws.com');
    // The same role as execution role is fine: it trusts ecs-tasks.
    const exec = r.findings.find(
      (f) => f.kind === 'role' && f.locations[0]?.field === 'spec.defaults.task.executionRoleArn',
    )!;
    expect(exec.status).toBe('ok');
  });

  it('berth verify and apply --verify exit 1 before anything changes', async () => {
    const v = await berth('-C', repo.dir, 'verify', '--no-cache');
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('✗ dead-letter queue: dead-letter queue');
    expect(v.stdout).toContain('    job bad — jobs/bad.yaml spec.schedule.deadLetterQueueArn');
    expect(v.stdout).toMatch(/Verify failed: 12 ok, 12 failed, 1 not checked\.\n$/);

    const a = await berth('-C', repo.dir, 'apply', '--verify', '--auto-approve', '--no-cache');
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('Nothing was applied');
    await expect(
      rawClients().scheduler.send(new GetScheduleGroupCommand({ Name: 'berth-verify' })),
    ).rejects.toThrow();
  });

  it('passes when every reference is in place', async () => {
    await repo.remove('jobs/bad.yaml');
    await repo.remove('jobs/odd.yaml');
    const v = await berth('-C', repo.dir, 'verify', '--no-cache', '-o', 'json');
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout) as VerifyReport & { kind: string };
    expect(report.kind).toBe('berth.verify');
    expect(report.summary.failed).toBe(0);
    expect(report.findings.every((f) => f.status === 'ok')).toBe(true);
  });
});
