// The controller's HTTP server against what a hostile or broken client sends: every request
// gets an answer (4xx for bad ones) and the server keeps serving; the body timeout holds at the
// configured time; a redelivered webhook starts no second cycle.
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { driftReport } from '../../../src/controller/drift-report.js';
import { ControllerMemory } from '../../../src/controller/status.js';
import { silentLogger } from '../../../src/log/logger.js';
import {
  closeServer,
  createHttpServer,
  listen,
  type ControllerView,
} from '../../../src/server/http-server.js';
import { PromMetrics } from '../../../src/server/metrics.js';

const SECRET = 'hook-secret';
let server: Server | undefined;
let port = 0;
let triggers: (string | undefined)[] = [];

async function start(opts: { requestTimeoutMs?: number; headersTimeoutMs?: number } = {}): Promise<void> {
  triggers = [];
  const memory = new ControllerMemory();
  const view: ControllerView = {
    ready: true,
    status: () => memory.status('local'),
    driftReport: () => driftReport([], { now: new Date('2026-01-01T00:00:00Z') }),
    trigger: async (_kind, detail) => void triggers.push(detail),
  };
  server = createHttpServer({
    controller: view,
    registry: new PromMetrics().registry,
    webhook: { secret: SECRET, insecure: false, maxBodyBytes: 4096, branch: 'main' },
    log: silentLogger(),
    ...opts,
  });
  port = (await listen(server, 0, '127.0.0.1')).port;
}

afterEach(async () => {
  if (server) await closeServer(server);
  server?.closeAllConnections();
  server = undefined;
});

/** Sends raw bytes (no client library fixing them up) and returns the status line, or '' on close. */
function raw(bytes: string | Buffer, waitMs = 2_000): Promise<{ status: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: got.split('\r\n')[0] ?? '', ms: Date.now() - started });
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
      if (got.includes('\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

const healthy = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

describe('hostile requests', () => {
  it('answers an unparseable request target with 400 and keeps serving (GET //[ crashed the process)', async () => {
    await start();
    for (const target of ['//[', '/%', 'http://[', '//[::1', '//a:b@[x]/healthz', '\\\\[']) {
      const r = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(r.status, target).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    expect(await healthy()).toBe(200);
  });

  it('answers odd methods, request lines and headers with a 4xx', async () => {
    await start();
    const cases = [
      'PROPFIND /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /healthz?format=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n'.replace('/healthz', '/nope'),
      'BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n',
      'POST /webhook/github HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'GET /api/drift?format=constructor HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /__proto__ HTTP/1.1\r\nHost: x\r\n\r\n',
      '\u0000\u0001\u0002\r\n\r\n',
    ];
    for (const c of cases) {
      const r = await raw(c);
      expect(r.status, JSON.stringify(c.slice(0, 60))).toMatch(/^HTTP\/1\.[01] 4\d\d /);
    }
    expect(await healthy()).toBe(200);
  });
});

describe('timeouts', () => {
  it('answers a slow body with 408 at the configured time, not at the next 30 s check', async () => {
    await start({ requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
    const started = Date.now();
    const status = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let got = '';
      socket.write(
        'POST /webhook/github HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: push\r\nContent-Length: 1000\r\n\r\n{',
      );
      // One byte every 200 ms: never finishes in time.
      const drip = setInterval(() => socket.writable && socket.write(' '), 200);
      const end = () => {
        clearInterval(drip);
        resolve(got.split('\r\n')[0] ?? '');
      };
      socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
      socket.on('close', end);
      socket.on('error', end);
      setTimeout(() => socket.destroy(), 10_000);
    });
    const ms = Date.now() - started;
    expect(status).toBe('HTTP/1.1 408 Request Timeout');
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3_000);
  });
});

describe('webhook deliveries', () => {
  it('starts one cycle per X-GitHub-Delivery: a redelivery is acknowledged and ignored', async () => {
    await start();
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc123' });
    const sig = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const send = (delivery: string) =>
      fetch(`http://127.0.0.1:${port}/webhook/github`, {
        method: 'POST',
        headers: { 'x-github-event': 'push', 'x-hub-signature-256': sig, 'x-github-delivery': delivery },
        body,
      });
    expect((await send('d-1')).status).toBe(202);
    const again = await send('d-1');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: false, duplicate: true });
    expect((await send('d-2')).status).toBe(202);
    expect(triggers).toEqual(['abc123', 'abc123']);
  });
});
