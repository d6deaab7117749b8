// Apply under 20% injected faults (throttling, 500/503, resets, slow answers, timeouts; half of
// the non-throttle faults strike after the emulator did the work, so responses of writes are
// lost). Applying again until a plan has nothing left to do must reach exactly the desired
// state: every job once, no duplicate revision, nothing missing, no orphan beyond keepRevisions;
// and a fault-free plan afterwards is a no-op. A failing apply fails with a clear error.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLiveCache } from '../../../src/live/index.js';
import { BerthError } from '../../../src/model/errors.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import { createCluster, createSecurityGroup, defaultSubnets, emulatorPorts } from '../../support/aws.js';
import { BERTH_BIN, runBerth } from '../../support/berth-cli.js';
import { emulatorEndpoint, emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { mixedRates, startFaultInjector, type FaultInjector } from '../../support/fault-injector.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import { inventory, problems, secs } from './emulator-inventory.js';

const SEED = 20_260_801;
const FAULT_RATE = 0.2;
const JOBS = 100;
const PREFIX = 't-';
const GROUP = 'berth-test';
const KEEP = 2;
const MAX_RUNS = 10;
/** No single apply may take longer than this, whatever the faults: failing is fine, hanging is not. */
const APPLY_BOUND_MS = 60_000;

const names = Array.from({ length: JOBS }, (_, i) => `job-${String(i).padStart(3, '0')}`);
const expressions = ['cron(0 3 * * ? *)', 'rate(6 hours)', 'cron(15 */2 * * ? *)', 'rate(1 day)'];

let inj: FaultInjector;
let ports: AwsPorts;
let repo: TestRepo;
// Kept across runs as the CLI's disk cache is: immutable revisions are described once.
const cache = new MemoryLiveCache();

beforeAll(async () => {
  await resetEmulator();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  };
  const jobs = Object.fromEntries(
    names.map((n, i) => [`${n}.yaml`, jobYaml(n, { expression: expressions[i % expressions.length] })]),
  );
  repo = await TestRepo.create(configYaml({ network, keepRevisions: KEEP }), jobs);
  inj = await startFaultInjector(emulatorEndpoint(), {
    seed: SEED,
    rates: mixedRates(FAULT_RATE),
    afterShare: 0.5,
    slowMs: 300,
    holdMs: 5_000,
  });
  // Fewer attempts than berth's default (8) so faults get past the SDK's retry and berth's own
  // convergence is what is tested; a 1 s request timeout keeps held requests cheap.
  ports = emulatorPorts({ endpoint: inj.url, maxAttempts: 3, requestTimeoutMs: 1_000 });
});

afterAll(async () => {
  await inj?.close();
  await repo?.dispose();
});

interface Convergence {
  /** Plan + apply runs, the last one (whose plan was empty) included. */
  runs: number;
  /** Runs whose plan had work to do. */
  applies: number;
  /** Runs that stopped before applying (reading live state failed), and failed jobs. */
  failedReads: number;
  failedJobs: number;
  ms: number;
}

/** Plans and applies under faults until a plan has nothing to do. */
async function converge(label: string): Promise<Convergence> {
  const t0 = Date.now();
  const c: Convergence = { runs: 0, applies: 0, failedReads: 0, failedJobs: 0, ms: 0 };
  for (let run = 1; run <= MAX_RUNS; run++) {
    c.runs = run;
    const started = Date.now();
    const outcome = await applyRepo(repo.dir, ports, undefined, cache).then(
      (r) => ({ r }),
      (err: unknown) => ({ err }),
    );
    expect(Date.now() - started, `${label} run ${run} took too long`).toBeLessThan(APPLY_BOUND_MS);
    if ('err' in outcome) {
      // Reading live state failed after the SDK's retries: a typed, one-line error naming the call.
      expect(outcome.err).toBeInstanceOf(BerthError);
      expect((outcome.err as BerthError).message).toMatch(/^(ecs|scheduler):[A-Za-z]+: [^\n]+$/);
      c.failedReads += 1;
      continue;
    }
    const result = outcome.r;
    if (pendingActions(result.plan).length === 0) {
      c.ms = Date.now() - t0;
      return c;
    }
    c.applies += 1;
    for (const job of result.jobs.filter((j) => j.outcome === 'failed')) {
      c.failedJobs += 1;
      expect(job.error?.message, `${label}: ${job.job}`).toMatch(/^(ecs|scheduler):[A-Za-z]+: [^\n]+$/);
    }
  }
  throw new Error(`${label}: not converged after ${MAX_RUNS} runs`);
}

describe('apply under injected faults', () => {
  it('converges to exactly the desired state: 100 jobs created, then 20 changed and 10 removed', async () => {
    // Round 1: create everything.
    const created = await converge('create');
    let inv = await inventory(PREFIX, GROUP);
    expect(problems(inv, PREFIX, names, () => 1)).toEqual([]);
    expect(inv.schedules.size).toBe(JOBS);
    // In a fresh create, an INACTIVE revision can only be a retired duplicate of a lost register.
    const retired = [...inv.inactive.values()].reduce((a, r) => a + r.length, 0);
    const round1 = { ...created, faults: inj.counts(), requests: inj.proxy.total(), retired };
    const firstRevision = new Map(names.map((n) => [n, inv.active.get(`${PREFIX}${n}`)?.[0]]));

    // Round 2: change 20 jobs (new revision each), remove 10, under the same faults.
    inj.reset();
    const changed = names.slice(0, 20);
    const removed = names.slice(90);
    for (const n of changed) await repo.write(`jobs/${n}.yaml`, jobYaml(n, { image: '1.37' }));
    for (const n of removed) await repo.remove(`jobs/${n}.yaml`);
    const kept = names.slice(0, 90);
    const second = await converge('change');
    const round2 = { ...second, faults: inj.counts(), requests: inj.proxy.total() };
    inv = await inventory(PREFIX, GROUP);
    expect(problems(inv, PREFIX, kept, (n) => (changed.includes(n) ? KEEP : 1))).toEqual([]);
    // A changed job keeps its previous revision (keepRevisions 2) and exactly one new one.
    for (const n of changed) {
      const active = inv.active.get(`${PREFIX}${n}`) ?? [];
      expect(active, n).toHaveLength(2);
      expect(active[0], n).toBe(firstRevision.get(n));
    }
    for (const n of removed) {
      expect(inv.active.get(`${PREFIX}${n}`), n).toBeUndefined();
      expect(inv.schedules.has(`${PREFIX}${n}`), n).toBe(false);
    }

    // Without faults, a plan finds nothing to do.
    inj.setRates({});
    expect(pendingActions((await planRepo(repo.dir, ports)).plan)).toEqual([]);

    const inactive = [...inv.inactive.values()].reduce((a, r) => a + r.length, 0);
    const line = (c: Convergence, faults: Record<string, number>, requests: number) =>
      `${c.runs} runs in ${secs(c.ms)} s (${c.applies} with work, ${c.failedReads} failed live reads, ` +
      `${c.failedJobs} failed jobs, last plan empty), ${requests} requests, faults ${JSON.stringify(faults)}`;
    console.log(
      `[figures] apply-faults seed=${SEED} rate=${FAULT_RATE} maxAttempts=3: ` +
        `create ${JOBS} jobs: ${line(round1, round1.faults, round1.requests)}, ` +
        `lost registrations retired ${round1.retired}; ` +
        `change 20 + remove 10: ${line(round2, round2.faults, round2.requests)}; ` +
        `INACTIVE revisions at the end ${inactive}`,
    );
  }, 240_000);

  it('fails fast with a clear error when every request hangs (berth apply, BERTH_REQUEST_TIMEOUT)', async () => {
    expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
    inj.setRates({ timeout: 1 });
    const started = Date.now();
    const r = await runBerth(['-C', repo.dir, 'apply', '--auto-approve', '--no-cache'], {
      ...emulatorEnv(inj.url),
      BERTH_MAX_ATTEMPTS: '2',
      BERTH_REQUEST_TIMEOUT: '1s',
    });
    const ms = Date.now() - started;
    inj.setRates({});
    // The proxy holds each request for 5 s: the client's own timeout must end each attempt.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \((ETIMEDOUT|TimeoutError)\)/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(ms).toBeLessThan(20_000);
    console.log(`[figures] apply-faults: every request held → berth apply exit 1 after ${secs(ms)} s`);
  });
});
