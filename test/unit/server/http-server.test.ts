import { createHmac } from 'node:crypto';
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

const SECRET = 'hook-secret';
let server: Server;
let base: string;
let triggers: (string | undefined)[];
let view: ControllerView & { ready: boolean };
let metrics: PromMetrics;

async function start(webhook: { secret?: string; insecure?: boolean; maxBodyBytes?: number } = {}) {
  server = createHttpServer({
    controller: view,
    registry: metrics.registry,
    webhook: { secret: SECRET, insecure: false, maxBodyBytes: 1024, branch: 'main', ...webhook },
    log: silentLogger(),
  });
  base = `http://127.0.0.1:${(await listen(server, 0, '127.0.0.1')).port}`;
}

beforeEach(() => {
  triggers = [];
  const memory = new ControllerMemory();
  metrics = new PromMetrics();
  view = {
    ready: false,
    status: () => memory.status('https://***@git.example.com/jobs.git#main'),
    driftReport: () => driftReport([], { now: new Date('2026-01-01T00:00:00Z'), owner: 'etl' }),
    trigger: async (_kind, detail) => void triggers.push(detail),
  };
});

afterEach(async () => {
  await closeServer(server);
});

const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/webhook/github`, {
    method: 'POST',
    headers: { 'x-github-event': 'push', ...headers },
    body,
  });

describe('HTTP endpoints', () => {
  it('/healthz is alive; /readyz follows the first successful cycle', async () => {
    await start();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    view.ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('/metrics exposes process metrics and berth metrics in Prometheus text format', async () => {
    await start();
    metrics.cycle('synced', 1.5);
    metrics.awsCalls({ 'ecs:RegisterTaskDefinition': 2 });
    metrics.gitFetch('unchanged');
    metrics.alertDelivery('slack', 'failed');
    metrics.jobs({ InSync: 3, Drifted: 1 }, 1);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const line of [
      'berth_reconcile_total{outcome="synced"} 1',
      'berth_reconcile_duration_seconds_count{outcome="synced"} 1',
      'berth_aws_calls_total{operation="ecs:RegisterTaskDefinition"} 2',
      'berth_git_fetches_total{outcome="unchanged"} 1',
      'berth_alert_deliveries_total{notifier="slack",result="failed"} 1',
      'berth_jobs{status="Drifted"} 1',
      'berth_drifted_jobs 1',
    ])
      expect(text).toContain(line);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    // Statuses no job has are 0, not missing.
    expect(text).toContain('berth_jobs{status="Conflict"} 0');
  });

  it('/metrics has per-job series that go to 0 on a status change and leave with the job, and build info', async () => {
    metrics = new PromMetrics({ defaultMetrics: false, build: { version: '1.2.3', node: '22.1.0' } });
    await start();
    const scrape = async () => (await (await fetch(`${base}/metrics`)).text()).split('\n');
    metrics.jobStates([
      { job: 'a', status: 'InSync', inSync: true, revision: 'p-a:1' },
      { job: 'b', status: 'Drifted', inSync: false, revision: 'p-b:4' },
    ]);
    let lines = await scrape();
    expect(lines).toContain('berth_build_info{version="1.2.3",node="22.1.0"} 1');
    expect(lines).toContain('berth_job_info{job="a",status="InSync",revision="p-a:1"} 1');
    expect(lines).toContain('berth_job_synced{job="b"} 0');

    // b is healed: its Drifted series drops to 0 instead of vanishing; a moves to a new revision.
    metrics.jobStates([
      { job: 'a', status: 'InSync', inSync: true, revision: 'p-a:2' },
      { job: 'b', status: 'InSync', inSync: true, revision: 'p-b:4' },
    ]);
    lines = await scrape();
    expect(lines).toContain('berth_job_info{job="b",status="Drifted",revision="p-b:4"} 0');
    expect(lines).toContain('berth_job_info{job="b",status="InSync",revision="p-b:4"} 1');
    expect(lines).toContain('berth_job_synced{job="b"} 1');
    expect(lines).toContain('berth_job_info{job="a",status="InSync",revision="p-a:2"} 1');
    expect(lines).toContain('berth_job_info{job="a",status="InSync",revision="p-a:1"} 0');

    // a moves on again: the revision before the previous one is removed (bounded series).
    metrics.jobStates([
      { job: 'a', status: 'OutOfSync', inSync: false, revision: 'p-a:3' },
      { job: 'b', status: 'InSync', inSync: true, revision: 'p-b:4' },
    ]);
    lines = await scrape();
    expect(lines.filter((l) => l.startsWith('berth_job_info{job="a"'))).toEqual([
      'berth_job_info{job="a",status="InSync",revision="p-a:2"} 0',
      'berth_job_info{job="a",status="OutOfSync",revision="p-a:3"} 1',
    ]);

    // b leaves git: all of its series go.
    metrics.jobStates([{ job: 'a', status: 'InSync', inSync: true, revision: 'p-a:3' }]);
    lines = await scrape();
    expect(lines.filter((l) => l.includes('job="b"'))).toEqual([]);
    expect(lines).toContain('berth_job_synced{job="a"} 1');
  });

  it('counts out-of-sync and degraded cycles as successes, but only synced ones as synced', async () => {
    let t = 1_000_000;
    metrics = new PromMetrics({ defaultMetrics: false, now: () => t });
    await start();
    metrics.cycle('synced', 1);
    t += 60_000;
    metrics.cycle('degraded', 1);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('berth_last_success_timestamp_seconds 1060');
    expect(text).toContain('berth_last_synced_timestamp_seconds 1000');
    expect(text).toContain('berth_reconcile_total{outcome="degraded"} 1');
  });

  it('/api/status and /api/drift answer JSON; drift also as text and Markdown', async () => {
    await start();
    expect(await (await fetch(`${base}/api/status`)).json()).toMatchObject({
      kind: 'berth.status',
      ready: false,
      source: 'https://***@git.example.com/jobs.git#main',
    });
    expect(await (await fetch(`${base}/api/drift`)).json()).toMatchObject({
      kind: 'berth.drift',
      drifted: 0,
    });
    expect(await (await fetch(`${base}/api/drift?format=text`)).text()).toContain('No drift');
    expect((await fetch(`${base}/api/drift?format=yaml`)).status).toBe(400);
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    await start();
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const res = await fetch(`${base}/webhook/github`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('POST /webhook/github', () => {
  it('triggers a cycle for a signed push to the watched branch (202)', async () => {
    await start();
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc123' });
    const res = await post(body, { 'x-hub-signature-256': sign(body) });
    expect(res.status).toBe(202);
    expect(triggers).toEqual(['abc123']);
  });

  it('accepts the form-encoded payload GitHub can send', async () => {
    await start();
    const body = new URLSearchParams({
      payload: JSON.stringify({ ref: 'refs/heads/main', after: 'f00' }),
    }).toString();
    const res = await post(body, {
      'x-hub-signature-256': sign(body),
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(202);
    expect(triggers).toEqual(['f00']);
  });

  it('refuses missing or wrong signatures with 401', async () => {
    await start();
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc' });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, { 'x-hub-signature-256': sign('other') })).status).toBe(401);
    expect(triggers).toEqual([]);
  });

  it('refuses everything when no secret is configured, unless explicitly insecure', async () => {
    await start({ secret: undefined });
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc' });
    const res = await post(body);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'webhook secret not configured' });
    await closeServer(server);
    await start({ secret: undefined, insecure: true });
    expect((await post(body)).status).toBe(202);
    expect(triggers).toEqual(['abc']);
  });

  it('caps the body size (413) before verifying', async () => {
    await start({ maxBodyBytes: 100 });
    const body = JSON.stringify({ ref: 'refs/heads/main', pad: 'x'.repeat(500) });
    const res = await post(body, { 'x-hub-signature-256': sign(body) });
    expect(res.status).toBe(413);
    expect(triggers).toEqual([]);
  });

  it('acknowledges other events and branches (204) and ignores them; rejects garbage (400)', async () => {
    await start();
    const other = JSON.stringify({ ref: 'refs/heads/dev', after: 'x' });
    expect((await post(other, { 'x-hub-signature-256': sign(other) })).status).toBe(204);
    const issue = JSON.stringify({ action: 'opened' });
    expect(
      (await post(issue, { 'x-hub-signature-256': sign(issue), 'x-github-event': 'issues' })).status,
    ).toBe(204);
    expect((await post('not json', { 'x-hub-signature-256': sign('not json') })).status).toBe(400);
    expect(triggers).toEqual([]);
  });
});
