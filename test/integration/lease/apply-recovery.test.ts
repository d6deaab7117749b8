// A lease holder that dies or loses its lease, as built CLI processes against the emulator:
// SIGKILL leaves the item until it expires (then the next apply takes over and converges); a
// lease removed mid-apply (`berth lock unlock`) stops the apply from starting more jobs.
// Needs `npm run build` first.
import { describe, expect, it } from 'vitest';
import { runBerth } from '../../support/berth-cli.js';
import { emulatorEnv } from '../../support/emulator.js';
import type { TestRepo } from '../../support/repo.js';
import {
  envVia,
  gate,
  KEY,
  lockedRepo,
  stderrOf,
  TABLE,
  testLeasePort,
  TTL_SECONDS,
  until,
  useApplyHarness,
  untilChild,
} from './support.js';

const h = useApplyHarness('lease recovery');
let repo: TestRepo;

const APPLY = ['apply', '--auto-approve', '--no-cache'];

describe('berth apply: a holder that dies or loses the lease', () => {
  it('a holder killed with SIGKILL: its lease blocks until it expires, then the next apply converges', async () => {
    repo = h.use(await lockedRepo(3));
    await testLeasePort().createTable();
    h.proxy.setHook(async (_n, op) =>
      op === 'ecs:RegisterTaskDefinition' ? { delayMs: 60_000, then: 'pass' } : 'pass',
    );
    const victim = h.start(APPLY, envVia(h.proxy.url));
    await untilChild(
      victim,
      () => h.proxy.counts()['ecs:RegisterTaskDefinition'],
      'the victim to start writing',
    );
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.done;

    // The item outlives its holder: nobody renews it, and nobody may take it before it expires.
    const left = await testLeasePort().read(KEY);
    expect(left).toMatchObject({ purpose: 'apply', pid: victim.child.pid, owner: 'test-owner' });
    expect(left!.expiresAt).toBeGreaterThan(killedAt);
    const status = await runBerth(['-C', repo.dir, 'lock', 'status', '-o', 'json'], envVia());
    expect(JSON.parse(status.stdout)).toMatchObject({
      kind: 'berth.lock',
      key: KEY,
      holder: { holder: left!.holder },
    });

    const next = await runBerth(['-C', repo.dir, ...APPLY, '--lock-timeout', '30s'], envVia());
    const finished = Date.now();
    h.figures.takeoverAfterKillMs = finished - killedAt;
    h.figures.takeoverAfterExpiryMs = finished - left!.expiresAt;
    // Not a moment before the dead holder's lease expired, and soon after.
    expect(finished).toBeGreaterThanOrEqual(left!.expiresAt);
    expect(finished - left!.expiresAt).toBeLessThan(15_000);
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Apply complete: 3 applied');
    expect(left!.expiresAt - killedAt).toBeLessThanOrEqual(TTL_SECONDS * 1000);
    const plan = await runBerth(['-C', repo.dir, 'plan', '--no-cache'], envVia());
    expect(plan.stdout).toMatch(/No changes: AWS matches git\b/);
  });

  it('a lease taken away mid-apply (berth lock unlock) stops the apply from starting more jobs', async () => {
    repo = h.use(await lockedRepo(12));
    await testLeasePort().createTable();
    // One job at a time; from the second job on, registrations wait until the test lets them go.
    // All of berth's calls, DynamoDB included, go through the proxy, so the test sees the renewal.
    const held = gate();
    let registrations = 0;
    h.proxy.setHook(async (_n, op) => {
      if (op === 'ecs:RegisterTaskDefinition' && ++registrations > 1) await held.wait;
      return 'pass' as const;
    });
    const victim = h.start([...APPLY, '--concurrency', '1'], {
      ...emulatorEnv(),
      AWS_ENDPOINT_URL: h.proxy.url,
    });
    const err = stderrOf(victim);
    const holder = await untilChild(
      victim,
      () => (err.text().includes('[1/12]') ? /holder (\S+)\)/.exec(err.text())?.[1] : undefined),
      'the first job to finish',
    );
    const status = await runBerth(['-C', repo.dir, 'lock', 'status'], envVia());
    expect(status.stdout).toMatch(
      new RegExp(
        `^Lease ${KEY} \\(table ${TABLE}\\): apply on \\S+ \\(pid ${victim.child.pid}, holder ${holder}\\) since .*, expires in \\d+s unless renewed\n$`,
      ),
    );
    const unlock = await runBerth(['-C', repo.dir, 'lock', 'unlock', holder], envVia());
    expect(unlock.stdout).toBe(`Lease ${KEY} released (it was held by ${holder}).\n`);
    const unlockedAt = Date.now();
    // The next renewal finds the item gone; then let the job in flight finish.
    const renewals = h.proxy.counts()['dynamodb:UpdateItem'] ?? 0;
    await until(() => (h.proxy.counts()['dynamodb:UpdateItem'] ?? 0) > renewals, 60_000, 'a renewal');
    await new Promise((r) => setTimeout(r, 1_000));
    held.open();

    const done = await victim.done;
    expect(done.code).toBe(1);
    const lost = new RegExp(
      `berth: lost the lease ${KEY}: it was taken over or removed .*; berth stopped starting jobs \\((\\d+) not applied\\)`,
    ).exec(done.stderr);
    expect(lost, done.stderr).not.toBeNull();
    const skipped = Number(lost![1]);
    // Job 1 done, job 2 in flight when the lease went: the other ten never started.
    expect(skipped).toBeGreaterThanOrEqual(9);
    expect(done.stdout).toMatch(/Interrupted: jobs not started are listed as skipped/);
    h.figures.jobsSkippedAfterLoss = skipped;
    h.figures.lossNoticedWithinMs = Date.now() - unlockedAt;

    // Nothing half-done: a new apply finishes exactly the skipped jobs.
    h.proxy.setHook(undefined);
    const again = await runBerth(['-C', repo.dir, ...APPLY], envVia());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Apply complete: ${skipped} applied`);
  });
});
