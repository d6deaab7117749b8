// `berth controller` as a process: the webhook secret is required unless explicitly waived.
// Without BERTH_WEBHOOK_SECRET the controller starts (git polling needs no webhook), says so
// in its start-up log, and refuses every delivery with 401; a secret set together with
// --webhook-insecure is still enforced.
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BERTH_BIN, startBerth, type RunningCli } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { configYaml, jobYaml } from '../../support/repo.js';

let dir: string;
const running: RunningCli[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Starts a controller on a free port and waits until it answers /healthz. */
async function controller(env: Record<string, string>, args: string[] = []) {
  const port = await freePort();
  const cli = startBerth(['-C', dir, 'controller', '--shutdown-timeout', '5s', ...args], {
    ...emulatorEnv(),
    BERTH_LISTEN: `127.0.0.1:${port}`,
    BERTH_INTERVAL: '1h',
    BERTH_RESYNC: '1h',
    ...env,
  });
  running.push(cli);
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > end) throw new Error('controller did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const push = (body: string, signature?: string) =>
    fetch(`${base}/webhook/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        ...(signature ? { 'x-hub-signature-256': signature } : {}),
      },
      body,
    });
  const stop = async () => {
    cli.child.kill('SIGTERM');
    // (Exit 1 when the stop interrupted the first cycle: not what this test is about.)
    const done = await cli.done;
    return done.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; msg: string; status?: number });
  };
  return { push, stop };
}

const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

beforeEach(async () => {
  expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
  await resetEmulator();
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-hook-'));
  await mkdir(path.join(dir, 'jobs'));
  const network = { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] };
  await writeFile(path.join(dir, 'berth.yaml'), configYaml({ network }));
  await writeFile(path.join(dir, 'jobs', 'a.yaml'), jobYaml('a'));
});

afterEach(async () => {
  for (const r of running.splice(0)) r.child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('webhook secret required unless explicitly disabled', () => {
  it('no secret: starts, warns, refuses every delivery; secret + --webhook-insecure: still enforced', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc' });

    const open = await controller({});
    for (const signature of [undefined, sign('guessed', body)]) {
      const res = await open.push(body, signature);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'webhook secret not configured' });
    }
    const lines = await open.stop();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/^webhook disabled: every delivery is refused \(401\)/),
      }),
    );
    expect(lines.filter((l) => l.msg === 'webhook refused').map((l) => l.status)).toEqual([401, 401]);

    const both = await controller({ BERTH_WEBHOOK_SECRET: 'the-real-secret' }, ['--webhook-insecure']);
    expect((await both.push(body)).status).toBe(401);
    expect((await both.push(body, sign('the-real-secret', body))).status).toBe(202);
    const bothLines = await both.stop();
    expect(bothLines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('--webhook-insecure ignored') }),
    );
  });
});
