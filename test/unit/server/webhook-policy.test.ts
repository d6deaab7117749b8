// The webhook's security policy, beyond the signature check itself: a configured secret is
// always enforced (even with --webhook-insecure), a body that streams past the cap without
// announcing its length is cut off with 413, and the start-up log says what the endpoint does.
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { driftReport } from '../../../src/controller/drift-report.js';
import { ControllerMemory } from '../../../src/controller/status.js';
import { silentLogger } from '../../../src/log/logger.js';
import { webhookNotice } from '../../../src/server/github-webhook.js';
import { closeServer, createHttpServer, listen } from '../../../src/server/http-server.js';
import { PromMetrics } from '../../../src/server/metrics.js';

const SECRET = 'hook-secret';
let server: Server | undefined;
let port = 0;
let triggers: (string | undefined)[] = [];

async function start(webhook: { secret?: string; insecure: boolean; maxBodyBytes?: number }) {
  triggers = [];
  const memory = new ControllerMemory();
  server = createHttpServer({
    controller: {
      ready: true,
      status: () => memory.status('local'),
      driftReport: () => driftReport([], { now: new Date(0) }),
      trigger: async (_kind, detail) => void triggers.push(detail),
    },
    registry: new PromMetrics({ defaultMetrics: false }).registry,
    webhook: {
      secret: webhook.secret,
      insecure: webhook.insecure,
      maxBodyBytes: webhook.maxBodyBytes ?? 1024,
      branch: 'main',
    },
    log: silentLogger(),
  });
  port = (await listen(server, 0, '127.0.0.1')).port;
}

afterEach(async () => {
  if (server) await closeServer(server);
  server = undefined;
});

const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const push = (body: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}/webhook/github`, {
    method: 'POST',
    headers: { 'x-github-event': 'push', ...headers },
    body,
  });

describe('webhook policy', () => {
  it('a configured secret is enforced even when --webhook-insecure is also given', async () => {
    await start({ secret: SECRET, insecure: true });
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc' });
    expect((await push(body)).status).toBe(401);
    expect((await push(body, { 'x-hub-signature-256': sign('other') })).status).toBe(401);
    expect(triggers).toEqual([]);
    expect((await push(body, { 'x-hub-signature-256': sign(body) })).status).toBe(202);
    expect(triggers).toEqual(['abc']);
  });

  it('without a secret every delivery is refused, signed or not, with a clear reason', async () => {
    await start({ insecure: false });
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc' });
    for (const headers of [{}, { 'x-hub-signature-256': sign(body) }] as Record<string, string>[]) {
      const res = await push(body, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'webhook secret not configured' });
    }
    expect(triggers).toEqual([]);
  });

  it('a chunked body that grows past the cap (no content-length) is answered 413', async () => {
    await start({ secret: SECRET, insecure: false, maxBodyBytes: 1024 });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/webhook/github',
          headers: { 'x-github-event': 'push', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // 64 KiB in 1 KiB chunks: far past the cap, and never announced up front.
      for (let i = 0; i < 64; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: 'request body over 1024 bytes' });
    expect(triggers).toEqual([]);
  });

  it('says at start-up what the endpoint does', () => {
    expect(webhookNotice({ secret: 's', insecure: false })).toEqual({
      level: 'info',
      message: 'webhook: deliveries must carry a valid X-Hub-Signature-256',
    });
    expect(webhookNotice({ secret: undefined, insecure: false })).toMatchObject({
      level: 'warn',
      message: expect.stringMatching(/^webhook disabled: every delivery is refused \(401\)/),
    });
    expect(webhookNotice({ secret: undefined, insecure: true })).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('UNSIGNED'),
    });
    expect(webhookNotice({ secret: 's', insecure: true })).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('--webhook-insecure ignored'),
    });
  });
});
