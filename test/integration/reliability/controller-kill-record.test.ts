// Issue 13 item 2, with kill -9: every committed schedule-only change lands however the
// controller was interrupted, because what berth last applied is recorded in AWS (tags on its
// revisions) rather than in the controller's memory. Self-heal stays off throughout:
//   1. a cron change to ~70 jobs, the controller killed part-way through writing schedules and
//      restarted: every schedule gets the new cron;
//   2. a cron change pushed while the controller is down: applied at start-up;
//   3. an out-of-band cron edit: still reported as drift (not reverted) after a restart.
// Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListSchedulesCommand, GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControllerStatus } from '../../../src/controller/status.js';
import { createCluster, createSecurityGroup, defaultSubnets, rawClients } from '../../support/aws.js';
import { BERTH_BIN } from '../../support/berth-cli.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { configYaml, GitRemote, GROUP, jobYaml, PREFIX } from '../controller/support.js';
import { editScheduleByHand } from '../reconcile/support.js';
import { launchController, synced, type ControllerProcess } from './controller-process.js';
import { crash } from './process-tree.js';

const JOBS = 70;
const names = Array.from({ length: JOBS }, (_, i) => `job${String(i).padStart(2, '0')}`);

let proxy: CountingProxy;
let remote: GitRemote;
let workdir: string;
const controllers: ControllerProcess[] = [];

beforeAll(async () => {
  expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
  proxy = await startCountingProxy(emulatorEndpoint());
  remote = await GitRemote.create();
  workdir = await mkdtemp(path.join(os.tmpdir(), 'berth-kill-record-'));
});

afterAll(async () => {
  for (const c of controllers) if (!c.exited) crash(c.pid, 'tree');
  await proxy.close();
  await remote.dispose();
  await rm(workdir, { recursive: true, force: true });
});

async function start(): Promise<ControllerProcess> {
  // Client-side rate limits off: 70 registrations at the default 1/s would take most of the test.
  const ctl = await launchController({
    repoUrl: remote.url,
    workdir,
    awsEndpoint: proxy.url,
    env: { BERTH_RATE_LIMITS: 'off' },
  });
  controllers.push(ctl);
  return ctl;
}

function allJobs(expression: string): Record<string, string> {
  return Object.fromEntries(names.map((n) => [`jobs/${n}.yaml`, jobYaml(n, { expression })]));
}

/** Schedule name → expression, read straight from the emulator. */
async function expressions(): Promise<Map<string, string>> {
  const { scheduler } = rawClients();
  const listed = await scheduler.send(new ListSchedulesCommand({ GroupName: GROUP, MaxResults: 100 }));
  const out = new Map<string, string>();
  for (const s of listed.Schedules ?? []) {
    const full = await scheduler.send(new GetScheduleCommand({ GroupName: GROUP, Name: s.Name }));
    out.set(s.Name ?? '', full.ScheduleExpression ?? '');
  }
  return out;
}

async function notOn(expression: string): Promise<string[]> {
  const found = await expressions();
  expect(found.size).toBe(JOBS);
  return [...found].filter(([, e]) => e !== expression).map(([n]) => n);
}

async function status(ctl: ControllerProcess): Promise<ControllerStatus> {
  return (await (await fetch(`${ctl.base}/api/status`)).json()) as ControllerStatus;
}

/**
 * Waits for a cycle that reconciled `head` and finished (any outcome but failed or interrupted:
 * a cycle that reports drift may be named otherwise than "synced").
 */
async function reconciled(ctl: ControllerProcess, rev: string): Promise<ControllerStatus> {
  const end = Date.now() + 120_000;
  for (;;) {
    const s = await status(ctl).catch(() => undefined);
    const c = s?.lastCycle;
    if (s && c && c.reconciledRevision === rev && !['failed', 'interrupted', 'skipped'].includes(c.outcome))
      return s;
    if (Date.now() > end || ctl.exited)
      throw new Error(`no cycle of ${rev}: ${JSON.stringify(s?.lastCycle)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(ctl: ControllerProcess): Promise<void> {
  ctl.cli.child.kill('SIGTERM');
  await ctl.cli.done;
}

describe('schedule-only changes survive kill -9 (self-heal off)', () => {
  it('lands every committed cron change, and still reports out-of-band edits as drift', async () => {
    await resetEmulator();
    await createCluster('etl');
    const network = {
      subnets: (await defaultSubnets()).slice(0, 1),
      securityGroups: [await createSecurityGroup('etl')],
    };
    let head = await remote.commit({ 'berth.yaml': configYaml(network), ...allJobs('cron(0 3 * * ? *)') });
    let ctl = await start();
    expect(await synced(ctl, head, 120_000)).toBe(true);

    // 1. A cron change to every job; killed after the 25th schedule write.
    head = await remote.commit(allJobs('cron(0 4 * * ? *)'), 'cron 4');
    let updates = 0;
    const victim = ctl;
    proxy.setHook((_n, op) => {
      if (op === 'scheduler:UpdateSchedule' && ++updates === 25) crash(victim.pid, 'tree');
      return 'pass';
    });
    const died = await victim.cli.done;
    proxy.setHook(undefined);
    expect(died.signal).toBe('SIGKILL');
    const left = await notOn('cron(0 4 * * ? *)');
    expect(left.length, 'the kill should leave schedules behind').toBeGreaterThan(10);
    ctl = await start();
    expect(await synced(ctl, head, 120_000)).toBe(true);
    expect(await notOn('cron(0 4 * * ? *)')).toEqual([]);
    const afterKill = await status(ctl);
    expect(afterKill.drifted).toBe(0);

    // 2. A change pushed while the controller is down is applied at start-up.
    await stop(ctl);
    head = await remote.commit(allJobs('cron(0 5 * * ? *)'), 'cron 5');
    ctl = await start();
    expect(await synced(ctl, head, 120_000)).toBe(true);
    expect(await notOn('cron(0 5 * * ? *)')).toEqual([]);

    // 3. An out-of-band edit stays drift across a restart: reported, not reverted.
    await editScheduleByHand(`${PREFIX}job07`, (s) => (s.ScheduleExpression = 'cron(9 9 * * ? *)'), GROUP);
    crash(ctl.pid, 'tree');
    await ctl.cli.done;
    head = await remote.commit({ 'notes.md': 'unrelated\n' }, 'notes');
    ctl = await start();
    const s = await reconciled(ctl, head);
    expect(await notOn('cron(0 5 * * ? *)')).toEqual([`${PREFIX}job07`]);
    const job = s.jobs.find((j) => j.job === 'job07');
    expect(job).toMatchObject({ planned: 'Drifted', kind: 'drift', decision: 'report' });
    expect(s.drifted).toBe(1);
    await stop(ctl);
  }, 400_000);
});
