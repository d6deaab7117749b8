// The controller following a git repository when git goes wrong: an unreachable remote (moved
// away, a closed port, a server that never answers), refused credentials (a real smart-HTTP
// server with Basic auth), a deleted branch, force-pushed history (older and unrelated), huge
// files, and a damaged working copy. Each is reported (log line, /api/status, alert, metric),
// the last good revision stays in force, nothing is deleted in AWS (counted through a proxy in
// front of the emulator), credentials never show, and the next good commit applies.
import { ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gitEnvironment } from '../../../src/config/controller.js';
import { createLogger, type Logger } from '../../../src/log/logger.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import { PromMetrics } from '../../../src/server/metrics.js';
import { GitSource } from '../../../src/source/git-source.js';
import { emulatorPorts, rawClients } from '../../support/aws.js';
import { BERTH_BIN, runBerth } from '../../support/berth-cli.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { GitHttpServer } from './git-http-server.js';
import {
  AlertReceiver,
  configYaml,
  GitRemote,
  GROUP,
  jobYaml,
  makeController,
  PREFIX,
  type Harness,
  type Network,
} from './support.js';

const USER = 'berth-bot';
const PASSWORD = 'ghp_S3cretT0ken-h5';
const WRITES = /:(Create|Update|Delete|Deregister|Register|Tag|Untag)/;
const DELETES = ['scheduler:DeleteSchedule', 'ecs:DeregisterTaskDefinition', 'scheduler:DeleteScheduleGroup'];

let proxy: CountingProxy;
let ports: AwsPorts;
let network: Network;
let remote: GitRemote;
let receiver: AlertReceiver;
let h: Harness | undefined;
let metrics: PromMetrics;
let logLines: string[];
let log: Logger;
const figures = {
  writesWhileBroken: 0,
  deletesWhileHeld: 0,
  cycles: 0,
  failedCycles: 0,
  modes: new Set<string>(),
  repairs: 0,
  blobMiB: 0,
  blobFetchMs: 0,
};
// Retries are driven by the test ('retry' triggers), never by a timer firing mid-assertion.
const NO_TIMED_RETRY = { backoff: { initialMs: 3_600_000, maxMs: 3_600_000, factor: 1 } };

async function schedules(): Promise<string[]> {
  const out = await rawClients().scheduler.send(new ListSchedulesCommand({ GroupName: GROUP }));
  return (out.Schedules ?? []).map((s) => s.Name ?? '').sort();
}

async function activeFamilies(): Promise<string[]> {
  // The emulator takes familyPrefix for an exact family: list them all and keep berth's.
  const out = await rawClients().ecs.send(new ListTaskDefinitionsCommand({ status: 'ACTIVE' }));
  const families = (out.taskDefinitionArns ?? []).map((a) => /\/([^/:]+):\d+$/.exec(a)?.[1] ?? a);
  return [...new Set(families.filter((f) => f.startsWith(PREFIX)))].sort();
}

/** AWS writes since the last proxy reset, by operation. */
function writes(): Record<string, number> {
  return Object.fromEntries(Object.entries(proxy.counts()).filter(([op]) => WRITES.test(op)));
}

function deletes(): number {
  return DELETES.reduce((n, op) => n + (proxy.counts()[op] ?? 0), 0);
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const m = metrics.registry.getSingleMetric(name);
  const values = (await m?.get())?.values ?? [];
  const hit = values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
  return hit?.value ?? 0;
}

const messages = () => logLines.map((l) => (JSON.parse(l) as { msg: string }).msg);
const count = (msg: string) => messages().filter((m) => m === msg).length;

async function alertKinds(): Promise<string[]> {
  await h!.dispatcher.flush();
  return receiver.alerts.map((a) => a.kind);
}

/** Runs a cycle; failed cycles are what the phase expects unless said otherwise. */
async function cycle(kind: 'poll' | 'resync' | 'retry' | 'webhook' = 'poll') {
  const r = await h!.controller.trigger(kind);
  figures.cycles += 1;
  if (r.outcome === 'failed') figures.failedCycles += 1;
  return r;
}

/**
 * While git is broken: every cycle fails, the last good revision is planned, AWS is only read.
 * The first cycle is a poll; later ones are the retries the loop runs (timer ticks wait out the
 * backoff), so a mode that follows another failure starts with a retry.
 */
async function expectHeld(
  mode: string,
  good: string,
  live: { schedules: string[]; families: string[] },
  opts: { cycles?: number; first?: 'poll' | 'retry' } = {},
) {
  proxy.reset();
  for (let i = 0; i < (opts.cycles ?? 2); i++) {
    const r = await cycle(i === 0 ? (opts.first ?? 'poll') : 'retry');
    expect(r.outcome).toBe('failed');
    expect(r.reconciledRevision).toBe(good);
    expect(r.decisions.every((d) => d.status === 'InSync')).toBe(true);
  }
  figures.writesWhileBroken += Object.values(writes()).reduce((a, b) => a + b, 0);
  expect(writes()).toEqual({});
  expect(await schedules()).toEqual(live.schedules);
  expect(await activeFamilies()).toEqual(live.families);
  const status = h!.controller.status();
  expect(status).toMatchObject({ reconciledRevision: good, lastCycle: { outcome: 'failed' } });
  expect(status.sourceError?.message).toBe(status.lastCycle?.error);
  expect(await metric('berth_source_problem', { problem: 'unavailable' })).toBe(1);
  figures.modes.add(mode);
  return status;
}

beforeAll(async () => {
  proxy = await startCountingProxy(emulatorEndpoint());
});

afterAll(async () => {
  await proxy.close();
  console.log(
    `[figures] git-failures: ${figures.modes.size} failure modes (${[...figures.modes].join(', ')}), ${figures.cycles} cycles ` +
      `(${figures.failedCycles} failed as expected), ${figures.repairs} working-copy repairs, ` +
      `${figures.blobMiB} MiB blob fetched in ${figures.blobFetchMs} ms, ` +
      `${figures.writesWhileBroken} AWS writes while git was broken, ` +
      `${figures.deletesWhileHeld} deletions while a rewrite was held`,
  );
});

beforeEach(async () => {
  await resetEmulator();
  ports = emulatorPorts({ endpoint: proxy.url });
  // Nothing here runs a task: schedules only name the network, and no EC2 set-up is needed.
  network = { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0a1b2c3d4e5f60718'] };
  remote = await GitRemote.create();
  receiver = await AlertReceiver.start();
  metrics = new PromMetrics({ defaultMetrics: false });
  logLines = [];
  log = createLogger({ level: 'debug', destination: { write: (line: string) => logLines.push(line) } });
});

afterEach(async () => {
  if (h) {
    await h.controller.stop();
    await h.dispatcher.close(1_000);
    await rm(h.workdir, { recursive: true, force: true });
  }
  h = undefined;
  await receiver.close();
  await remote.dispose();
});

async function start(opts: Partial<Parameters<typeof makeController>[0]> = {}): Promise<Harness> {
  h = await makeController({ remote, ports, receiver, metrics, log, settings: NO_TIMED_RETRY, ...opts });
  return h;
}

const twoJobs = () => ({
  'berth.yaml': configYaml(network),
  'jobs/a.yaml': jobYaml('a'),
  'jobs/b.yaml': jobYaml('b'),
});
const LIVE_AB = { schedules: ['ctl-a', 'ctl-b'], families: ['ctl-a', 'ctl-b'] };

describe('controller on a broken git remote', () => {
  it('an unreachable remote (repository moved away) keeps the last good revision and recovers', async () => {
    const good = await remote.commit(twoJobs());
    await start();
    expect((await cycle()).applied).toBe(2);

    await remote.setReachable(false);
    const status = await expectHeld('remote moved away', good, LIVE_AB);
    expect(status.sourceError?.message).toMatch(
      /^file:\/\/.*remote\.git#main: .*does not appear to be a git repository/,
    );
    expect(count('source unavailable')).toBe(1);
    expect(await metric('berth_git_fetches_total', { outcome: 'failed' })).toBe(2);
    expect(await metric('berth_reconcile_total', { outcome: 'failed' })).toBe(2);
    expect(await alertKinds()).toEqual(['source-failed']);
    expect(receiver.alerts[0]).toMatchObject({ severity: 'warning', job: null });

    await remote.setReachable(true);
    const fixed = await remote.commit({ 'jobs/c.yaml': jobYaml('c') });
    expect(await cycle('retry')).toMatchObject({ outcome: 'synced', reconciledRevision: fixed, applied: 1 });
    expect(h!.controller.status().sourceError).toBeNull();
    expect(await schedules()).toEqual(['ctl-a', 'ctl-b', 'ctl-c']);
    expect(count('source available again')).toBe(1);
    expect(await metric('berth_source_problem', { problem: 'unavailable' })).toBe(0);
    expect(await alertKinds()).toEqual(['source-failed', 'source-recovered']);
  });

  it('refused credentials, a closed port and a hung host over HTTP, never showing the credentials', async () => {
    const server = await GitHttpServer.start(remote.root, USER, PASSWORD);
    const url = server.url('remote.git');
    expect(url).toContain(PASSWORD);
    const good = await remote.commit(twoJobs());
    // The environment the CLI gives git: no prompt for a password nobody can type.
    await start({ source: { url, env: gitEnvironment(process.env), timeoutMs: 1_500 } });
    expect((await cycle()).applied).toBe(2);

    // The token is revoked at the server.
    server.password = 'rotated-elsewhere';
    let status = await expectHeld('credentials refused', good, LIVE_AB);
    expect(server.refused).toBeGreaterThan(0);
    expect(status.sourceError?.message).toMatch(
      // git gets the credentials as a header (not in the URL), so a refusal reads as a prompt it may not show.
      /^http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/remote\.git#main: .*(Authentication failed|could not read Username)/,
    );
    expect(await alertKinds()).toEqual(['source-failed']);
    expect(receiver.alerts[0]).toMatchObject({ severity: 'error' });
    expect(receiver.alerts[0]!.lines.join('\n')).toMatch(/hint: check the credentials/);

    // The host accepts connections and never answers: git is cut off after timeoutMs.
    server.password = PASSWORD;
    server.hang = true;
    const t0 = Date.now();
    status = await expectHeld('host hangs', good, LIVE_AB, { first: 'retry', cycles: 1 });
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(status.sourceError?.message).toMatch(/#main: block timeout reached$/);

    // The server goes away: a closed port. Same outage, so no second alert; new log lines.
    const port = server.port;
    await server.close();
    status = await expectHeld('port closed', good, LIVE_AB, { first: 'retry', cycles: 1 });
    expect(status.sourceError?.message).toMatch(/Failed to connect|Couldn't connect/);
    expect(count('source unavailable')).toBe(3);
    expect(await alertKinds()).toEqual(['source-failed']);

    // Back, with the token the controller has: the next good commit applies.
    const back = await GitHttpServer.start(remote.root, USER, PASSWORD, port);
    try {
      const fixed = await remote.commit({ 'jobs/a.yaml': jobYaml('a', { image: '1.37' }) });
      expect(await cycle('retry')).toMatchObject({
        outcome: 'synced',
        reconciledRevision: fixed,
        applied: 1,
      });
      expect(await alertKinds()).toEqual(['source-failed', 'source-recovered']);
    } finally {
      await back.close();
    }

    // Nowhere: not in logs, status, alerts, metrics, nor any file of the working copy.
    const texts = {
      logs: logLines.join('\n'),
      status: JSON.stringify(h!.controller.status()),
      alerts: JSON.stringify(receiver.alerts),
      metrics: await metrics.registry.metrics(),
      workingCopy: await readTree(h!.workdir),
    };
    for (const [where, text] of Object.entries(texts)) {
      expect(text.length, where).toBeGreaterThan(0);
      expect(text, where).not.toContain(PASSWORD);
      expect(text, where).not.toContain(`${USER}:`);
    }
    expect(texts.logs).toContain('http://***:***@127.0.0.1');
  });

  it('a deleted branch is a source error, not an empty repository', async () => {
    const good = await remote.commit(twoJobs());
    await start();
    await cycle();

    await remote.deleteBranch();
    const status = await expectHeld('branch deleted', good, LIVE_AB);
    expect(status.sourceError?.message).toMatch(/#main: branch main not found$/);
    expect(await alertKinds()).toEqual(['source-failed']);

    // The branch is pushed again (a push event, which does not wait out the backoff).
    const fixed = await remote.commit({ 'jobs/b.yaml': jobYaml('b', { image: '1.37' }) });
    expect(await cycle('webhook')).toMatchObject({
      outcome: 'synced',
      reconciledRevision: fixed,
      applied: 1,
    });
    expect(await alertKinds()).toEqual(['source-failed', 'source-recovered']);
  });
});

describe('controller on rewritten history', () => {
  it('applies a force-push to older or unrelated history but prunes nothing until a commit on top', async () => {
    const first = await remote.commit(twoJobs());
    await start();
    await cycle();
    // A bad commit, amended and force-pushed: the amended commit still contains the revision in
    // force, so it is no rewrite of what berth applied.
    await remote.commit({ 'jobs/c.yaml': jobYaml('c').replace('cron(0 3 * * ? *)', 'cron(bad)') });
    expect(await cycle()).toMatchObject({ outcome: 'synced', reconciledRevision: first, applied: 0 });
    await remote.resetTo(first);
    const second = await remote.commit(
      { 'jobs/a.yaml': jobYaml('a', { expression: 'cron(0 4 * * ? *)' }), 'jobs/c.yaml': jobYaml('c') },
      'amended',
    );
    expect(await cycle()).toMatchObject({ reconciledRevision: second, applied: 2 });
    expect(h!.controller.status().rewrite).toBeNull();
    const live = { schedules: ['ctl-a', 'ctl-b', 'ctl-c'], families: ['ctl-a', 'ctl-b', 'ctl-c'] };

    // Back to the first commit plus a fix-up: c is gone from git, a's schedule changes again.
    proxy.reset();
    await remote.resetTo(first);
    const older = await remote.commit({ 'jobs/a.yaml': jobYaml('a', { expression: 'cron(0 5 * * ? *)' }) });
    const r = await cycle();
    // c stays in AWS although git dropped it: the cycle applied what it could, and is not synced.
    expect(r).toMatchObject({ outcome: 'degraded', reconciledRevision: older, applied: 1, differing: 1 });
    expect(h!.controller.status()).toMatchObject({
      syncedRevision: second,
      warnings: [
        expect.stringMatching(/^1 job not pruned: history rewritten: not pruned until a commit on top of/),
      ],
    });
    expect(h!.controller.status().jobs.find((j) => j.job === 'c')).toMatchObject({
      inSync: false,
      divergence: 'blocked',
    });
    expect(r.decisions.find((d) => d.job === 'c')).toMatchObject({
      status: 'Orphan',
      decision: 'report',
      reason: expect.stringMatching(/^history rewritten: not pruned until a commit on top of/),
    });
    expect(writes()).toEqual({ 'scheduler:UpdateSchedule': 1 });
    expect(h!.controller.status().rewrite).toMatchObject({ revision: older, previous: second, held: ['c'] });
    expect(
      count('history rewritten (force-push): changes applied, nothing pruned until a commit on top confirms'),
    ).toBe(1);
    expect(await metric('berth_source_problem', { problem: 'rewritten' })).toBe(1);
    expect(await alertKinds()).toEqual(['invalid-commit', 'history-rewritten']);
    expect(receiver.alerts[1]).toMatchObject({ severity: 'warning', revision: older });
    expect(receiver.alerts[1]!.lines).toContain('not pruned: c');

    // A resync changes nothing; then a history with no common ancestor at all.
    await cycle('resync');
    await remote.orphan();
    const unrelated = await remote.commit({
      'jobs/b.yaml': jobYaml('b', { expression: 'cron(0 6 * * ? *)' }),
    });
    expect(await cycle()).toMatchObject({ outcome: 'degraded', reconciledRevision: unrelated, applied: 1 });
    expect(h!.controller.status().rewrite).toMatchObject({
      revision: unrelated,
      previous: older,
      held: ['c'],
    });
    figures.deletesWhileHeld += deletes();
    expect(deletes()).toBe(0);
    expect(writes()).toEqual({ 'scheduler:UpdateSchedule': 2 });
    expect(await schedules()).toEqual(live.schedules);
    expect(await activeFamilies()).toEqual(live.families);
    figures.modes.add('force-push (older, unrelated)');

    // A commit on top confirms the rewrite: c, no longer in git, is pruned now.
    const onTop = await remote.commit({ 'jobs/d.yaml': jobYaml('d') });
    expect(await cycle()).toMatchObject({ outcome: 'synced', reconciledRevision: onTop, applied: 2 });
    expect(h!.controller.status()).toMatchObject({ rewrite: null, syncedRevision: onTop, warnings: [] });
    expect(await schedules()).toEqual(['ctl-a', 'ctl-b', 'ctl-d']);
    expect(count('rewritten history confirmed: pruning resumes')).toBe(1);
    expect(await metric('berth_source_problem', { problem: 'rewritten' })).toBe(0);
    expect(await alertKinds()).toEqual(['invalid-commit', 'history-rewritten', 'history-rewritten']);
  });
});

describe('controller with huge files and a damaged working copy', () => {
  it('refuses a manifest over the size cap, keeps the last good revision, and fetches a large blob', async () => {
    const good = await remote.commit(twoJobs());
    await start();
    await cycle();

    proxy.reset();
    const padding = `# ${'x'.repeat(1022)}\n`.repeat(1100); // 1.1 MiB, over the 1 MiB cap
    const huge = await remote.commit({ 'jobs/huge.yaml': jobYaml('huge') + padding });
    const r = await cycle();
    expect(r).toMatchObject({ outcome: 'synced', revision: huge, reconciledRevision: good, applied: 0 });
    expect(writes()).toEqual({});
    const status = h!.controller.status();
    expect(status.invalid?.revision).toBe(huge);
    expect(status.invalid?.diagnostics[0]).toMatchObject({ file: 'jobs/huge.yaml' });
    expect(status.invalid?.diagnostics[0]?.message).toMatch(/large|size|bytes/i);
    expect(count('invalid revision: not applied')).toBe(1);
    expect(await metric('berth_source_problem', { problem: 'invalid' })).toBe(1);
    expect(await alertKinds()).toEqual(['invalid-commit']);
    expect(await schedules()).toEqual(LIVE_AB.schedules);
    figures.modes.add('manifest over the size cap');

    // An unrelated large binary next to the manifests: fetched, ignored, the commit applies.
    const mib = 4;
    const fixed = await remote.commit({
      'jobs/huge.yaml': null,
      // Base64 of random bytes: text, so the test's commit helper can write it, and incompressible.
      'data/model.b64': seededBytes((mib * 1024 * 1024 * 3) / 4, 42).toString('base64'),
      'jobs/a.yaml': jobYaml('a', { image: '1.37' }),
    });
    const t0 = Date.now();
    expect(await cycle()).toMatchObject({ outcome: 'synced', reconciledRevision: fixed, applied: 1 });
    figures.blobFetchMs = Date.now() - t0;
    figures.blobMiB = mib;
    expect(h!.controller.status().invalid).toBeNull();
    expect(await metric('berth_source_problem', { problem: 'invalid' })).toBe(0);
    expect(deletes()).toBe(0);
  });

  it('repairs a stale index.lock, a deleted working copy and lost objects', async () => {
    await remote.commit(twoJobs());
    await start();
    await cycle();
    const clone = path.join(h!.workdir, (await readdir(h!.workdir))[0]!);
    proxy.reset();

    // A git killed mid-checkout leaves its lock behind.
    await writeFile(path.join(clone, '.git', 'index.lock'), '');
    let rev = await remote.commit({ 'jobs/a.yaml': jobYaml('a', { image: '1.37' }) });
    expect(await cycle()).toMatchObject({ outcome: 'synced', reconciledRevision: rev, applied: 1 });
    expect(logLines.find((l) => l.includes('working copy was damaged'))).toMatch(/index\.lock/);

    // The working copy deleted while the controller runs, head unchanged: fetched again.
    await rm(h!.workdir, { recursive: true, force: true });
    expect((await cycle('resync')).outcome).toBe('synced');
    expect((await stat(path.join(clone, 'berth.yaml'))).isFile()).toBe(true);

    // Objects lost.
    await rm(path.join(clone, '.git', 'objects'), { recursive: true, force: true });
    rev = await remote.commit({ 'jobs/b.yaml': jobYaml('b', { image: '1.37' }) });
    expect(await cycle()).toMatchObject({ outcome: 'synced', reconciledRevision: rev, applied: 1 });

    // (A restart on a working copy with a stale lock: the CLI test below.)
    expect(await metric('berth_git_fetches_total', { outcome: 'repaired' })).toBe(2);
    expect(count('working copy was damaged: fetched afresh')).toBe(2);
    figures.repairs += 2;
    expect(deletes()).toBe(0);
    expect(await schedules()).toEqual(LIVE_AB.schedules);
    expect(await alertKinds()).toEqual([]);
    figures.modes.add('damaged working copy');
  });
});

describe('berth controller --repo (built CLI)', () => {
  it('repairs a stale lock on start and never prints the credentials of --repo', async () => {
    expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
    const server = await GitHttpServer.start(remote.root, USER, PASSWORD);
    const workdir = await mkdtemp(path.join(os.tmpdir(), 'berth-ctl-cli-git-'));
    try {
      await remote.commit(twoJobs());
      const url = server.url('remote.git');
      // A clone left by an earlier run (made in-process: one process start less), with the lock
      // a git killed mid-checkout leaves behind.
      await new GitSource({ url, branch: 'main', workdir, env: gitEnvironment(process.env) }).sync();
      const [clone] = await readdir(workdir);
      await writeFile(path.join(workdir, clone!, '.git', 'index.lock'), '');
      await remote.commit({ 'jobs/c.yaml': jobYaml('c') });

      const run = await runBerth(['controller', '--repo', url, '--workdir', workdir, '--once'], {
        ...emulatorEnv(),
        BERTH_WEBHOOK_SECRET: 'unused-with-once',
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/index\.lock[^\n]*"msg":"working copy was damaged: fetched afresh"/);
      expect(run.stdout).toMatch(
        /"source":"http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/remote\.git#main"[^\n]*"msg":"controller starting"/,
      );
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(`${USER}:`);
      }
      expect(await schedules()).toEqual(['ctl-a', 'ctl-b', 'ctl-c']);
      figures.repairs += 1;
      figures.modes.add('stale lock on start (CLI)');
    } finally {
      await server.close();
      await rm(workdir, { recursive: true, force: true });
    }
  });
});

/** Every file below dir (the working copy, .git included) as one text. */
async function readTree(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    parts.push(await readFile(path.join(e.parentPath, e.name), 'latin1'));
  }
  return parts.join('\n');
}

/** Deterministic incompressible bytes (xorshift32). */
function seededBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, Math.min(i, n - 4));
  }
  return out;
}
