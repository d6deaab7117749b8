// Shared by the lease tests: a repository with spec.lock, the lock table on the emulator's
// DynamoDB, and helpers to watch a running berth's output.
import { createLeasePort } from '../../../src/aws/lease-port.js';
import type { LeasePort } from '../../../src/model/ports.js';
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { BERTH_BIN, startBerth, type RunningCli } from '../../support/berth-cli.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, emulatorEnv, REGION, resetEmulator } from '../../support/emulator.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import { useEmulatorEnv } from '../../support/aws.js';

export const TABLE = 'berth-locks';
export const GROUP = 'berth-lease';
export const KEY = `berth:${REGION}:${GROUP}`;
/** Short enough to keep the tests quick, long enough for a loaded 2-core machine to renew in time. */
export const TTL_SECONDS = 12;

/** Well-formed ids: apply never asks EC2 about them. */
const NETWORK = { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0c3d4e5f60718293a'] };

export function lockedConfig(opts: { lock?: boolean; prefix?: string } = {}): string {
  const lock = opts.lock === false ? '' : `  lock:\n    table: ${TABLE}\n    ttlSeconds: ${TTL_SECONDS}\n`;
  return configYaml({ group: GROUP, prefix: opts.prefix ?? 'ls-', network: NETWORK, extraSpec: lock });
}

export function jobs(n: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => {
      const name = `job-${String(i).padStart(2, '0')}`;
      return [`${name}.yaml`, jobYaml(name)];
    }),
  );
}

export async function lockedRepo(n: number, opts: { lock?: boolean } = {}): Promise<TestRepo> {
  return TestRepo.create(lockedConfig(opts), jobs(n));
}

/** The lease port the tests use to look at (and create) the table, on the emulator. */
export function testLeasePort(): LeasePort {
  useEmulatorEnv();
  return createLeasePort(TABLE, { region: REGION });
}

/** berth pointed at `endpoint` (a proxy) for ECS and Scheduler, at the emulator for DynamoDB. */
export function envVia(endpoint?: string): Record<string, string> {
  const base = emulatorEnv();
  return endpoint
    ? { ...base, AWS_ENDPOINT_URL: endpoint, AWS_ENDPOINT_URL_DYNAMODB: base.AWS_ENDPOINT_URL! }
    : base;
}

/** Everything the child wrote to stderr so far, kept up to date. */
export function stderrOf(run: RunningCli): { text: () => string } {
  let text = '';
  run.child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  return { text: () => text };
}

/** A child's output follows the test's own error when it times out waiting for that child. */
export async function untilChild<T>(
  run: RunningCli,
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 60_000,
): Promise<T> {
  let out = '';
  run.child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  run.child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  return until(probe, ms, what).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; its output:\n${out}`);
  });
}

export async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 30_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve(probe()).catch(() => undefined);
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A gate a proxy hook can wait on. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

export interface ApplyHarness {
  /** The counting proxy in front of the emulator (hook cleared before each test). */
  readonly proxy: CountingProxy;
  /** What the test measured, printed as one [figures] line at the end. */
  readonly figures: Record<string, number | string>;
  /** The repository of the current test: disposed after it. */
  use(repo: TestRepo): TestRepo;
  /** A built berth process in that repository, SIGKILLed after the test if still running. */
  start(args: string[], env: Record<string, string>): RunningCli;
}

/** The hooks every lease CLI test file needs: a fresh emulator and proxy per test, cleanup. */
export function useApplyHarness(label: string): ApplyHarness {
  let proxy: CountingProxy | undefined;
  let repo: TestRepo | undefined;
  const running: RunningCli[] = [];
  const figures: Record<string, number | string> = {};

  beforeAll(async () => {
    expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
    proxy = await startCountingProxy(emulatorEndpoint());
  });
  beforeEach(async () => {
    await resetEmulator();
    proxy!.reset();
    proxy!.setHook(undefined);
  });
  afterEach(async () => {
    for (const r of running.splice(0)) r.child.kill('SIGKILL');
    await repo?.dispose();
    repo = undefined;
  });
  afterAll(async () => {
    await proxy?.close();
    console.log(`[figures] ${label}: ${JSON.stringify(figures)}`);
  });

  return {
    get proxy() {
      return proxy!;
    },
    figures,
    use(r) {
      repo = r;
      return r;
    },
    start(args, env) {
      const run = startBerth(['-C', repo!.dir, ...args], env);
      running.push(run);
      return run;
    },
  };
}
