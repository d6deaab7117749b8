// A controller that stops between registering a job's new revision and creating or moving its
// schedule (killed there, or the schedule call failing just before a restart) leaves the newest
// revision equal to git and the schedule missing or on the old revision. berth's applied-state
// record (docs/ownership-and-state.md) still holds what it last wrote, so the plan calls that a
// git change (OutOfSync), not drift, and a controller started afterwards, self-heal off,
// finishes the apply. The deterministic companion of controller-crash.test.ts.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/model/ports.js';
import { createCluster, createSecurityGroup, defaultSubnets, emulatorPorts } from '../../support/aws.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { planRepo } from '../../support/pipeline.js';
import {
  AlertReceiver,
  configYaml,
  GitRemote,
  GROUP,
  jobYaml,
  makeController,
  PREFIX,
  type Harness,
} from '../controller/support.js';
import { convergenceProblems } from './live-check.js';

let proxy: CountingProxy;
let remote: GitRemote;
let receiver: AlertReceiver;
let ports: AwsPorts;

beforeAll(async () => {
  proxy = await startCountingProxy(emulatorEndpoint());
  remote = await GitRemote.create();
  receiver = await AlertReceiver.start();
});

afterAll(async () => {
  await proxy.close();
  await remote.dispose();
  await receiver.close();
});

async function runOnce(h: Harness) {
  const result = await h.controller.trigger('manual');
  await h.controller.stop();
  await h.dispatcher.close(1_000);
  await rm(h.workdir, { recursive: true, force: true });
  return result;
}

describe('an apply cut short before the schedule followed the new revision', () => {
  it('is finished by the next controller, self-heal off', async () => {
    await resetEmulator();
    await createCluster('etl');
    const network = {
      subnets: (await defaultSubnets()).slice(0, 1),
      securityGroups: [await createSecurityGroup('etl')],
    };
    ports = emulatorPorts({ endpoint: proxy.url, maxAttempts: 1 });
    await remote.commit({ 'berth.yaml': configYaml(network), 'jobs/a.yaml': jobYaml('a') });
    expect((await runOnce(await makeController({ remote, ports, receiver }))).outcome).toBe('synced');

    // a gets a new image, c is new; every schedule write fails, as if the process died there.
    await remote.commit({ 'jobs/a.yaml': jobYaml('a', { image: '1.37' }), 'jobs/c.yaml': jobYaml('c') });
    proxy.setHook((_n, op) =>
      /^scheduler:(Create|Update)Schedule$/.test(op)
        ? { status: 500, body: '{"Message":"injected"}' }
        : 'pass',
    );
    const cut = await runOnce(await makeController({ remote, ports, receiver }));
    proxy.setHook(undefined);
    expect(cut.outcome).toBe('failed');
    const dir = path.join(remote.root, 'work');
    const halfway = await planRepo(dir, ports);
    expect(halfway.plan.jobs.map((j) => `${j.job} ${j.status}`)).toEqual(['a OutOfSync', 'c OutOfSync']);

    // A new controller has no memory of the apply: the record in AWS is what says "git moved".
    const next = await runOnce(await makeController({ remote, ports, receiver }));
    expect(next.outcome).toBe('synced');
    expect(next.decisions.map((d) => `${d.job} ${d.kind} ${d.decision}`)).toEqual([
      'a git apply',
      'c git apply',
    ]);
    expect(
      await convergenceProblems({
        dir,
        jobs: ['a', 'c'],
        removed: [],
        prefix: PREFIX,
        group: GROUP,
        keepRevisions: 2,
      }),
    ).toEqual([]);
  });
});
