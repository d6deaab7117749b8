// Controller replicas elect one leader on the lease, as built `berth controller` processes on
// one repository directory and the emulator: exactly one leads and applies, the follower stays
// ready and idle (leader: false in /api/status, berth_leader 0); a leader killed with SIGKILL is
// replaced once its lease expires, a leader stopped with SIGTERM hands over within seconds.
// Needs `npm run build` first.
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawClients } from '../../support/aws.js';
import { BERTH_BIN, startBerth, type RunningCli } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { jobYaml, type TestRepo } from '../../support/repo.js';
import { GROUP, lockedRepo, testLeasePort, TTL_SECONDS, until, untilChild } from './support.js';

interface Status {
  ready: boolean;
  leader?: boolean;
  lease?: { holder: string | null; key: string } | null;
  cycles: number;
  lastCycle: unknown;
  jobs: { job: string; status: string }[];
}

interface Replica {
  run: RunningCli;
  base: string;
}

let repo: TestRepo | undefined;
const replicas: Replica[] = [];
const figures: Record<string, number> = {};

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function startReplica(extraEnv: Record<string, string> = {}): Promise<Replica> {
  const port = await freePort();
  const run = startBerth(['-C', repo!.dir, 'controller', '--shutdown-timeout', '5s'], {
    ...emulatorEnv(),
    ...extraEnv,
    BERTH_LISTEN: `127.0.0.1:${port}`,
    BERTH_RESYNC: '1h',
    BERTH_WEBHOOK_SECRET: 'lease-test',
  });
  const replica = { run, base: `http://127.0.0.1:${port}` };
  replicas.push(replica);
  return replica;
}

async function status(r: Replica): Promise<Status> {
  return (await (await fetch(`${r.base}/api/status`)).json()) as Status;
}

/** Resolves once the replica answers and has decided whether it leads. */
async function settled(r: Replica): Promise<Status> {
  return untilChild(
    r.run,
    async () => {
      const s = await status(r);
      return s.ready && s.leader !== undefined ? s : undefined;
    },
    'the replica to be ready',
  );
}

async function leaderMetric(r: Replica): Promise<string | undefined> {
  const text = await (await fetch(`${r.base}/metrics`)).text();
  return /^berth_leader (\d)$/m.exec(text)?.[1];
}

async function scheduleExists(name: string): Promise<boolean> {
  const out = await rawClients()
    .scheduler.send(new GetScheduleCommand({ GroupName: GROUP, Name: name }))
    .catch(() => undefined);
  return out !== undefined;
}

beforeEach(async () => {
  expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
  await resetEmulator();
  await testLeasePort().createTable();
});

afterEach(async () => {
  for (const r of replicas.splice(0)) r.run.child.kill('SIGKILL');
  await repo?.dispose();
  repo = undefined;
});

afterAll(() => console.log(`[figures] controller leader election: ${JSON.stringify(figures)}`));

describe('berth controller replicas on one lease', () => {
  it('one leader applies, the follower idles, and the follower takes over from a killed or stopped leader', async () => {
    repo = await lockedRepo(2);
    const [a, b] = [await startReplica(), await startReplica()];
    const [sa, sb] = [await settled(a), await settled(b)];
    expect([sa.leader, sb.leader].sort()).toEqual([false, true]);
    const [leader, follower] = sa.leader ? [a, b] : [b, a];
    const [ls, fs] = sa.leader ? [sa, sb] : [sb, sa];

    // The leader reconciled; the follower never planned, and names the leader's lease.
    await until(async () => (await status(leader)).jobs.every((j) => j.status === 'InSync') || undefined);
    expect(await scheduleExists('ls-job-00')).toBe(true);
    expect(fs).toMatchObject({ leader: false, cycles: 0, lastCycle: null, lease: { key: ls.lease!.key } });
    expect(fs.lease!.holder).toMatch(new RegExp(`:${leader.run.child.pid}:`));
    expect(await leaderMetric(leader)).toBe('1');
    expect(await leaderMetric(follower)).toBe('0');

    // SIGKILL: nobody releases the lease; the follower takes over right after it expires.
    leader.run.child.kill('SIGKILL');
    const killedAt = Date.now();
    await until(async () => (await status(follower)).leader || undefined, 3 * TTL_SECONDS * 1000, 'takeover');
    figures.takeoverAfterKillMs = Date.now() - killedAt;
    expect(Date.now() - killedAt).toBeLessThan(TTL_SECONDS * 1000 + 8_000);
    expect(await leaderMetric(follower)).toBe('1');

    // The new leader reconciles: a job added to the repository is applied.
    await repo.write('jobs/job-02.yaml', jobYaml('job-02'));
    await until(() => scheduleExists('ls-job-02').then((x) => x || undefined), 60_000, 'job-02 applied');

    // A third replica follows; SIGTERM on the leader releases the lease and it takes over in seconds.
    const c = await startReplica();
    expect((await settled(c)).leader).toBe(false);
    follower.run.child.kill('SIGTERM');
    const stoppedAt = Date.now();
    await until(async () => (await status(c)).leader || undefined, 3 * TTL_SECONDS * 1000, 'handover');
    figures.handoverAfterSigtermMs = Date.now() - stoppedAt;
    expect((await follower.run.done).code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(TTL_SECONDS * 1000);
    expect(await leaderMetric(c)).toBe('1');
  });

  it('a lock table that does not exist: the controller reports it, is not ready, and changes nothing', async () => {
    repo = await lockedRepo(1);
    const r = await startReplica({ BERTH_LOCK_TABLE: 'no-such-table' });
    const s = await untilChild(
      r.run,
      async () => {
        const st = (await status(r)) as Status & { leaseError?: string | null };
        return st.leaseError ? st : undefined;
      },
      'the lease error',
    );
    expect(s).toMatchObject({ ready: false, leader: false, lastCycle: { outcome: 'failed' } });
    expect((s as { leaseError: string }).leaseError).toBe(
      'lock table "no-such-table" does not exist in us-east-1',
    );
    expect((await fetch(`${r.base}/readyz`)).status).toBe(503);
    expect(await scheduleExists('ls-job-00')).toBe(false);
  });
});
