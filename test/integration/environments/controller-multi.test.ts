// One `berth controller` process reconciling three environments of one git repository: dev
// (us-east-1, base account), prod (eu-west-1, another account through AssumeRole) and "wrong"
// (claims an account its credentials are not for). dev and prod sync, each in its own account
// and with its own lease, while wrong fails on its own; one commit is fetched once and
// reconciled in both; the HTTP API answers per environment; metrics carry the env label.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBerth, startBerth, type RunningCli } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { GitRepo } from '../../unit/pr/support/git-repo.js';
import {
  base,
  CONFIG,
  DEV_SUBNET,
  endpoint,
  job,
  PROD_ACCOUNT,
  PROD_SUBNET,
  prodCredentials,
  putParameter,
  scheduleNames,
} from './support.js';

let repo: GitRepo | undefined;
let workdir: string | undefined;
let running: RunningCli | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function lockTable(region: string, credentials: typeof base.credentials): Promise<void> {
  const db = new DynamoDBClient({ region, credentials, endpoint: endpoint() });
  await db.send(
    new CreateTableCommand({
      TableName: 'berth-locks',
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/** dev and prod each take a lease in their own account's table; wrong has none. */
const LOCKED = CONFIG.replace(
  /( {6}region: us-east-1\n)/,
  '$1      lock:\n        table: berth-locks\n',
).replace('      role: ', '      lock:\n        table: berth-locks\n      role: ');

interface Summary {
  environment: string;
  account: string | null;
  ready: boolean;
  outcome: string | null;
  error: string | null;
  reconciledRevision: string | null;
  syncedRevision: string | null;
}

beforeEach(async () => {
  await resetEmulator();
  const prod = await prodCredentials();
  await putParameter('us-east-1', base.credentials, '/etl/subnet', DEV_SUBNET);
  await putParameter('eu-west-1', prod, '/etl/subnet', PROD_SUBNET);
  await lockTable('us-east-1', base.credentials);
  await lockTable('eu-west-1', prod);
  repo = await GitRepo.create({
    'berth.yaml': LOCKED,
    'jobs/a.yaml': job('a'),
    'jobs/prod-only-report.yaml': job('prod-only-report'),
  });
  await mkdir(path.join(repo.dir, 'infra'));
  await copyFile('test/fixtures/lookups/terraform.tfstate', path.join(repo.dir, 'infra/terraform.tfstate'));
  await repo.commit('terraform state');
  workdir = await mkdtemp(path.join(os.tmpdir(), 'berth-multi-'));
});

afterEach(async () => {
  running?.child.kill('SIGKILL');
  running = undefined;
  await repo?.dispose();
  repo = undefined;
  if (workdir) await rm(workdir, { recursive: true, force: true });
});

describe('one controller process, several environments', () => {
  it('refuses an unknown environment before any AWS call, naming the known ones', async () => {
    const out = await runBerth(
      [
        'controller',
        '--repo',
        `file://${repo!.dir}`,
        '--workdir',
        workdir!,
        '--once',
        '--env',
        'dev',
        '--env',
        'staging',
      ],
      // No usable AWS endpoint: an AWS call would fail differently (and slowly).
      { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/unknown environment staging: berth\.yaml declares dev, prod, wrong/);
    expect(out.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('an unreachable repository at start: one line naming it once; --env dev,prod is two environments', async () => {
    const missing = `file://${workdir!}/no-such-repo`;
    const out = await runBerth(
      ['controller', '--repo', missing, '--workdir', workdir!, '--once', '--env', 'dev,prod'],
      { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
    );
    expect(out.code).toBe(1);
    // Read as several environments (it read the repository to learn them), not one named "dev,prod".
    expect(out.stderr).toMatch(/to learn its environments/);
    expect(out.stderr.split(missing).length - 1).toBe(1);
  });

  it('starts the named environments while berth.yaml of the head is broken: each reports the invalid revision', async () => {
    // A restart after a bad commit must not crash-loop on "unknown environments": a broken
    // berth.yaml says nothing about which environments exist.
    await repo!.write('berth.yaml', 'apiVersion: berth/v1\nkind: Config\nspec: [unclosed\n');
    await repo!.commit('broken berth.yaml');
    const out = await runBerth(
      [
        'controller',
        '--repo',
        `file://${repo!.dir}`,
        '--workdir',
        workdir!,
        '--once',
        '--env',
        'dev',
        '--env',
        'prod',
      ],
      emulatorEnv(),
    );
    expect(out.stderr).not.toMatch(/unknown environment/);
    const invalid = (out.stdout + out.stderr)
      .split('\n')
      .filter((l) => l.includes('invalid revision'))
      .map((l) => (JSON.parse(l) as { env?: string }).env)
      .sort();
    expect(invalid).toEqual(['dev', 'prod']);
    // Nothing applied anywhere, and the exit says the cycles did not succeed.
    expect(out.code).toBe(1);
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual([]);
  });

  it('--once runs a cycle in each: exit 1 when one failed, the other applied all the same', async () => {
    const out = await runBerth(
      ['controller', '--repo', `file://${repo!.dir}`, '--workdir', workdir!, '--once', '--log-level', 'warn'],
      { ...emulatorEnv(), BERTH_ENV: 'wrong,dev' },
    );
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout + out.stderr).toMatch(/account 999999999999/);
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual(['t-a']);
  });

  it('reconciles each environment in its account with its lease; one failing stops no other', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const get = async (p: string) => {
      const res = await fetch(`${url}${p}`);
      return { status: res.status, body: await res.text() };
    };
    running = startBerth(
      ['controller', '--repo', `file://${repo!.dir}`, '--workdir', workdir!, '--shutdown-timeout', '5s'],
      {
        ...emulatorEnv(),
        BERTH_ENV: 'dev,prod,wrong',
        BERTH_LISTEN: `127.0.0.1:${port}`,
        BERTH_INTERVAL: '1s',
        BERTH_RESYNC: '1h',
        BERTH_RUNS_INTERVAL: 'off',
        BERTH_LOG_LEVEL: 'warn',
      },
    );
    const first = await repo!.sha('HEAD');
    const index = (want: (e: Summary[]) => boolean, what: string) =>
      waitFor(async () => {
        const { status, body } = await get('/api/status');
        if (status !== 200) return undefined;
        const doc = JSON.parse(body) as { kind: string; environments: Summary[] };
        return want(doc.environments) ? doc : undefined;
      }, what);
    const settled = (e: Summary[]) =>
      e.find((x) => x.environment === 'dev')?.outcome === 'synced' &&
      e.find((x) => x.environment === 'prod')?.outcome === 'synced' &&
      e.find((x) => x.environment === 'wrong')?.outcome === 'failed';
    const doc = await index(settled, 'dev and prod synced, wrong failed');
    expect(doc.kind).toBe('berth.status-index');
    const byEnv = new Map(doc.environments.map((e) => [e.environment, e]));
    expect([...byEnv.keys()]).toEqual(['dev', 'prod', 'wrong']);
    expect(byEnv.get('prod')).toMatchObject({
      account: PROD_ACCOUNT,
      ready: true,
      reconciledRevision: first,
    });
    expect(byEnv.get('wrong')).toMatchObject({
      ready: false,
      error: expect.stringMatching(/account 999999999999/),
    });
    // Each environment wrote in its own account and region; wrong wrote nothing.
    const prod = await prodCredentials();
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual(['t-a']);
    expect(await scheduleNames('eu-west-1', prod)).toEqual(['t-a', 't-prod-only-report']);

    // One environment's status, exactly as a controller of one shows it, with its own lease.
    const one = JSON.parse((await get('/api/status?env=prod')).body);
    expect(one).toMatchObject({
      kind: 'berth.status',
      environment: 'prod',
      account: PROD_ACCOUNT,
      leader: true,
    });
    expect(one.lease).toMatchObject({ table: 'berth-locks', key: expect.stringContaining('eu-west-1') });
    const dev = JSON.parse((await get('/api/status?env=dev')).body);
    expect(dev.lease).toMatchObject({ table: 'berth-locks', key: expect.stringContaining('us-east-1') });
    expect(dev.jobs.map((j: { job: string }) => j.job)).toEqual(['a']);
    expect((await get('/api/status?env=staging')).status).toBe(404);
    // Ready while any environment is; per environment on request.
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/readyz?env=prod')).status).toBe(200);
    expect((await get('/readyz?env=wrong')).status).toBe(503);
    const drift = JSON.parse((await get('/api/drift')).body);
    expect(Object.keys(drift.environments)).toEqual(['dev', 'prod', 'wrong']);
    expect((await get('/')).body).toContain('href="/?env=prod"');
    expect((await get('/?env=prod')).body).toContain('/api/status?env=prod');

    // One commit, fetched once, reconciled in both environments.
    await repo!.write('jobs/a.yaml', job('a', '1.37'));
    const second = await repo!.commit('a: busybox 1.37');
    await index(
      (e) =>
        ['dev', 'prod'].every((n) => {
          const x = e.find((y) => y.environment === n);
          // syncedRevision is set when the cycle ends (reconciledRevision when it starts).
          return x?.syncedRevision === second;
        }),
      'the second commit synced in dev and prod',
    );
    const metrics = (await get('/metrics')).body;
    expect(metrics).toMatch(/^berth_git_fetches_total\{outcome="fetched"\} 2$/m);
    expect(metrics).toMatch(/^berth_reconcile_total\{env="dev",outcome="synced"\} [2-9]$/m);
    expect(metrics).toMatch(/^berth_reconcile_total\{env="prod",outcome="synced"\} [2-9]$/m);
    expect(metrics).toMatch(/^berth_reconcile_total\{env="wrong",outcome="failed"\} [1-9]/m);
    expect(metrics).toMatch(/^berth_job_synced\{env="prod",job="prod-only-report"\} 1$/m);
    expect(metrics).toMatch(/^berth_leader\{env="prod"\} 1$/m);

    running.child.kill('SIGTERM');
    const done = await running.done;
    running = undefined;
    expect(done.code, done.stderr).toBe(0);
  }, 90_000);
});
