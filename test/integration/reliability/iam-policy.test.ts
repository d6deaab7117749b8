// `berth iam-policy` against what berth really calls. The built CLI runs each purpose's
// commands through the counting proxy: plan and drift; controller cycles that create, heal and
// prune; apply that creates, updates and deletes; run (following its logs) and runs. For each purpose, every operation the
// proxy saw must be granted by that purpose's policy, and every action the policy grants must
// have been called, unless IAM evaluates it inside another call (NOT_CALLED_DIRECTLY) or this
// scenario cannot reach it (NOT_EXERCISED below, each with the reason).
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetScheduleCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NOT_CALLED_DIRECTLY,
  PURPOSES,
  type PolicyDocument,
  type Purpose,
} from '../../../src/iam-policy/index.js';
import { createCluster, createSecurityGroup, defaultSubnets, rawClients } from '../../support/aws.js';
import { BERTH_BIN, runBerth } from '../../support/berth-cli.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { ACCOUNT, emulatorEnv, REGION, resetEmulator } from '../../support/emulator.js';
import { setTaskTransition } from '../run/support.js';

const GROUP = 'berth-iam';
const PREFIX = 'iam-';

/** Granted, but no command of this scenario can make the call; why, per action. */
const NOT_EXERCISED: Readonly<Record<string, string>> = {
  'dynamodb:GetItem':
    'lease: read only when a claim fails and DynamoDB did not return the holder (the lease tests cover contention)',
  'dynamodb:UpdateItem':
    'lease: renewal, only once a holder has held it for a third of its TTL (20 s by default)',
};

const LOCK_TABLE = 'berth-iam-locks';

/** The lease table, as `berth lock init` would make it (made directly: set-up is not measured). */
async function createLockTable(): Promise<void> {
  const db = new DynamoDBClient({
    endpoint: emulatorEnv().AWS_ENDPOINT_URL,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await db.send(
    new CreateTableCommand({
      TableName: LOCK_TABLE,
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  db.destroy();
}

/** spec.tags of berth.yaml: on the group and every revision (a change is TagResource + UntagResource). */
const GOLD = { team: 'data', tier: 'gold' };
const PLATFORM = { team: 'platform' };

function config(
  net: { subnets: string[]; securityGroups: string[] },
  opts: { group?: string; tags?: Record<string, string> } = {},
): string {
  const tags = Object.entries(opts.tags ?? PLATFORM)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('');
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: iam-owner
spec:
  region: ${REGION}
  cluster: etl
  namePrefix: ${PREFIX}
  scheduleGroup: ${opts.group ?? GROUP}
  tags:
${tags}  schedulerRoleArn: arn:aws:iam::${ACCOUNT}:role/berth-scheduler
  keepRevisions: 1
  lock:
    table: ${LOCK_TABLE}
  prune:
    deleteInactive: true
    maxDeleteFraction: 1
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::${ACCOUNT}:role/iam-exec
    network:
      subnets: [${net.subnets.join(', ')}]
      securityGroups: [${net.securityGroups.join(', ')}]
`;
}

// moto's RunTask wants memory on every container.
function job(name: string, opts: { image?: string; schedule?: boolean } = {}): string {
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: ${name}
spec:
  task:
    taskRoleArn: arn:aws:iam::${ACCOUNT}:role/iam-task
  containers:
    - name: main
      image: public.ecr.aws/docker/library/busybox:${opts.image ?? '1.36'}
      command: [sh, -c, "echo ${name}"]
      memoryReservation: 128
${opts.schedule === false ? '' : '  schedule:\n    expression: cron(0 3 * * ? *)\n    timezone: UTC\n'}  run:
    tags:
      purpose: iam-test
`;
}

let proxy: CountingProxy;
let dir: string;
const seen: Record<Purpose, Set<string>> = {
  controller: new Set(),
  apply: new Set(),
  plan: new Set(),
  run: new Set(),
};

async function network() {
  await createCluster('etl');
  await createLockTable();
  return {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('iam')],
  };
}

/** Runs the CLI through the proxy and files the operations it made under `purpose`. */
async function berth(purpose: Purpose, args: string[], code = 0) {
  proxy.reset();
  const r = await runBerth(['-C', dir, ...args], {
    ...emulatorEnv(proxy.url),
    BERTH_CACHE_DIR: path.join(dir, '.cache'),
  });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
  for (const op of Object.keys(proxy.counts())) seen[purpose].add(op);
  return r;
}

async function policyFor(purpose: Purpose): Promise<PolicyDocument> {
  const r = await runBerth(['-C', dir, 'iam-policy', '--for', purpose], {});
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as PolicyDocument;
}

async function editScheduleOutOfBand(name: string) {
  const { scheduler } = rawClients();
  const s = await scheduler.send(new GetScheduleCommand({ GroupName: GROUP, Name: name }));
  await scheduler.send(
    new UpdateScheduleCommand({
      Name: name,
      GroupName: GROUP,
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
      FlexibleTimeWindow: s.FlexibleTimeWindow,
      Target: s.Target,
      State: s.State,
    }),
  );
}

beforeAll(async () => {
  expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
  proxy = await startCountingProxy(emulatorEnv().AWS_ENDPOINT_URL!);
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-iam-'));
  await mkdir(path.join(dir, 'jobs'));
});

afterAll(async () => {
  await setTaskTransition(undefined).catch(() => undefined);
  await proxy?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('berth iam-policy grants exactly what berth calls', () => {
  it('every operation of plan, apply, controller and run is granted; every grant is used', async () => {
    const started = Date.now();
    const jobs = (names: Record<string, string | null>) =>
      Promise.all(
        Object.entries(names).map(([n, body]) =>
          body === null
            ? rm(path.join(dir, 'jobs', `${n}.yaml`), { force: true })
            : writeFile(path.join(dir, 'jobs', `${n}.yaml`), body),
        ),
      );

    // Controller on an empty account: create, then heal drift, roll a new revision and follow a
    // tag change (group and revisions), then prune and move to a renamed group.
    await resetEmulator();
    let net = await network();
    await writeFile(path.join(dir, 'berth.yaml'), config(net, { tags: GOLD }));
    await jobs({ a: job('a'), b: job('b'), c: job('c', { schedule: false }) });
    await berth('plan', ['plan', '--no-cache']);
    await berth('controller', ['controller', '--once']);
    await editScheduleOutOfBand(`${PREFIX}a`);
    await jobs({ b: job('b', { image: '1.37' }) });
    await writeFile(path.join(dir, 'berth.yaml'), config(net));
    await berth('controller', ['controller', '--once', '--self-heal']);
    // a task of a's: the controller's run watcher lists and describes it
    await berth('run', ['run', 'a']);
    await jobs({ b: null });
    await writeFile(path.join(dir, 'berth.yaml'), config(net, { group: `${GROUP}-new` }));
    await berth('controller', ['controller', '--once']);

    // apply on an empty account: create, update (new revision, old one deregistered and deleted;
    // tags changed), delete, and move to a renamed group.
    await resetEmulator();
    net = await network();
    await writeFile(path.join(dir, 'berth.yaml'), config(net, { group: `${GROUP}-old`, tags: GOLD }));
    await jobs({ a: job('a'), b: job('b'), c: job('c', { schedule: false }) });
    await berth('apply', ['apply', '--auto-approve', '--no-cache']);
    await jobs({ a: job('a', { image: '1.37' }) });
    await writeFile(path.join(dir, 'berth.yaml'), config(net, { group: `${GROUP}-old` }));
    await berth('apply', ['apply', '--auto-approve']);
    await jobs({ b: null });
    await writeFile(path.join(dir, 'berth.yaml'), config(net));
    await berth('apply', ['apply', '--auto-approve']);
    // and with nothing left to do: a light read (the families by prefix, from a warm cache)
    await berth('apply', ['apply', '--auto-approve']);

    // Read-only: plan and drift after an out-of-band edit (cache on and off).
    await editScheduleOutOfBand(`${PREFIX}a`);
    await berth('plan', ['plan', '-o', 'json']);
    await berth('plan', ['drift', '--no-cache'], 2);

    // run: a scheduled job and an on-demand one, followed to STOPPED.
    await setTaskTransition({ progression: 'immediate' });
    await berth('run', ['run', 'a', '--logs', '--timeout', '2m']);
    await berth('run', ['run', 'c']);
    await berth('run', ['runs', 'a']);

    const problems: string[] = [];
    const granted: Record<string, string[]> = {};
    for (const purpose of PURPOSES) {
      const policy = await policyFor(purpose);
      const actions = new Set(policy.Statement.flatMap((s) => s.Action));
      granted[purpose] = [...actions].sort();
      for (const op of seen[purpose])
        if (!actions.has(op)) problems.push(`${purpose}: berth called ${op}, the policy does not grant it`);
      for (const a of actions)
        if (!seen[purpose].has(a) && !NOT_CALLED_DIRECTLY[a] && !NOT_EXERCISED[a])
          problems.push(`${purpose}: the policy grants ${a}, berth never called it`);
    }
    console.log(
      `[figures] iam-policy: ${PURPOSES.map((p) => `${p} ${seen[p].size} operations called / ${granted[p]!.length} actions granted`).join(', ')}; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(problems).toEqual([]);
    // The scenario reached what it claims to: creation, update, deletion, tag changes, a renamed
    // group retired, and task start.
    for (const p of ['controller', 'apply'] as const)
      for (const op of [
        'scheduler:CreateScheduleGroup',
        'scheduler:TagResource',
        'scheduler:UntagResource',
        'ecs:UntagResource',
        'scheduler:DeleteScheduleGroup',
        'ecs:RegisterTaskDefinition',
        'scheduler:UpdateSchedule',
        'scheduler:DeleteSchedule',
        'ecs:DeregisterTaskDefinition',
        'ecs:DeleteTaskDefinitions',
      ])
        expect(seen[p], `${p} ${op}`).toContain(op);
    expect([...seen.run]).toEqual(expect.arrayContaining(['ecs:RunTask', 'ecs:DescribeTasks']));
    // Writers took the lease; readers and run did not touch it.
    for (const p of ['controller', 'apply'] as const)
      expect([...seen[p]]).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:DeleteItem']));
    for (const p of ['plan', 'run'] as const)
      expect([...seen[p]].filter((o) => o.startsWith('dynamodb:'))).toEqual([]);
  });
});
