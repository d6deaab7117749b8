// A signed GitHub push webhook starts a cycle at once; unsigned or badly signed ones are
// refused with 401 and start nothing. Real HTTP server on 127.0.0.1, real git, the emulator.
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import { rm } from 'node:fs/promises';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log/logger.js';
import { closeServer, createHttpServer, listen } from '../../../src/server/http-server.js';
import { PromMetrics } from '../../../src/server/metrics.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';
import {
  AlertReceiver,
  configYaml,
  GitRemote,
  GROUP,
  jobYaml,
  makeController,
  type Harness,
} from './support.js';

const SECRET = 'webhook-test-secret';

let remote: GitRemote;
let receiver: AlertReceiver;
let h: Harness;
let server: Server;
let base: string;
let metrics: PromMetrics;

const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function push(body: string, headers: Record<string, string>) {
  return fetch(`${base}/webhook/github`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', ...headers },
    body,
  });
}

async function schedules(): Promise<string[]> {
  const out = await rawClients().scheduler.send(new ListSchedulesCommand({ GroupName: GROUP }));
  return (out.Schedules ?? []).map((s) => s.Name ?? '').sort();
}

beforeEach(async () => {
  await resetEmulator();
  const ports = emulatorPorts();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  };
  remote = await GitRemote.create();
  receiver = await AlertReceiver.start();
  await remote.commit({ 'berth.yaml': configYaml(network), 'jobs/a.yaml': jobYaml('a') });
  metrics = new PromMetrics({ defaultMetrics: false });
  h = await makeController({ remote, ports, receiver, metrics });
  server = createHttpServer({
    controller: h.controller,
    registry: metrics.registry,
    webhook: { secret: SECRET, insecure: false, maxBodyBytes: 64 * 1024, branch: 'main' },
    log: silentLogger(),
  });
  const addr = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${addr.port}`;
  await h.controller.trigger('startup');
});

afterEach(async () => {
  await h.controller.stop();
  await closeServer(server);
  await h.dispatcher.close(1_000);
  await rm(h.workdir, { recursive: true, force: true });
  await receiver.close();
  await remote.dispose();
});

describe('GitHub webhook', () => {
  it('a signed push to the branch reconciles the new commit immediately', async () => {
    expect(await schedules()).toEqual(['ctl-a']);
    const sha = await remote.commit({ 'jobs/b.yaml': jobYaml('b') });
    const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
    const res = await push(body, { 'x-hub-signature-256': sign(body), 'x-github-delivery': 'd-1' });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: true, after: sha });
    await h.controller.idle();
    expect(await schedules()).toEqual(['ctl-a', 'ctl-b']);
    expect(h.controller.status()).toMatchObject({ revision: sha, reconciledRevision: sha, ready: true });

    const status = await (await fetch(`${base}/api/status`)).json();
    expect(status).toMatchObject({ kind: 'berth.status', reconciledRevision: sha });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/berth_reconcile_total\{outcome="synced"\} 2/);
    expect(text).toMatch(/berth_aws_calls_total\{operation="ecs:RegisterTaskDefinition"\} 2/);
    expect(text).toMatch(/berth_jobs\{status="InSync"\} 2/);
  });

  it('refuses unsigned and badly signed pushes with 401 and starts no cycle', async () => {
    const sha = await remote.commit({ 'jobs/b.yaml': jobYaml('b') });
    const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
    const cycles = h.controller.status().cycles;

    expect((await push(body, {})).status).toBe(401);
    expect((await push(body, { 'x-hub-signature-256': sign(body, 'wrong-secret') })).status).toBe(401);
    expect((await push(body, { 'x-hub-signature-256': 'sha256=abc' })).status).toBe(401);
    // A signature over another body does not carry over.
    expect((await push(body, { 'x-hub-signature-256': sign(body + ' ') })).status).toBe(401);

    await h.controller.idle();
    expect(h.controller.status().cycles).toBe(cycles);
    expect(await schedules()).toEqual(['ctl-a']);
  });

  it('acknowledges other branches and events without a cycle', async () => {
    const cycles = h.controller.status().cycles;
    const other = JSON.stringify({ ref: 'refs/heads/feature', after: 'x' });
    expect((await push(other, { 'x-hub-signature-256': sign(other) })).status).toBe(204);
    const ping = JSON.stringify({ zen: 'hi' });
    const res = await fetch(`${base}/webhook/github`, {
      method: 'POST',
      headers: { 'x-github-event': 'ping', 'x-hub-signature-256': sign(ping) },
      body: ping,
    });
    expect(res.status).toBe(204);
    await h.controller.idle();
    expect(h.controller.status().cycles).toBe(cycles);
  });
});
