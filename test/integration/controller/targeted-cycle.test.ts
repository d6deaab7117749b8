// Issue 18 item 3 in the controller: a poll after a commit that touched one job, from a synced
// state, reads only that job; the other jobs keep their last verdict and its time; a removal,
// a berth.yaml change and a resync read everything. A real git remote, the emulator behind a
// counting proxy.
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/model/ports.js';
import { emulatorPorts } from '../../support/aws.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import {
  AlertReceiver,
  configYaml,
  GitRemote,
  jobYaml,
  makeController,
  type Harness,
  type Network,
} from './support.js';

const JOBS = ['a', 'b', 'c', 'd', 'e'];
let proxy: CountingProxy;
let ports: AwsPorts;
let remote: GitRemote;
let receiver: AlertReceiver;
let harness: Harness | undefined;
const network: Network = { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0a1b2c3d4e5f60718'] };

beforeAll(async () => {
  proxy = await startCountingProxy(emulatorEndpoint());
});
afterAll(() => proxy.close());

beforeEach(async () => {
  await resetEmulator();
  ports = emulatorPorts({ endpoint: proxy.url });
  remote = await GitRemote.create();
  receiver = await AlertReceiver.start();
});

afterEach(async () => {
  if (harness) {
    await harness.controller.stop();
    await harness.dispatcher.close(1_000);
    await rm(harness.workdir, { recursive: true, force: true });
  }
  harness = undefined;
  await receiver.close();
  await remote.dispose();
});

const readAt = (h: Harness) => Object.fromEntries(h.controller.status().jobs.map((j) => [j.job, j.readAt]));

describe('a controller cycle after a one-job commit', () => {
  it('reads only that job, keeps the others’ last verdict, and reads everything for a removal or a resync', async () => {
    await remote.commit({
      'berth.yaml': configYaml(network),
      ...Object.fromEntries(JOBS.map((j) => [`jobs/${j}.yaml`, jobYaml(j)])),
    });
    harness = await makeController({ remote, ports, receiver });
    const c = harness.controller;
    expect(await c.trigger('poll')).toMatchObject({ outcome: 'synced', applied: 5 });
    const first = readAt(harness);

    await remote.commit({ 'jobs/c.yaml': jobYaml('c', { expression: 'cron(0 7 * * ? *)' }) });
    proxy.reset();
    const r = await c.trigger('poll');
    expect(r).toMatchObject({ outcome: 'synced', applied: 1, differing: 0 });
    const calls = proxy.counts();
    // No listing of the group's schedules or of the account's revisions. c's family by exact
    // name once: the plan takes it from the cache (a light targeted read), the re-check after
    // apply lists it, as the apply's applied-state record on its revision invalidated the list.
    expect(calls['scheduler:ListSchedules']).toBeUndefined();
    expect(calls['scheduler:GetScheduleGroup']).toBeUndefined();
    expect(calls['ecs:ListTaskDefinitions']).toBe(1);
    expect(calls['scheduler:UpdateSchedule']).toBe(1);
    const status = c.status();
    expect(status.warnings.join('\n')).toMatch(/targeted read: only c was read; 4 other jobs not read/);
    expect(status.jobs.map((j) => [j.job, j.status, j.inSync])).toEqual(JOBS.map((j) => [j, 'InSync', true]));
    const second = readAt(harness);
    for (const j of ['a', 'b', 'd', 'e']) expect(second[j]).toBe(first[j]);
    expect(second.c! > first.c!).toBe(true);

    // A removal is a full-read decision: e is read as an orphan and pruned.
    await remote.commit({ 'jobs/e.yaml': null });
    proxy.reset();
    expect(await c.trigger('poll')).toMatchObject({ outcome: 'synced', applied: 1 });
    expect(proxy.counts()['scheduler:GetScheduleGroup']).toBeGreaterThan(0);
    expect(c.status().warnings.join('\n')).not.toMatch(/targeted read/);
    expect(c.status().jobs.find((j) => j.job === 'e')?.status).toBe('Pruned');

    // A resync always reads everything, whatever the last commit touched.
    proxy.reset();
    expect((await c.trigger('resync')).outcome).toBe('synced');
    expect(proxy.counts()['scheduler:GetScheduleGroup']).toBeGreaterThan(0);
  });

  it('reads everything when the last cycle did not find AWS equal to git', async () => {
    await remote.commit({
      'berth.yaml': configYaml(network),
      ...Object.fromEntries(JOBS.map((j) => [`jobs/${j}.yaml`, jobYaml(j)])),
    });
    // Manual sync: the first cycle leaves every job differing from git.
    harness = await makeController({ remote, ports, receiver, policy: { auto: false } });
    const c = harness.controller;
    expect((await c.trigger('poll')).outcome).toBe('out-of-sync');
    await remote.commit({ 'jobs/c.yaml': jobYaml('c', { expression: 'cron(0 7 * * ? *)' }) });
    proxy.reset();
    expect((await c.trigger('poll')).outcome).toBe('out-of-sync');
    // The full read's group look-up, and no targeted attempt at all (not even one that fell back).
    expect(proxy.counts()['scheduler:GetScheduleGroup']).toBe(1);
    expect(c.status().jobs).toHaveLength(5);
    expect(c.status().warnings.join('\n')).not.toMatch(/targeted read|every job was read/);
  });
});
