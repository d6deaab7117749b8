// Crash safety of the controller, the apply crash test (test/integration/apply/crash.test.ts)
// carried over to the long-running loop. `berth controller` (the built CLI) follows a real bare
// git repository and talks to the emulator through the counting proxy. Across many pushes that
// add, change and remove jobs, it is killed with SIGKILL at seeded-random moments: at the k-th
// AWS call (the call still reaches the emulator, its answer is lost), at a random wall-clock
// moment, or while a git fetch / reset / clean runs (killing the git child too, which can leave
// the working copy locked and half checked out). It is restarted on the same working directory
// (or, sometimes, a fresh one), sometimes killed again while it recovers, and must then reach
// exactly the state git describes. Needs `npm run build` first.
// Reproduce a failure: BERTH_CRASH_SEED=<seed printed> [BERTH_CRASH_PUSHES=n] npx vitest run
//   --project integration test/integration/reliability/controller-crash.test.ts
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, createSecurityGroup, defaultSubnets } from '../../support/aws.js';
import { BERTH_BIN } from '../../support/berth-cli.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { configYaml, GitRemote, GROUP, PREFIX } from '../controller/support.js';
import { launchController, synced, type ControllerProcess } from './controller-process.js';
import { filler, JobModel, prng } from './job-model.js';
import { convergenceProblems } from './live-check.js';
import { crash, gitCommandRunning, type KillScope } from './process-tree.js';

const SEED = Number(process.env.BERTH_CRASH_SEED ?? 20_250_611);
const PUSHES = Number(process.env.BERTH_CRASH_PUSHES ?? 7);
/** keepRevisions in controller/support.ts's berth.yaml. */
const KEEP = 2;
const MUTATING = /:(Register|Deregister|Create|Update|Delete)/;
const GIT_OPS = ['fetch', 'reset', 'clean'];
const MODES = ['call', 'wall', 'git'] as const;

type KillPlan =
  /** At the k-th call of the cycle, or (writes) at its k-th Register/Create/Update/Delete/Deregister. */
  | { mode: 'call'; k: number; writes: boolean; scope: KillScope }
  | { mode: 'wall'; delayMs: number; scope: KillScope }
  | { mode: 'git'; ops: string[]; jitterMs: number };

interface Figures {
  kills: number;
  byMode: Record<string, number>;
  byScope: Record<string, number>;
  callPositions: Set<string>;
  mutatingCallKills: number;
  gitOps: Record<string, number>;
  childrenKilled: number;
  missed: number;
  restarts: number;
  freshWorkdirs: number;
  crashLoopKills: number;
  sourceErrors: string[];
  repairs: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let proxy: CountingProxy;
let remote: GitRemote;
const workdirs: string[] = [];
/** Every controller started, so that none outlives a failed test. */
const controllers: ControllerProcess[] = [];

beforeAll(async () => {
  expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
  proxy = await startCountingProxy(emulatorEndpoint());
  remote = await GitRemote.create();
});

afterAll(async () => {
  for (const c of controllers) if (!c.exited) crash(c.pid, 'tree');
  await proxy.close();
  await remote.dispose();
  for (const w of workdirs) await rm(w, { recursive: true, force: true });
});

async function newWorkdir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-crash-work-'));
  workdirs.push(dir);
  return dir;
}

async function start(workdir: string, f: Figures): Promise<ControllerProcess> {
  const ctl = await launchController({
    repoUrl: remote.url,
    workdir,
    awsEndpoint: proxy.url,
    onLine: (line) => {
      if (line.includes('"source unavailable"')) f.sourceErrors.push(line);
      if (line.includes('"working copy was damaged: fetched afresh"')) f.repairs.push(line);
    },
  });
  controllers.push(ctl);
  return ctl;
}

/** Carries out one kill plan; resolves with what was hit, or undefined when the controller converged first. */
async function attempt(
  ctl: ControllerProcess,
  plan: KillPlan,
  head: string,
  f: Figures,
): Promise<string | undefined> {
  let hit: string | undefined;
  const kill = (what: string, scope: KillScope) => {
    if (hit || ctl.exited) return;
    hit = what;
    f.childrenKilled += crash(ctl.pid, scope);
    f.byScope[scope] = (f.byScope[scope] ?? 0) + 1;
  };
  let done = false;
  const settled = synced(ctl, head).finally(() => (done = true));
  if (plan.mode === 'call') {
    const seen = new Map<string, number>();
    let writes = 0;
    proxy.setHook((n, op) => {
      seen.set(op, (seen.get(op) ?? 0) + 1);
      if (MUTATING.test(op)) writes += 1;
      if ((plan.writes ? writes : n) === plan.k && (!plan.writes || MUTATING.test(op))) {
        // A position is an operation and its ordinal in the cycle: "ecs:RegisterTaskDefinition#2".
        const position = `${op}#${seen.get(op)}`;
        kill(`call ${n} ${position}`, plan.scope);
        if (hit) {
          f.callPositions.add(position);
          if (MUTATING.test(op)) f.mutatingCallKills += 1;
        }
      }
      return 'pass';
    });
  } else if (plan.mode === 'wall') {
    await sleep(plan.delayMs);
    kill(`wall ${plan.delayMs} ms`, plan.scope);
  } else {
    const op = await gitCommandRunning(ctl.pid, plan.ops, () => done || ctl.exited);
    if (op) {
      await sleep(plan.jitterMs);
      kill(`${op} +${plan.jitterMs} ms`, 'tree');
      if (hit) f.gitOps[op] = (f.gitOps[op] ?? 0) + 1;
    }
  }
  await settled;
  proxy.setHook(undefined);
  if (!hit) {
    f.missed += 1;
    return undefined;
  }
  const end = await ctl.cli.done;
  expect(end.signal, `${hit}: the controller should have died by SIGKILL`).toBe('SIGKILL');
  f.kills += 1;
  f.byMode[plan.mode] = (f.byMode[plan.mode] ?? 0) + 1;
  return hit;
}

const errorOf = (line: string) => String((JSON.parse(line) as { error?: unknown }).error).slice(0, 160);

/** " (index.lock ×2, …)": what the damaged working copies had, by the lock or error git named. */
function repairReasons(lines: string[]): string {
  const reasons = new Map<string, number>();
  for (const l of lines) {
    const why =
      /([\w.-]+\.lock)/.exec(l)?.[1] ??
      (/not a git repository/.test(l) ? 'half-made .git' : (/fatal: ([^"\\]{0,40})/.exec(l)?.[1] ?? 'other'));
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  return reasons.size === 0 ? '' : ` (${[...reasons].map(([k, n]) => `${k} ×${n}`).join(', ')})`;
}

describe('berth controller survives kill -9 across many cycles', () => {
  it(
    'converges to exactly what git holds after every crash and restart',
    async () => {
      console.log(`[controller-crash] seed=${SEED} pushes=${PUSHES} (BERTH_CRASH_SEED to replay)`);
      const started = Date.now();
      const f: Figures = {
        kills: 0,
        byMode: {},
        byScope: {},
        callPositions: new Set(),
        mutatingCallKills: 0,
        gitOps: {},
        childrenKilled: 0,
        missed: 0,
        restarts: 0,
        freshWorkdirs: 0,
        crashLoopKills: 0,
        sourceErrors: [],
        repairs: [],
      };

      await resetEmulator();
      await createCluster('etl');
      const network = {
        subnets: (await defaultSubnets()).slice(0, 1),
        securityGroups: [await createSecurityGroup('etl')],
      };
      // Separate streams: what git holds never depends on how earlier kills went, and each push
      // draws its kills from its own stream, so one seed replays the same pushes and kill plans.
      const model = new JobModel(prng(SEED));
      let head = await remote.commit(
        { 'berth.yaml': configYaml(network), ...model.set('alpha'), ...model.set('bravo'), ...filler(0) },
        'initial',
      );
      const workDir = path.join(remote.root, 'work');
      const check = async (label: string, ctl: ControllerProcess) => {
        const problems = await convergenceProblems({
          dir: workDir,
          jobs: [...model.jobs.keys()],
          removed: model.removed(),
          prefix: PREFIX,
          group: GROUP,
          keepRevisions: KEEP,
        });
        expect(problems, `${label} (seed ${SEED})\n${ctl.log.slice(-25).join('\n')}`).toEqual([]);
      };

      let workdir = await newWorkdir();
      proxy.reset();
      let ctl = await start(workdir, f);
      expect(await synced(ctl, head)).toBe(true);
      await check('initial', ctl);
      // Calls of a clean cycle, per phase: the range the k-th-call kill is drawn from.
      const calls = { push: 20, restart: proxy.total() };

      // Pushes take the three kinds of kill in turn; kills during a recovery draw theirs.
      const pickPlan = (rand: () => number, phase: 'push' | 'restart', turn: number): KillPlan => {
        const mode = phase === 'push' ? MODES[turn % 3]! : MODES[Math.floor(rand() * 3)]!;
        const scope: KillScope = rand() < 0.5 ? 'tree' : 'process';
        if (mode === 'call') {
          // Half of them at a write (where an interrupted apply leaves half-done work), half
          // anywhere in the cycle, reads included.
          if (rand() < 0.5) return { mode: 'call', k: 1 + Math.floor(rand() * 3), writes: true, scope };
          const k = 1 + Math.floor(rand() * calls[phase]);
          return { mode: 'call', k, writes: false, scope };
        }
        if (mode === 'wall') {
          // After a push the cycle starts within the poll interval; a restart first boots node.
          const span = phase === 'push' ? 1_500 : 3_500;
          return { mode: 'wall', delayMs: Math.floor(rand() * span), scope };
        }
        // The chosen command or a later one, whichever is caught first (a checkout can be quick).
        return { mode: 'git', ops: GIT_OPS.slice(Math.floor(rand() * 3)), jitterMs: Math.floor(rand() * 4) };
      };

      for (let i = 0; i < PUSHES; i++) {
        const edits = model.mutate();
        head = await remote.commit({ ...edits, ...filler(i + 1) }, `push ${i}`);
        proxy.reset();
        const rand = prng(SEED + 7_919 * (i + 1));
        let plan = pickPlan(rand, 'push', i);
        let clean = true;
        const story: string[] = [];
        const noted = { errors: f.sourceErrors.length, repairs: f.repairs.length };
        for (let round = 0; ; round++) {
          const hit = await attempt(ctl, plan, head, f);
          if (!hit) {
            story.push(`${plan.mode} kill missed`);
            break;
          }
          clean = false;
          if (round > 0) f.crashLoopKills += 1;
          const fresh = rand() < 0.25;
          if (fresh) {
            workdir = await newWorkdir();
            f.freshWorkdirs += 1;
          }
          story.push(`killed at ${hit}, restarted on ${fresh ? 'a fresh' : 'the same'} workdir`);
          proxy.reset();
          ctl = await start(workdir, f);
          f.restarts += 1;
          // Sometimes it crashes again while it recovers (at most three times in a row).
          if (round >= 2 || rand() >= 0.5) break;
          plan = pickPlan(rand, 'restart', i);
          if (fresh && plan.mode === 'git') plan.ops.unshift('init');
        }
        expect(await synced(ctl, head), `push ${i}: the controller died (seed ${SEED})`).toBe(true);
        if (clean) calls.push = Math.max(4, proxy.total());
        for (const l of f.sourceErrors.slice(noted.errors)) story.push(`source error: ${errorOf(l)}`);
        for (const l of f.repairs.slice(noted.repairs)) story.push(`working copy repaired: ${errorOf(l)}`);
        console.log(`[controller-crash] push ${i} (${Object.keys(edits).join(' ')}): ${story.join('; ')}`);
        await check(`push ${i}`, ctl);
      }

      ctl.cli.child.kill('SIGTERM');
      expect((await ctl.cli.done).code).toBe(0);
      // Every third push kills at a wall-clock moment, which cannot miss.
      expect(f.kills).toBeGreaterThanOrEqual(Math.floor(PUSHES / 3));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `[figures] controller-crash seed=${SEED} pushes=${PUSHES} kills=${f.kills} ` +
          `(call=${f.byMode.call ?? 0} wall=${f.byMode.wall ?? 0} git=${f.byMode.git ?? 0}; ` +
          `tree=${f.byScope.tree ?? 0} process-only=${f.byScope.process ?? 0}) ` +
          `distinctCallPositions=${f.callPositions.size} ` +
          `ops=${[...new Set([...f.callPositions].map((p) => p.split('#')[0]))].sort().join(',')} ` +
          `mutatingCallKills=${f.mutatingCallKills} gitKills=${JSON.stringify(f.gitOps)} ` +
          `childProcessesKilled=${f.childrenKilled} restarts=${f.restarts} freshWorkdirs=${f.freshWorkdirs} ` +
          `crashLoopKills=${f.crashLoopKills} missedKills=${f.missed} sourceErrorsAfterRestart=${f.sourceErrors.length} ` +
          `workingCopiesRepaired=${f.repairs.length}${repairReasons(f.repairs)} ` +
          `convergedChecks=${PUSHES + 1} seconds=${seconds}`,
      );
    },
    Math.max(300_000, PUSHES * 40_000),
  );
});
