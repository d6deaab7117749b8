// The built CLI end to end: `berth controller` as a process (local directory mode, the
// emulator for AWS), its HTTP API, `berth drift` one-shot and --from the controller, and a
// graceful SIGTERM. Needs `npm run build` first (scripts/test.sh does it).
import { GetScheduleCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCluster, createSecurityGroup, defaultSubnets, rawClients } from '../../support/aws.js';
import { BERTH_BIN, runBerth, startBerth, type RunningCli } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import type { ControllerStatus } from '../../../src/controller/status.js';
import { configYaml, jobYaml } from './support.js';

let dir: string;
let running: RunningCli | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeEach(async () => {
  expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
  await resetEmulator();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  };
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-ctl-cli-'));
  await mkdir(path.join(dir, 'jobs'));
  await writeFile(path.join(dir, 'berth.yaml'), configYaml(network));
  await writeFile(path.join(dir, 'jobs', 'a.yaml'), jobYaml('a'));
});

afterEach(async () => {
  running?.child.kill('SIGKILL');
  running = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('berth controller (built CLI)', () => {
  it('reconciles, serves status and drift, and stops on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { ...emulatorEnv(), BERTH_LISTEN: `127.0.0.1:${port}`, BERTH_RESYNC: '1h' };
    running = startBerth(['-C', dir, 'controller', '--shutdown-timeout', '5s'], env);

    const status = await waitFor(async () => {
      const res = await fetch(`${base}/readyz`);
      return res.status === 200
        ? ((await (await fetch(`${base}/api/status`)).json()) as Record<string, unknown>)
        : undefined;
    });
    expect(status).toMatchObject({
      ready: true,
      revision: 'local',
      jobs: [{ job: 'a', status: 'InSync', planned: 'Missing' }],
    });

    // An out-of-band edit: the one-shot drift command sees it at once (exit 2).
    const s = await rawClients().scheduler.send(
      new GetScheduleCommand({ GroupName: 'berth-ctl', Name: 'ctl-a' }),
    );
    await rawClients().scheduler.send(
      new UpdateScheduleCommand({
        Name: 'ctl-a',
        GroupName: 'berth-ctl',
        ScheduleExpression: 'cron(0 7 * * ? *)',
        ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
        FlexibleTimeWindow: s.FlexibleTimeWindow,
        Target: s.Target,
        State: s.State,
      }),
    );
    const oneShot = await runBerth(['-C', dir, 'drift', '-o', 'json', '--no-cache'], emulatorEnv());
    expect(oneShot.code).toBe(2);
    const report = JSON.parse(oneShot.stdout);
    expect(report).toMatchObject({
      kind: 'berth.drift',
      drifted: 1,
      jobs: [{ job: 'a', firstSeen: null, action: 'reported' }],
    });

    // The controller notices on its next cycle; an edit in the watched directory starts one.
    await writeFile(path.join(dir, 'jobs', 'notes.txt'), 'touch\n');
    const drift = await waitFor(async () => {
      const d = (await (await fetch(`${base}/api/drift`)).json()) as { drifted: number };
      return d.drifted > 0 ? d : undefined;
    });
    expect(drift).toMatchObject({
      drifted: 1,
      jobs: [{ job: 'a', action: 'reported', firstSeen: expect.any(String) }],
    });
    // The cycle that saw it says AWS differs from git, and why; metrics carry it per job.
    const after = (await (await fetch(`${base}/api/status`)).json()) as ControllerStatus;
    expect(after).toMatchObject({
      lastCycle: { outcome: 'out-of-sync', differing: 1 },
      warnings: [],
      jobs: [{ job: 'a', status: 'Drifted', inSync: false, divergence: 'reported' }],
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^berth_build_info\{version="\d+\.\d+\.\d+[^"]*",node="\d+\.\d+\.\d+"\} 1$/m);
    expect(metrics).toMatch(/^berth_job_info\{job="a",status="Drifted",revision="ctl-a:1"\} 1$/m);
    expect(metrics).toMatch(/^berth_job_info\{job="a",status="InSync",revision="ctl-a:1"\} 0$/m);
    expect(metrics).toContain('berth_job_synced{job="a"} 0');
    const fromController = await runBerth(['drift', '--from', base], {});
    expect(fromController.code).toBe(2);
    expect(fromController.stdout).toMatch(/^a: reported \(since \d{4}-/m);
    expect(fromController.stdout).toContain(
      '/ScheduleExpression: git "cron(0 3 * * ? *)", AWS "cron(0 7 * * ? *)"',
    );

    const started = Date.now();
    running.child.kill('SIGTERM');
    const done = await running.done;
    running = undefined;
    expect(done.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const events = done.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(events).toEqual(
      expect.arrayContaining([
        'controller starting',
        'cycle',
        'drift detected',
        'job differs from git',
        'stopping: finishing the AWS call in flight',
        'stopped',
      ]),
    );

    // One cycle: AWS still differs (self-heal is off), so --once exits 2, not 0.
    const once = await runBerth(['-C', dir, 'controller', '--once'], env);
    expect(once.code, once.stdout + once.stderr).toBe(2);
    expect(once.stdout).toMatch(/"outcome":"out-of-sync"[^\n]*"msg":"cycle"/);
  });

  it('stops with an error naming the settings when the repository does not fit in its heap', async () => {
    const port = await freePort();
    // 57 MiB of heap in all: less than config/memory.ts's estimate for even one job (60 MiB), and
    // as much old space as that allows (48 MiB of it, as before, was so tight that the process
    // sometimes ran out of memory starting up, under CI's load, before its own check said so).
    const env = {
      ...emulatorEnv(),
      BERTH_LISTEN: `127.0.0.1:${port}`,
      BERTH_RESYNC: '1h',
      NODE_OPTIONS: '--max-old-space-size=54 --max-semi-space-size=1',
    };
    running = startBerth(['-C', dir, 'controller', '--shutdown-timeout', '5s'], env);
    const done = await running.done;
    running = undefined;
    expect(done.code).toBe(1);
    const lines = done.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; error?: string; heapFrom?: string });
    expect(lines.find((l) => l.msg === 'controller starting')?.heapFrom).toBe('--max-old-space-size=54');
    const fatal = lines.find((l) => l.msg === 'stopping: the repository does not fit in the heap');
    expect(fatal?.error).toMatch(/^1 job needs about \d+ MiB of JavaScript heap; this process has \d+ MiB/);
    expect(fatal?.error).toContain('NODE_OPTIONS=--max-old-space-size=');
    // Nothing was written: the cycle stopped before reading or planning.
    expect(lines.some((l) => l.msg === 'applied')).toBe(false);
  });
});
