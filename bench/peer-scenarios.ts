// The same scenarios for ecschedule, through the same proxy against the same emulator. It manages
// classic EventBridge rules only (task definitions are someone else's job, e.g. ecspresso), so the
// N task definitions its rules point at are registered beforehand, directly and uncounted, from
// berth's own rendering of the same jobs. It has no cache (diff -all is its plan, cold or warm)
// and no controller (a periodic diff -all is its drift detection).
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { evaluateRepository } from '../src/pipeline/evaluate.js';
import { add, ms, strip } from './berth-scenarios.js';
import type { BenchContext } from './context.js';
import { awsEnv, registerAll } from './direct-aws.js';
import { measured, runProcess, type Sample } from './measure.js';
import { summarise, type ScenarioResult } from './results.js';
import { changed, CLUSTER, PREFIX } from './workload.js';

const SIZES = { activeRevisions: 0 };

export async function peerScenarios(
  ctx: BenchContext,
  bin: string,
  slowReps: number,
): Promise<ScenarioResult[]> {
  const conf = ctx.repo.ecscheduleConfig;
  const ecschedule =
    (...args: string[]) =>
    () =>
      runProcess(bin, ['-conf', conf, ...args], awsEnv(ctx.proxy.url));
  const base = { jobs: ctx.jobs, tool: 'ecschedule' as const, variant: '-' };
  const out: ScenarioResult[] = [];

  const applies: Sample[] = [];
  for (let rep = 1; rep <= slowReps; rep++) {
    await seed(ctx);
    const s = await measured('ecschedule apply -all', ctx.proxy, SIZES, ecschedule('apply', '-all'));
    samplesCheck(s.run.stderr, 'applying following changes', ctx.jobs, 'first apply');
    applies.push(strip(s));
    ctx.log(`  ecschedule first apply ${rep}/${slowReps}: ${ms(s.wallMs)}`);
  }
  out.push(
    summarise(
      {
        ...base,
        scenario: 'first-apply',
        command: 'ecschedule apply -all',
        notes: ['task definitions registered beforehand (not counted): ecschedule does not manage them'],
      },
      applies,
    ),
  );

  const diffs: Sample[] = [];
  for (let rep = 1; rep <= ctx.reps; rep++) {
    const s = await measured('ecschedule diff -all', ctx.proxy, SIZES, ecschedule('diff', '-all'));
    if (s.run.stderr.includes('diff of the rule'))
      throw new Error('ecschedule diff -all: unexpected differences after apply');
    diffs.push(strip(s));
    ctx.log(`  ecschedule diff ${rep}/${ctx.reps}: ${ms(s.wallMs)}`);
  }
  out.push(
    summarise(
      {
        ...base,
        scenario: 'diff',
        command: 'ecschedule diff -all',
        notes: ['no cache: cold and warm are the same'],
      },
      diffs,
    ),
  );

  const plans: Sample[] = [];
  const changes: Sample[] = [];
  for (let rep = 1; rep <= slowReps; rep++) {
    const seed = rep + 100 + (ctx.mode === 'realistic' ? 200 : 0);
    const job = ctx.repo.jobs[(seed * 41 + 5) % ctx.repo.jobs.length]!;
    await ctx.repo.update(changed(job, 'schedule', seed));
    const p = await measured('ecschedule diff -all (change)', ctx.proxy, SIZES, ecschedule('diff', '-all'));
    if (!p.run.stderr.includes(`${PREFIX}${job.name}`))
      throw new Error(`ecschedule diff -all did not show ${job.name}`);
    const a = await measured('ecschedule apply -all (change)', ctx.proxy, SIZES, ecschedule('apply', '-all'));
    samplesCheck(a.run.stderr, 'applying following changes', 1, 'change');
    plans.push(strip(p));
    changes.push(strip(a));
    ctx.log(`  ecschedule change ${rep}/${slowReps}: diff ${ms(p.wallMs)}, apply ${ms(a.wallMs)}`);
  }
  out.push(summarise({ ...base, scenario: 'change-schedule-plan', command: 'ecschedule diff -all' }, plans));
  out.push(
    summarise({ ...base, scenario: 'change-schedule-apply', command: 'ecschedule apply -all' }, changes),
  );
  out.push(
    summarise(
      { ...base, scenario: 'change-schedule', command: 'ecschedule diff -all, then apply -all' },
      plans.map((p, i) => add(p, changes[i]!)),
    ),
  );
  return out;
}

/** An empty account with the cluster and the N task definitions the rules point at. */
async function seed(ctx: BenchContext): Promise<void> {
  await ctx.emulator.reset();
  await ctx.aws.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const e = await evaluateRepository(ctx.repo.dir);
  if (!e.desired) throw new Error('bench repository does not validate');
  await registerAll(
    ctx.aws,
    e.desired.jobs.map((j) => j.taskDefinition),
  );
}

function samplesCheck(stderr: string, marker: string, expected: number, what: string): void {
  const n = stderr.split(marker).length - 1;
  if (n !== expected)
    throw new Error(
      `ecschedule ${what}: "${marker}" ${n} times, expected ${expected}: ${stderr.slice(-400)}`,
    );
}
