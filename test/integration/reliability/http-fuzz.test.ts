// The controller's HTTP server under fuzzing: the built `berth controller` runs as a process and
// gets generated requests (request targets, methods, headers, bodies) over raw sockets, bytes as
// generated, no client library in between (curl --path-as-is style). Every request must be
// answered with a status below 500 or refused by closing the connection; the process must stay
// up, its top-level guard must never fire, and /healthz must answer 200 afterwards.
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, createSecurityGroup, defaultSubnets } from '../../support/aws.js';
import { startBerth, type RunningCli } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

const SEED = 20260814;
const RUNS = 1_000;

let repo: TestRepo;
let ctl: RunningCli;
let port = 0;
let stdout = '';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

/** Writes the bytes, half-closes, and returns the status code (0: closed without an answer). */
function exchange(bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(got)?.[1] ?? 0));
    };
    const timer = setTimeout(finish, 3_000);
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
      if (got.includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.end(bytes);
  });
}

const PATHS = ['/healthz', '/readyz', '/metrics', '/api/status', '/api/drift', '/webhook/github', '/'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'PROPFIND', 'CONNECT', 'TRACE'];

/** Request targets: real routes with hostile suffixes, and arbitrary strings and bytes. */
const target = fc.oneof(
  fc.constantFrom(...PATHS),
  fc.constantFrom(
    '//[',
    '/%',
    '//[::1',
    'http://[',
    '*',
    '/..%2f..%2fetc/passwd',
    '/api/drift?format=__proto__',
  ),
  fc.tuple(fc.constantFrom(...PATHS), fc.string({ maxLength: 40 })).map(([p, s]) => p + s),
  fc
    .tuple(fc.constantFrom(...PATHS), fc.constantFrom('?format=', '?', '#', '%', '/', '//'))
    .map(([p, s]) => p + s),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 2_000 }).map((s) => `/${s}`),
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...METHODS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
);

/** Header names as HTTP allows them (a token), and sometimes anything at all. */
const headerName = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,24}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
);

const header = fc.oneof(
  fc.tuple(headerName, fc.oneof(fc.string({ maxLength: 200 }), fc.stringMatching(/^[ -~]{0,80}$/))),
  fc.tuple(
    fc.constantFrom(
      'content-length',
      'transfer-encoding',
      'content-type',
      'x-github-event',
      'x-github-delivery',
      'x-hub-signature-256',
      'host',
      'connection',
      'expect',
    ),
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('-1', '99999999999999999999', 'chunked', 'push', '100-continue'),
    ),
  ),
);

const request = fc.record({
  method,
  target,
  version: fc.oneof(
    { weight: 8, arbitrary: fc.constant('HTTP/1.1') },
    { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', '') },
  ),
  // HTTP/1.1 requires Host: without it everything would be an early 400.
  host: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  headers: fc.array(header, { maxLength: 6 }),
  body: fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 300 }),
    fc.constant('{"ref":"refs/heads/main","after":"x"}'),
  ),
});

beforeAll(async () => {
  await resetEmulator();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
  repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
  port = await freePort();
  ctl = startBerth(
    [
      'controller',
      '-C',
      repo.dir,
      '--listen',
      `127.0.0.1:${port}`,
      '--interval',
      '1h',
      '--resync',
      '1h',
      '--no-lock',
    ],
    { ...emulatorEnv(), BERTH_WEBHOOK_SECRET: 'fuzz-secret-value' },
  );
  ctl.child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  const end = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > end) throw new Error(`controller did not start:\n${stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  ctl?.child.kill('SIGTERM');
  await ctl?.done;
  await repo?.dispose();
});

describe('controller HTTP server under fuzzing (live process)', () => {
  it('answers every generated request below 500 and keeps serving', async () => {
    const statuses = new Map<number, number>();
    let exited = false;
    void ctl.done.then(() => (exited = true));
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const head = [`${r.method} ${r.target} ${r.version}`.trimEnd()];
        if (r.host) head.push('Host: 127.0.0.1');
        for (const [k, v] of r.headers) head.push(`${k}: ${v}`);
        const bytes = Buffer.from(`${head.join('\r\n')}\r\n\r\n${r.body}`, 'latin1');
        const status = await exchange(bytes);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(exited, 'the controller process exited').toBe(false);
        expect(status, 'a 5xx answer').toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The ones the generator made well-formed were answered; the rest were refused with a close.
    expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const caught = stdout.split('\n').filter((l) => l.includes('caught at the top level')).length;
    const failed = stdout.split('\n').filter((l) => l.includes('"request failed"')).length;
    console.log(
      `[figures] http-fuzz: ${RUNS} requests (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `answers ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))} (0 = closed); ` +
        `crashes 0, 5xx 0, top-level catches ${caught}, handler failures ${failed}`,
    );
    expect(caught).toBe(0);
    expect(failed).toBe(0);
  });
});
