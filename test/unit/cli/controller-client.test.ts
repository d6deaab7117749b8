// `berth drift --from`: only http(s), credentials never echoed, the answer capped in size and
// time, and a hostile answer refused instead of crashing the renderers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftRequest, fetchDriftReport } from '../../../src/cli/controller-client.js';
import { driftReport } from '../../../src/controller/drift-report.js';
import { ControllerMemory } from '../../../src/controller/status.js';
import { silentLogger } from '../../../src/log/logger.js';
import { BerthError } from '../../../src/model/errors.js';
import {
  closeServer,
  createHttpServer,
  listen,
  type ControllerView,
} from '../../../src/server/http-server.js';
import { PromMetrics } from '../../../src/server/metrics.js';

let server: Server;
let base: string;
let seen: IncomingHttpHeaders | undefined;
let streamed = 0;

const REPORT = {
  kind: 'berth.drift',
  formatVersion: 1,
  generatedAt: '2026-01-01T00:00:00.000Z',
  owner: 'o',
  scheduleGroup: 'g',
  revision: null,
  drifted: 0,
  jobs: [],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen = req.headers;
    if (req.url === '/stream/api/drift') {
      // An endless body: the client must stop reading at its cap.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (streamed < 512 * 1024 * 1024 && res.write(chunk)) streamed += chunk.length;
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      pump();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/hostile/api/drift') res.end(JSON.stringify({ ...REPORT, jobs: [{ job: 'a' }] }));
    else if (req.url === '/other/api/drift') res.end('{"kind":"something else"}');
    else res.end(JSON.stringify(REPORT));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('drift --from', () => {
  it('refuses what is not an http(s) URL, without echoing credentials', () => {
    expect(() => driftRequest('not a url')).toThrow(/^--from "not a url" is not a URL$/);
    expect(() => driftRequest('file:///etc/passwd')).toThrow(
      /is not an http\(s\) URL \(file: is not supported\)/,
    );
    expect(() => driftRequest('ftp://u:hunter2@h/')).toThrow(/"ftp:\/\/\*\*\*@h\/"/);
    try {
      driftRequest('gopher://admin:hunter2@h/');
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });

  it('sends user:password@ as a Basic authorization header, never in the URL', () => {
    const { url, headers } = driftRequest('http://admin:p%40ss@controller:8080/base');
    expect(url.href).toBe('http://controller:8080/base/api/drift');
    expect(driftRequest('https://c.example/?q=1#x').url.href).toBe('https://c.example/api/drift');
    expect(headers.authorization).toBe(`Basic ${Buffer.from('admin:p@ss').toString('base64')}`);
  });

  it('reads a report, with the credentials in the header, and keeps them out of errors', async () => {
    const withCreds = base.replace('http://', 'http://admin:hunter2@');
    expect(await fetchDriftReport(withCreds)).toMatchObject({ kind: 'berth.drift', drifted: 0 });
    expect(seen?.authorization).toBe(`Basic ${Buffer.from('admin:hunter2').toString('base64')}`);
    const closed = 'http://admin:hunter2@127.0.0.1:1';
    const err = await fetchDriftReport(closed).catch((e: unknown) => e);
    expect(String(err)).toMatch(/could not read drift from http:\/\/127\.0\.0\.1:1/);
    expect(String(err)).not.toContain('hunter2');
  });

  it('stops reading an endless answer at the cap, in bounded memory', async () => {
    const before = process.memoryUsage().rss;
    const err = await fetchDriftReport(`${base}/stream`, { maxBytes: 4 * 1024 * 1024 }).catch(
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/the answer is larger than 4 MiB: not a drift report/);
    expect(streamed).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an answer that is not a drift report of the expected shape', async () => {
    for (const p of ['hostile', 'other'])
      await expect(fetchDriftReport(`${base}/${p}`)).rejects.toThrow(
        new RegExp(`${p}/api/drift did not answer with a berth drift report`),
      );
  });
});

// The real HTTP server of a controller: one of two environments (dev, prod), and one of one.
describe('drift --from a controller of several environments', () => {
  let fleet: Server;
  let single: Server;
  let fleetBase: string;
  let singleBase: string;
  const view = (owner: string): ControllerView => ({
    ready: true,
    status: () => new ControllerMemory().status('repo#main'),
    driftReport: () => driftReport([], { now: new Date('2026-01-01T00:00:00Z'), owner }),
    trigger: async () => undefined,
  });
  const common = {
    registry: new PromMetrics({ defaultMetrics: false }).registry,
    webhook: { secret: undefined, insecure: true, maxBodyBytes: 4096, branch: 'main' },
    log: silentLogger(),
  };

  beforeAll(async () => {
    fleet = createHttpServer({
      ...common,
      fleet: {
        environments: new Map([
          ['dev', { controller: view('etl-dev') }],
          ['prod', { controller: view('etl-prod') }],
        ]),
        trigger: async () => undefined,
      },
    });
    single = createHttpServer({ ...common, controller: view('etl-one') });
    fleetBase = `http://127.0.0.1:${(await listen(fleet, 0, '127.0.0.1')).port}`;
    singleBase = `http://127.0.0.1:${(await listen(single, 0, '127.0.0.1')).port}`;
  });

  afterAll(async () => {
    await closeServer(fleet);
    await closeServer(single);
  });

  it('asks for the environment chosen with --env as ?env=', async () => {
    expect(driftRequest('https://c.example/base?q=1', 'prod').url.href).toBe(
      'https://c.example/base/api/drift?env=prod',
    );
    expect(await fetchDriftReport(fleetBase, { env: 'prod' })).toMatchObject({ owner: 'etl-prod' });
    expect(await fetchDriftReport(fleetBase, { env: 'dev' })).toMatchObject({ owner: 'etl-dev' });
  });

  it('without --env, says in one line which environments there are', async () => {
    const err = await fetchDriftReport(fleetBase).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as Error).message).toBe('the controller reconciles dev, prod: pass --env NAME');
  });

  it('an environment the controller does not reconcile is named, with the ones it does', async () => {
    const err = await fetchDriftReport(fleetBase, { env: 'qa' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'the controller has no environment "qa"; it reconciles dev, prod: pass --env NAME',
    );
  });

  it('a controller of one environment ignores ?env', async () => {
    expect(await fetchDriftReport(singleBase, { env: 'prod' })).toMatchObject({ owner: 'etl-one' });
    expect(await fetchDriftReport(singleBase)).toMatchObject({ owner: 'etl-one' });
  });
});
