// The HTTP server of a controller of several environments: ?env=NAME answers as a controller
// of one; without it an index of every environment; a push reaches the fleet once.
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

let server: Server;
let base: string;
let pushes: (string | undefined)[];
const views = new Map<string, ControllerView & { ready: boolean }>();

function viewOf(env: string, account: string): ControllerView & { ready: boolean } {
  const memory = new ControllerMemory();
  return {
    ready: false,
    status: () => ({ ...memory.status('repo#main'), environment: env, account }),
    driftReport: () => driftReport([], { now: new Date('2026-01-01T00:00:00Z'), owner: `etl-${env}` }),
    trigger: async () => {
      throw new Error('a push goes through the fleet');
    },
  };
}

beforeEach(async () => {
  pushes = [];
  views.set('dev', viewOf('dev', '111111111111'));
  views.set('prod', viewOf('prod', '222222222222'));
  server = createHttpServer({
    fleet: {
      environments: new Map([...views].map(([name, controller]) => [name, { controller }])),
      trigger: async (_kind, detail) => void pushes.push(detail),
    },
    registry: new PromMetrics({ defaultMetrics: false }).registry,
    webhook: { secret: undefined, insecure: true, maxBodyBytes: 4096, branch: 'main' },
    log: silentLogger(),
  });
  base = `http://127.0.0.1:${(await listen(server, 0, '127.0.0.1')).port}`;
});

afterEach(async () => {
  await closeServer(server);
});

const get = async (p: string) => {
  const res = await fetch(`${base}${p}`);
  return { status: res.status, text: await res.text() };
};

describe('HTTP endpoints of several environments', () => {
  it('/api/status: an index without ?env, one environment with it, 404 naming the known ones', async () => {
    views.get('prod')!.ready = true;
    const index = JSON.parse((await get('/api/status')).text);
    expect(index).toMatchObject({
      kind: 'berth.status-index',
      environments: [
        { environment: 'dev', account: '111111111111', outcome: null },
        { environment: 'prod', account: '222222222222' },
      ],
    });
    expect(JSON.parse((await get('/api/status?env=prod')).text)).toMatchObject({
      kind: 'berth.status',
      environment: 'prod',
    });
    const unknown = await get('/api/status?env=qa');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({ error: 'no environment "qa"', environments: ['dev', 'prod'] });
  });

  it('/readyz: ready while any environment is; ?env for one', async () => {
    expect((await get('/readyz')).status).toBe(503);
    views.get('prod')!.ready = true;
    const all = await get('/readyz');
    expect(all.status).toBe(200);
    expect(JSON.parse(all.text)).toMatchObject({ ready: true, environments: { dev: { ready: false } } });
    expect((await get('/readyz?env=dev')).status).toBe(503);
    expect((await get('/readyz?env=prod')).status).toBe(200);
  });

  it('/api/drift: one section per environment, or one environment', async () => {
    const text = (await get('/api/drift?format=markdown')).text;
    expect(text).toContain('## environment dev');
    expect(text).toContain('## environment prod');
    expect(JSON.parse((await get('/api/drift')).text)).toMatchObject({
      kind: 'berth.drift-index',
      environments: { dev: { drifted: 0 }, prod: { drifted: 0 } },
    });
    expect(JSON.parse((await get('/api/drift?env=dev')).text)).toMatchObject({
      kind: 'berth.drift',
      drifted: 0,
    });
    expect((await get('/api/drift?format=yaml')).status).toBe(400);
  });

  it('a push is handed to the fleet (which fetches once and cycles every environment)', async () => {
    const res = await fetch(`${base}/webhook/github`, {
      method: 'POST',
      headers: { 'x-github-event': 'push', 'content-type': 'application/json' },
      body: JSON.stringify({ ref: 'refs/heads/main', after: 'abc123' }),
    });
    expect(res.status).toBeLessThan(300);
    expect(pushes).toHaveLength(1);
  });

  it('the status page lists the environments and shows one on request', async () => {
    const index = await get('/');
    expect(index.text).toContain('href="/?env=dev"');
    expect(index.text).toContain('2 environments');
    const one = await get('/?env=prod');
    expect(one.text).toContain('/api/status?env=prod');
    expect(one.text).toContain('All environments');
  });
});
