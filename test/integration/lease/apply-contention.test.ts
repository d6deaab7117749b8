// `berth apply` under the DynamoDB lease, as built CLI processes against the emulator: two
// concurrent applies (one fails at once naming the holder, or waits with --lock-timeout), a
// missing table, and the warning without a lock. A counting proxy holds the first apply inside
// its AWS calls so the two really overlap. Needs `npm run build` first.
import { describe, expect, it } from 'vitest';
import { runBerth } from '../../support/berth-cli.js';
import { emulatorEndpoint, emulatorEnv } from '../../support/emulator.js';
import { startCountingProxy } from '../../support/counting-proxy.js';
import { jobYaml, type TestRepo } from '../../support/repo.js';
import {
  envVia,
  gate,
  KEY,
  lockedRepo,
  stderrOf,
  TABLE,
  testLeasePort,
  until,
  useApplyHarness,
  untilChild,
} from './support.js';

const h = useApplyHarness('lease contention');
let repo: TestRepo;

const APPLY = ['apply', '--auto-approve', '--no-cache'];

describe('berth apply: two writers, one lease', () => {
  it('two concurrent applies: one proceeds, the other fails at once naming the holder', async () => {
    repo = h.use(await lockedRepo(3));
    expect((await runBerth(['-C', repo.dir, 'lock', 'init'], envVia())).stdout).toContain(
      `Created lock table ${TABLE} in us-east-1`,
    );
    const held = gate();
    h.proxy.setHook(async (_n, op) => {
      if (op === 'ecs:RegisterTaskDefinition') await held.wait;
      return 'pass' as const;
    });
    const first = h.start(APPLY, envVia(h.proxy.url));
    await untilChild(
      first,
      () => h.proxy.counts()['ecs:RegisterTaskDefinition'],
      'the first apply to start writing',
    );

    // The second one goes through its own proxy: it must not make a single ECS or Scheduler call.
    const second = await startCountingProxy(emulatorEndpoint());
    const refused = await runBerth(['-C', repo.dir, ...APPLY], {
      ...emulatorEnv(),
      AWS_ENDPOINT_URL: second.url,
    });
    const calls = second.counts();
    await second.close();
    expect(refused.code).toBe(1);
    const pid = first.child.pid!;
    expect(refused.stderr).toMatch(
      new RegExp(
        `berth: lease ${KEY} is held by apply on \\S+ \\(pid ${pid}, holder \\S+:${pid}:[0-9a-f]{8}\\) ` +
          `since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, expires in \\d+s unless renewed; nothing was changed`,
      ),
    );
    expect(refused.stderr).toMatch(/hint: retry when it is done, or wait for it with --lock-timeout/);
    expect(Object.keys(calls)).toEqual(['dynamodb:PutItem']);

    held.open();
    const done = await first.done;
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Apply complete: 3 applied');
    const status = await runBerth(['-C', repo.dir, 'lock', 'status'], envVia());
    expect(status.stdout).toBe(`Lease ${KEY} (table ${TABLE}): free\n`);
  });

  it('--lock-timeout: the second apply waits for the first, then finds nothing left to do', async () => {
    repo = h.use(await lockedRepo(3));
    await testLeasePort().createTable();
    const held = gate();
    h.proxy.setHook(async (_n, op) => {
      if (op === 'ecs:RegisterTaskDefinition') await held.wait;
      return 'pass' as const;
    });
    const first = h.start(APPLY, envVia(h.proxy.url));
    await untilChild(
      first,
      () => h.proxy.counts()['ecs:RegisterTaskDefinition'],
      'the first apply to start writing',
    );
    const second = h.start([...APPLY, '--lock-timeout', '60s'], envVia());
    const err = stderrOf(second);
    await until(() => err.text().includes('waiting up to 60s for lease'), 30_000, 'the second to wait');
    const waitStarted = Date.now();
    held.open();

    expect((await first.done).code).toBe(0);
    const after = await second.done;
    h.figures.waitAfterReleaseMs = Date.now() - waitStarted;
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(new RegExp(`held by apply on \\S+ \\(pid ${first.child.pid}`));
    expect(after.stdout).toMatch(/No changes: AWS matches git\b/);
  });

  it('a missing table is a clear error with the fix; lock init is idempotent', async () => {
    repo = h.use(await lockedRepo(1));
    const missing = await runBerth(['-C', repo.dir, ...APPLY], envVia());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`berth: lock table "${TABLE}" does not exist in us-east-1`);
    expect(missing.stderr).toMatch(/hint: create it with `berth lock init`/);
    expect((await runBerth(['-C', repo.dir, 'lock', 'init'], envVia())).stdout).toMatch(/^Created/);
    expect((await runBerth(['-C', repo.dir, 'lock', 'init'], envVia())).stdout).toBe(
      `Lock table ${TABLE} already exists in us-east-1.\n`,
    );
    // A dry run writes nothing and takes no lease, so it works without the table too.
    const dry = await runBerth(
      ['-C', repo.dir, 'apply', '--dry-run', '--lock-table', 'no-such-table'],
      envVia(),
    );
    expect(dry.code).toBe(0);
  });

  it('without a lock: one warning on stderr, clean JSON on stdout; --no-lock is silent', async () => {
    repo = h.use(await lockedRepo(2, { lock: false }));
    const warned = await runBerth(['-C', repo.dir, ...APPLY, '-o', 'json'], envVia());
    expect(warned.code).toBe(0);
    expect(warned.stderr.match(/warning: no lock configured/g)).toHaveLength(1);
    // It says what to do: set up a lease, or silence it when alone.
    expect(warned.stderr).toContain('hint: set spec.lock.table in berth.yaml');
    expect(warned.stderr).toContain('--no-lock silences this');
    expect(JSON.parse(warned.stdout)).toMatchObject({ kind: 'berth.apply', ok: true });
    await repo.write('jobs/job-00.yaml', jobYaml('job-00', { image: '1.37' }));
    const silent = await runBerth(['-C', repo.dir, ...APPLY, '--no-lock'], envVia());
    expect(silent.code).toBe(0);
    expect(silent.stderr).not.toContain('warning');
    // BERTH_LOCK_TABLE alone switches the lease on for a repository without spec.lock.
    const viaEnv = await runBerth(['-C', repo.dir, ...APPLY], { ...envVia(), BERTH_LOCK_TABLE: 'env-locks' });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.stderr).toContain('lock table "env-locks" does not exist');
  });
});
