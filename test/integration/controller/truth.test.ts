// The controller tells the truth: `synced` only when every job equals git after the cycle (read
// back from AWS, not taken from apply's word), a distinct outcome with per-job reasons when not,
// an alert for each standing problem (refused prune, conflict) resolved once it ends, the opt-in
// deploy notice, per-job metrics, and a graceful stop during a slow git fetch that is no outage.
// A real git remote, the emulator behind a counting proxy, alerts to a real HTTP receiver.
import { TagResourceCommand } from '@aws-sdk/client-scheduler';
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gitEnvironment } from '../../../src/config/controller.js';
import { createLogger, type Logger } from '../../../src/log/logger.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import { PromMetrics } from '../../../src/server/metrics.js';
import { createScheduleGroup, emulatorPorts, rawClients } from '../../support/aws.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { GitHttpServer } from './git-http-server.js';
import {
  AlertReceiver,
  configYaml,
  GitRemote,
  GROUP,
  jobYaml,
  makeController,
  OWNER,
  type Harness,
  type Network,
} from './support.js';

const TOKEN = 'tok-9f8e7d6c5b4a39281706';
const figures = { applyingCycleCalls: 0, recheckCalls: 0, stops: 0, stopsLater: 0, sourceFailedOnStop: 0 };

let proxy: CountingProxy;
let ports: AwsPorts;
let network: Network;
let remote: GitRemote;
let receiver: AlertReceiver;
let metrics: PromMetrics;
let logLines: string[];
let log: Logger;
let harnesses: Harness[] = [];

const messages = () => logLines.map((l) => JSON.parse(l) as { msg: string; level: string; job?: string });
const warned = (msg: string) => messages().filter((m) => m.msg === msg && m.level === 'warn');

async function alertKinds(): Promise<string[]> {
  for (const h of harnesses) await h.dispatcher.flush();
  return receiver.alerts.map((a) => `${a.kind}${a.job ? `:${a.job}` : ''}`);
}

async function scrape(): Promise<string[]> {
  return (await metrics.registry.metrics()).split('\n');
}

async function start(opts: Partial<Parameters<typeof makeController>[0]> = {}): Promise<Harness> {
  const h = await makeController({ remote, ports, receiver, metrics, log, alertDeploys: true, ...opts });
  harnesses.push(h);
  return h;
}

beforeAll(async () => {
  proxy = await startCountingProxy(emulatorEndpoint());
});

afterAll(async () => {
  await proxy.close();
  console.log(
    `[figures] truth: an applying cycle made ${figures.applyingCycleCalls} AWS calls, ` +
      `a re-check (a resync with nothing to apply) ${figures.recheckCalls}; ${figures.stops} stops during slow git reads ` +
      `(${figures.stopsLater} of them at the 2nd or 3rd HTTP request), ${figures.sourceFailedOnStop} source-failed alerts`,
  );
});

beforeEach(async () => {
  await resetEmulator();
  proxy.setHook(undefined);
  ports = emulatorPorts({ endpoint: proxy.url });
  // Nothing here runs a task: schedules only name the network.
  network = { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0a1b2c3d4e5f60718'] };
  remote = await GitRemote.create();
  receiver = await AlertReceiver.start();
  metrics = new PromMetrics({ defaultMetrics: false });
  logLines = [];
  log = createLogger({ level: 'debug', destination: { write: (line: string) => logLines.push(line) } });
});

afterEach(async () => {
  for (const h of harnesses) {
    await h.controller.stop();
    await h.dispatcher.close(1_000);
    await rm(h.workdir, { recursive: true, force: true });
  }
  harnesses = [];
  await receiver.close();
  await remote.dispose();
});

const threeJobs = () => ({
  'berth.yaml': configYaml(network),
  'jobs/a.yaml': jobYaml('a', { token: TOKEN }),
  'jobs/b.yaml': jobYaml('b'),
  'jobs/c.yaml': jobYaml('c'),
});

describe('controller outcomes', () => {
  it('a refused prune is loud: degraded, per-job reasons, warnings, warn logs, an alert, then resolved', async () => {
    const first = await remote.commit(threeJobs());
    const { controller: c } = await start();
    expect(await c.trigger('poll')).toMatchObject({ outcome: 'synced', applied: 3, differing: 0 });
    expect(c.status()).toMatchObject({ syncedRevision: first, warnings: [] });
    expect(await alertKinds()).toEqual(['deploy-succeeded']);
    expect(receiver.alerts[0]!.title).toBe(`Deployed ${first.slice(0, 12)}: 3 jobs changed`);

    // Two of three jobs leave git: beyond prune.maxDeleteFraction (0.5), nothing is deleted.
    const removed = await remote.commit({ 'jobs/a.yaml': null, 'jobs/b.yaml': null });
    const r = await c.trigger('poll');
    expect(r).toMatchObject({ outcome: 'degraded', reconciledRevision: removed, applied: 0, differing: 2 });
    const status = c.status();
    expect(status.syncedRevision).toBe(first);
    expect(status.lastSyncedAt).not.toBeNull();
    expect(status.warnings).toEqual([
      expect.stringMatching(/^prune refused: 2 jobs of 3 owned would be deleted/),
    ]);
    expect(status.jobs.map((j) => [j.job, j.status, j.inSync, j.divergence])).toEqual([
      ['a', 'Orphan', false, 'blocked'],
      ['b', 'Orphan', false, 'blocked'],
      ['c', 'InSync', true, null],
    ]);
    expect(status.jobs[0]!.reason).toMatch(/prune refused.*see warnings/);
    expect(warned('prune refused')).toHaveLength(1);
    expect(warned('job differs from git').map((m) => m.job)).toEqual(['a', 'b']);
    expect(await alertKinds()).toEqual(['deploy-succeeded', 'prune-refused']);
    expect(receiver.alerts[1]).toMatchObject({
      severity: 'warning',
      title: 'Prune refused: 2 jobs no longer in git left in place',
      revision: removed,
    });
    expect(receiver.alerts[1]!.lines).toEqual([
      expect.stringMatching(/^prune refused: 2 jobs of 3 owned/),
      'left in place: a',
      'left in place: b',
    ]);
    let lines = await scrape();
    expect(lines).toContain('berth_job_info{job="a",status="Orphan",revision="ctl-a:1"} 1');
    expect(lines).toContain('berth_job_info{job="a",status="InSync",revision="ctl-a:1"} 0');
    expect(lines).toContain('berth_job_synced{job="a"} 0');
    expect(lines).toContain('berth_job_synced{job="c"} 1');
    expect(lines).toContain('berth_reconcile_total{outcome="degraded"} 1');

    // The same refusal on the next resync: no new alert, no new warn lines.
    expect((await c.trigger('resync')).outcome).toBe('degraded');
    expect(await alertKinds()).toEqual(['deploy-succeeded', 'prune-refused']);
    expect(warned('job differs from git')).toHaveLength(2);

    // The operator allows it: a and b are pruned, the refusal is resolved, AWS equals git again.
    const allowed = await remote.commit({
      'berth.yaml': configYaml(network) + '  prune:\n    maxDeleteFraction: 1\n',
    });
    expect(await c.trigger('poll')).toMatchObject({ outcome: 'synced', applied: 2, differing: 0 });
    expect(c.status()).toMatchObject({ syncedRevision: allowed, warnings: [] });
    expect(await alertKinds()).toEqual([
      'deploy-succeeded',
      'prune-refused',
      'prune-refusal-resolved',
      'deploy-succeeded',
    ]);
    expect(receiver.alerts[3]!.lines).toEqual([
      expect.stringMatching(/^a: pruned \(delete-schedule ctl-a/),
      expect.stringMatching(/^b: pruned \(delete-schedule ctl-b/),
    ]);
    lines = await scrape();
    expect(lines.filter((l) => l.includes('job="a"'))).toEqual([]);

    // The token in a's environment went nowhere.
    const texts = {
      alerts: JSON.stringify(receiver.alerts),
      status: JSON.stringify(c.status()),
      logs: logLines.join('\n'),
      metrics: lines.join('\n'),
    };
    for (const [where, text] of Object.entries(texts)) expect(text, where).not.toContain(TOKEN);
  });

  it("a foreign schedule group is one conflict alert for every job, resolved once the group is berth's", async () => {
    const arn = await createScheduleGroup(GROUP);
    const rev = await remote.commit(threeJobs());
    const { controller: c } = await start();
    const r = await c.trigger('poll');
    expect(r).toMatchObject({ outcome: 'degraded', differing: 3 });
    expect(c.status().syncedRevision).toBeNull();
    expect(c.status().jobs.map((j) => [j.job, j.status, j.divergence])).toEqual([
      ['a', 'Conflict', 'blocked'],
      ['b', 'Conflict', 'blocked'],
      ['c', 'Conflict', 'blocked'],
    ]);
    expect(c.ready).toBe(true);
    expect(await alertKinds()).toEqual(['conflict-detected']);
    expect(receiver.alerts[0]).toMatchObject({
      title: 'Conflict: 3 jobs not managed',
      revision: rev,
      job: null,
    });
    expect(receiver.alerts[0]!.lines).toEqual([
      expect.stringMatching(/^schedule group berth-ctl exists but is not tagged as berth's/),
      'job: a',
      'job: b',
      'job: c',
    ]);
    await c.trigger('resync');
    expect(await alertKinds()).toEqual(['conflict-detected']);

    // Someone tags the group as this repository's: the next resync deploys, and says it is over.
    await rawClients().scheduler.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: [
          { Key: 'berth:managed-by', Value: 'berth' },
          { Key: 'berth:owner', Value: OWNER },
        ],
      }),
    );
    expect(await c.trigger('resync')).toMatchObject({ outcome: 'synced', differing: 0 });
    expect(c.status().syncedRevision).toBe(rev);
    expect(await alertKinds()).toEqual(['conflict-detected', 'conflict-resolved', 'deploy-succeeded']);
  });

  it('re-reads AWS after apply: a write AWS acknowledged but did not make is not synced', async () => {
    await remote.commit(threeJobs());
    const { controller: c } = await start({ alertDeploys: false });
    const first = await c.trigger('poll');
    expect(first.outcome).toBe('synced');

    // AWS answers the next UpdateSchedule with success and changes nothing.
    proxy.setHook((_n, op) =>
      op === 'scheduler:UpdateSchedule'
        ? { status: 200, body: JSON.stringify({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' }) }
        : 'pass',
    );
    const cron = await remote.commit({ 'jobs/b.yaml': jobYaml('b', { expression: 'cron(0 4 * * ? *)' }) });
    proxy.reset();
    const r = await c.trigger('poll');
    figures.applyingCycleCalls = r.awsCalls;
    expect(r).toMatchObject({ outcome: 'degraded', reconciledRevision: cron, applied: 1, differing: 1 });
    expect(c.status().syncedRevision).toBe(first.reconciledRevision);
    expect(c.status().jobs.find((j) => j.job === 'b')).toMatchObject({
      result: 'applied',
      inSync: false,
      divergence: 'unconverged',
      reason: expect.stringMatching(/^applied, but AWS still differs/),
    });
    expect(warned('job differs from git').map((m) => m.job)).toEqual(['b']);

    // AWS behaves again: the change still counts as git's (not drift) and lands.
    proxy.setHook(undefined);
    proxy.reset();
    const quiet = await c.trigger('resync');
    expect(quiet).toMatchObject({ outcome: 'synced', applied: 1, differing: 0 });
    expect(c.status().syncedRevision).toBe(cron);
    expect(c.driftReport().drifted).toBe(0);
    // A resync with nothing to apply reads AWS once: the re-check costs one more read like it.
    proxy.reset();
    figures.recheckCalls = (await c.trigger('resync')).awsCalls;
    expect(await alertKinds()).toEqual([]);
  });
});

describe('stopping the controller during a slow git read', () => {
  it('is no outage: no source-failed alert, however often it happens', async () => {
    const server = await GitHttpServer.start(remote.root, 'bot', 'pw-5e4d3c2b1a');
    try {
      await remote.commit(threeJobs());
      const url = server.url('remote.git');
      const first = await start({ source: { url, env: gitEnvironment(process.env) } });
      expect((await first.controller.trigger('poll')).outcome).toBe('synced');
      await first.controller.stop();

      // Each stop lands at another point of the read: ls-remote, or the fetch after it.
      server.delayMs = 400;
      for (let i = 0; i < 8; i++) {
        await remote.commit({ 'jobs/c.yaml': jobYaml('c', { image: `1.${40 + i}` }) });
        const h = await start({ source: { url, env: gitEnvironment(process.env) }, workdir: first.workdir });
        const before = server.requests;
        const cycle = h.controller.trigger('poll');
        const wanted = before + 1 + (i % 3);
        while (server.requests < wanted) await new Promise((r) => setTimeout(r, 10));
        if (i % 3 > 0) figures.stopsLater += 1;
        await h.controller.stop();
        expect((await cycle).outcome).toBe('interrupted');
        expect(h.controller.status().sourceError).toBeNull();
        figures.stops += 1;
      }
      const kinds = await alertKinds();
      figures.sourceFailedOnStop = kinds.filter((k) => k === 'source-failed').length;
      expect(kinds).toEqual(['deploy-succeeded']);
      expect(messages().filter((m) => m.msg === 'source unavailable')).toEqual([]);
      const fetches = (outcome: string) =>
        scrape().then((l) => l.find((x) => x.startsWith(`berth_git_fetches_total{outcome="${outcome}"}`)));
      expect(await fetches('failed')).toBeUndefined();
      expect(await fetches('aborted')).toBe('berth_git_fetches_total{outcome="aborted"} 8');
      expect(messages().filter((m) => m.msg === 'source read cut short: stopping').length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
