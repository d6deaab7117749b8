// The benchmark: per job count, a generated repository, then each scenario against the local
// emulator through the counting proxy, and again through the realistic-AWS proxy (latency,
// quotas, paged listings) in the same run; results merged into results.json and RESULTS.md.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startCountingProxy, type CountingProxy } from '../test/support/counting-proxy.js';
import { BERTH_BIN } from '../test/support/berth-cli.js';
import { startRealisticAws, type RealisticAws } from '../test/support/realistic-aws.js';
import { BenchRepo } from './bench-repo.js';
import { changeOne, coldPlan, ensureApplied, firstApply, warmPlan } from './berth-scenarios.js';
import { scratchRoot, type BenchContext, type Meter } from './context.js';
import { controllerScenarios } from './controller-scenarios.js';
import { directAws } from './direct-aws.js';
import { startEmulator } from './emulator.js';
import { machineInfo, versions } from './machine.js';
import type { BenchOptions } from './options.js';
import { noopCost } from './noop-cost.js';
import { locatePeer } from './peer.js';
import { peerScenarios } from './peer-scenarios.js';
import { planPhases } from './plan-phases.js';
import { renderReport } from './report.js';
import {
  mergeResults,
  readResults,
  summarise,
  type AwsMode,
  type BenchResults,
  type PeerInfo,
  type ScenarioResult,
  type Tool,
} from './results.js';
import { validateScenario } from './validate-scenario.js';
import { makeJobs } from './workload.js';

export interface BenchRun {
  /** What this invocation measured. */
  fresh: BenchResults;
  /** results.json after merging. */
  merged: BenchResults;
}

/** RESULTS.md again from results.json (after editing ANALYSIS.md, or merging several runs). */
export async function renderOnly(opts: BenchOptions, root = process.cwd()): Promise<void> {
  const out = path.resolve(root, opts.out);
  const results = await readResults(path.join(out, 'results.json'));
  if (!results) throw new Error(`${out}/results.json is missing or not a berth.bench document`);
  await writeReport(out, results);
}

async function writeReport(out: string, results: BenchResults): Promise<void> {
  // Hand-written findings (ANALYSIS.md next to the results) go below the generated tables.
  const analysis = await readFile(path.join(out, 'ANALYSIS.md'), 'utf8').catch(() => '');
  await writeFile(path.join(out, 'RESULTS.md'), renderReport(results, analysis));
}

export async function runBench(opts: BenchOptions, root = process.cwd()): Promise<BenchRun> {
  if (!existsSync(BERTH_BIN)) throw new Error(`${BERTH_BIN} is missing: run \`npm run build\` first`);
  const log = opts.quiet ? () => undefined : (line: string) => process.stderr.write(`${line}\n`);
  const machine = machineInfo();
  const vers = await versions(root);
  const peer: PeerInfo & { bin?: string } = opts.scenarios.has('peer')
    ? await locatePeer(opts.installPeer)
    : { tool: 'ecschedule', available: false, reason: 'not requested (--scenarios without peer)' };
  if (peer.version) vers.ecschedule = peer.version;
  if (!peer.available) log(`ecschedule: ${peer.reason}`);

  const emulator = await startEmulator(root, opts.endpoint);
  const proxy = await startCountingProxy(emulator.endpoint);
  // One realistic proxy for the whole run: one account, whoever talks to it.
  const realistic = opts.modes.includes('realistic') ? await startRealisticAws(emulator.endpoint) : undefined;
  const meters: Record<AwsMode, Meter | undefined> = {
    emulator: emulatorMeter(proxy),
    realistic: realistic && realisticMeter(realistic),
  };
  const tmp = await scratchRoot();
  const runs: ScenarioResult[] = [];
  const out = path.resolve(root, opts.out);
  const { bin: _bin, ...peerInfo } = peer;
  const doc = (r: ScenarioResult[]): BenchResults => ({
    kind: 'berth.bench',
    formatVersion: 1,
    updatedAt: new Date().toISOString(),
    machine,
    versions: vers,
    peer: peerInfo,
    runs: r,
  });
  try {
    for (const n of opts.jobs) {
      const repo = await BenchRepo.create(makeJobs(n));
      try {
        for (const mode of opts.modes) {
          log(`== ${n} jobs, ${mode}`);
          const ctx: BenchContext = {
            root,
            jobs: n,
            reps: opts.reps,
            emulator,
            mode,
            proxy: meters[mode]!,
            aws: directAws(emulator.endpoint),
            repo,
            tmp,
            log,
            // Each scenario's results are saved as they come: a long run stopped late keeps them.
            record: async (r) => {
              for (const x of r) x.mode = mode;
              await mergeResults(path.join(out, 'results.json'), doc(r));
            },
          };
          const berthRuns = await berthScenarios(ctx, opts);
          const peerResults = await peerRuns(ctx, opts, peer);
          await ctx.record?.(peerResults);
          const measuredHere = [...berthRuns, ...peerResults];
          for (const r of measuredHere) r.mode = mode;
          runs.push(...measuredHere);
        }
      } finally {
        await repo.dispose();
      }
    }
  } finally {
    await proxy.close();
    await realistic?.close();
    await emulator.stop();
    await rm(tmp, { recursive: true, force: true });
  }

  const fresh = doc(runs);
  const merged = await mergeResults(path.join(out, 'results.json'), fresh);
  await writeReport(out, merged);
  return { fresh, merged };
}

/**
 * The scenarios of one job count in one mode. Against the bare emulator: everything, first apply
 * with the limits off (the emulator's speed). Through the realistic proxy: what AWS's latency and
 * quotas change: the first apply as shipped (adaptive pacing from the quotas), cold and warm
 * plans, a one-job change, the no-op cost baseline. The slow ones run `--slow-reps` times.
 */
async function berthScenarios(ctx: BenchContext, opts: BenchOptions): Promise<ScenarioResult[]> {
  const realistic = ctx.mode === 'realistic';
  const want = (s: Parameters<typeof opts.scenarios.has>[0]) => opts.scenarios.has(s);
  const out: ScenarioResult[] = [];
  const g = (scenario: string, fn: () => Promise<ScenarioResult[]>, variant = 'default-limits') =>
    guarded(ctx, 'berth', scenario, fn, variant).then(async (r) => {
      out.push(...r);
      await ctx.record?.(r);
    });

  const raisedApply = want('first-apply') && !realistic;
  const defaultApply = want('first-apply-default') && realistic;
  if (raisedApply)
    await g('first-apply', async () => [await firstApply(ctx, 'raised-limits', ctx.reps)], 'raised-limits');
  if (defaultApply)
    await g('first-apply', async () => [await firstApply(ctx, 'default-limits', opts.slowReps)]);
  const later = [
    'cold-plan',
    'warm-plan',
    'change-schedule',
    'change-image',
    'change-targeted',
    'controller',
    'plan-phases',
    'validate',
    'noop-cost',
  ] as const;
  if (!later.some(want)) return out;
  // After a first apply the account is already in sync; otherwise make it so (uncounted).
  // validate reads no AWS: alone, it needs no applied account.
  const awsLater = later.some((s) => s !== 'validate' && want(s));
  if (awsLater && !raisedApply && !defaultApply) await ensureApplied(ctx);

  let cache: string | undefined;
  const changes = want('change-schedule') || want('change-image') || want('change-targeted');
  if (want('cold-plan') || want('warm-plan') || changes) {
    // Paced by the quotas (~N / 20 s): the slow repetitions; once when only the cache is wanted.
    const reps = !want('cold-plan') ? 1 : realistic || ctx.jobs >= 1000 ? opts.slowReps : ctx.reps;
    await g('cold-plan', async () => {
      const d = await coldPlan(ctx, 'default-limits', reps);
      cache = d.cache;
      return want('cold-plan') ? [d.result] : [];
    });
  }
  if (want('cold-plan') && !realistic)
    await g('cold-plan', async () => [(await coldPlan(ctx, 'raised-limits')).result], 'raised-limits');
  if (cache) {
    const c = cache;
    if (want('warm-plan')) await g('warm-plan', async () => [await warmPlan(ctx, c)]);
    if (want('change-schedule')) await g('change-schedule', () => changeOne(ctx, 'schedule', c));
    if (want('change-image') && !realistic) await g('change-image', () => changeOne(ctx, 'image', c));
    if (want('change-targeted'))
      await g('change-schedule-targeted', () => changeOne(ctx, 'schedule', c, true));
  }
  if (want('plan-phases') && !realistic) await g('warm-plan-phases', () => planPhases(ctx));
  if (want('validate') && !realistic) await g('validate', () => validateScenario(ctx), '-');
  if (want('controller') && !realistic) {
    await g('controller-startup', () =>
      controllerScenarios(ctx, {
        runs: opts.controllerRuns,
        resync: opts.resync ?? (ctx.jobs <= 100 ? '2s' : '5s'),
        cycles: opts.cycles,
      }),
    );
  }
  // Last: it sets up accounts of its own (the emulator is reset).
  if (want('noop-cost') && ctx.jobs >= 100) await g('noop-cost', () => noopCost(ctx, opts.noopVariants));
  return out;
}

async function peerRuns(
  ctx: BenchContext,
  opts: BenchOptions,
  peer: PeerInfo & { bin?: string },
): Promise<ScenarioResult[]> {
  if (!opts.scenarios.has('peer')) return [];
  if (peer.available && peer.bin) {
    const bin = peer.bin;
    return guarded(ctx, 'ecschedule', 'first-apply', () => peerScenarios(ctx, bin, opts.slowReps));
  }
  const base = {
    jobs: ctx.jobs,
    tool: 'ecschedule' as const,
    variant: '-',
    command: 'ecschedule apply -all',
  };
  return [summarise({ ...base, scenario: 'first-apply' }, [], `ecschedule unavailable: ${peer.reason}`)];
}

/**
 * The emulator's counting proxy as the scenarios' meter, telling apart ListTaskDefinitions of one
 * exact family (a targeted read: one AWS page) from account-wide ones (aws-equivalent.ts).
 */
function emulatorMeter(proxy: CountingProxy): Meter {
  let family = 0;
  proxy.setHook((_n, op, request) => {
    if (op === 'ecs:ListTaskDefinitions' && /"familyPrefix"\s*:\s*"[^"]/.test(request.body)) family += 1;
    return 'pass';
  });
  return {
    url: proxy.url,
    counts: () => proxy.counts(),
    total: () => proxy.total(),
    reset: () => {
      proxy.reset();
      family = 0;
    },
    setHook: (fn) => proxy.setHook(fn),
    close: () => proxy.close(),
    familyListings: () => family,
  };
}

/** The realistic proxy as the scenarios' meter: a reset also refills the account's buckets. */
function realisticMeter(r: RealisticAws): Meter {
  return {
    url: r.url,
    counts: () => r.proxy.counts(),
    total: () => r.proxy.total(),
    reset: () => r.reset(),
    setHook: () => {
      throw new Error('the realistic proxy takes no hooks');
    },
    close: () => r.close(),
    throttled: () => r.throttled(),
  };
}

/** A scenario that fails is recorded with its error; the others still run. */
async function guarded(
  ctx: BenchContext,
  tool: Tool,
  scenario: string,
  fn: () => Promise<ScenarioResult[]>,
  variant = tool === 'berth' ? 'default-limits' : '-',
): Promise<ScenarioResult[]> {
  try {
    return await fn();
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    ctx.log(`  ${tool} ${scenario} FAILED: ${error}`);
    return [summarise({ jobs: ctx.jobs, tool, scenario, variant, command: '' }, [], error)];
  }
}
