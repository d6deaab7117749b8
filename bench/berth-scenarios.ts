// berth's CLI scenarios: first apply, cold and warm plan, and a change to one job (plan + apply).
// Every run is `node dist/src/main.js` as a child process, as users run it.
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import {
  berthEnv,
  listingSizes,
  setupEnv,
  tempDir,
  type BenchContext,
  type LimitsVariant,
} from './context.js';
import { berthCli, measured, type Sample } from './measure.js';
import { quotaBoundMs } from './quota-bound.js';
import { summarise, type ScenarioResult } from './results.js';
import { changed, CLUSTER } from './workload.js';

interface PlanDoc {
  hasChanges: boolean;
  summary: { create: number; update: number; delete: number; noop: number; conflicts: number };
}
interface ApplyDoc {
  ok: boolean;
  jobs: { outcome: string }[];
}

const plan = (ctx: BenchContext, cache: string) => [
  '-C',
  ctx.repo.dir,
  'plan',
  '-o',
  'json',
  '--cache-dir',
  cache,
];
const apply = (ctx: BenchContext, cache: string) => [
  '-C',
  ctx.repo.dir,
  'apply',
  '--auto-approve',
  '-o',
  'json',
  '--cache-dir',
  cache,
];

/** Scenario 2: every job created in an empty account (reset before each repetition). */
export async function firstApply(
  ctx: BenchContext,
  variant: LimitsVariant,
  reps: number,
): Promise<ScenarioResult> {
  const samples: Sample[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    await emptyAccount(ctx);
    const cache = await tempDir(ctx, 'cache');
    const s = await measured('berth apply', ctx.proxy, { activeRevisions: 0 }, () =>
      berthCli(apply(ctx, cache), berthEnv(ctx, variant)),
    );
    const doc = JSON.parse(s.run.stdout) as ApplyDoc;
    const applied = doc.jobs.filter((j) => j.outcome === 'applied').length;
    if (!doc.ok || applied !== ctx.jobs)
      throw new Error(`first apply: ${applied}/${ctx.jobs} applied, ok=${doc.ok}`);
    const sample = strip(s);
    // Against the quotas, the fastest this call mix can go, and how close berth came.
    const bound = ctx.mode === 'realistic' ? quotaBoundMs(s.calls) : 0;
    if (bound > 0) sample.extra = { ...sample.extra, boundMs: bound, vsBound: s.wallMs / bound };
    samples.push(sample);
    ctx.log(
      `  first apply (${variant}) ${rep}/${reps}: ${ms(s.wallMs)}${bound ? ` (quota bound ${ms(bound)})` : ''}`,
    );
  }
  return summarise(
    {
      jobs: ctx.jobs,
      tool: 'berth',
      scenario: 'first-apply',
      variant,
      command: `berth apply --auto-approve${variant === 'raised-limits' ? ' (BERTH_RATE_LIMITS=off)' : ''}`,
      notes:
        variant === 'default-limits'
          ? [
              'adaptive pacing from the documented quotas: RegisterTaskDefinition 1/s after a burst of 18 (AWS: 20) sets the pace',
              'vsBound = wall / the time the quotas allow this call mix (max over operations of (calls - burst) / rate)',
            ]
          : [],
    },
    samples,
  );
}

/** An account with everything applied, for the scenarios that start from "in sync". */
export async function ensureApplied(ctx: BenchContext): Promise<void> {
  const cache = await tempDir(ctx, 'cache');
  const run = await berthCli(['-C', ctx.repo.dir, 'plan', '-o', 'json', '--cache-dir', cache], setupEnv(ctx));
  if (run.code === 0 && !(JSON.parse(run.stdout) as PlanDoc).hasChanges) return;
  await emptyAccount(ctx);
  const r = await berthCli(apply(ctx, cache), setupEnv(ctx));
  if (r.code !== 0) throw new Error(`set-up apply failed: ${r.stderr.slice(-300)} ${r.stdout.slice(-300)}`);
}

/** Scenario 1a: a fresh cache directory each time: every revision described, every schedule read. */
export async function coldPlan(
  ctx: BenchContext,
  variant: LimitsVariant,
  reps = ctx.reps,
): Promise<{ result: ScenarioResult; cache: string }> {
  const samples: Sample[] = [];
  let cache = '';
  const sizes = await listingSizes(ctx);
  for (let rep = 1; rep <= reps; rep++) {
    cache = await tempDir(ctx, 'cache');
    const s = await measured('berth plan (cold)', ctx.proxy, sizes, () =>
      berthCli(plan(ctx, cache), berthEnv(ctx, variant)),
    );
    assertNoop(s.run.stdout, 'cold plan');
    samples.push(strip(s));
    ctx.log(`  cold plan (${variant}) ${rep}/${reps}: ${ms(s.wallMs)}`);
  }
  const result = summarise(
    {
      jobs: ctx.jobs,
      tool: 'berth',
      scenario: 'cold-plan',
      variant,
      command: `berth plan -o json --cache-dir <new empty dir>${variant === 'raised-limits' ? ' (BERTH_RATE_LIMITS=off)' : ''}`,
      notes:
        variant === 'default-limits'
          ? [
              'the documented ECS read quota (20/s after a burst of 50) paces the N DescribeTaskDefinition calls',
            ]
          : [],
    },
    samples,
  );
  return { result, cache };
}

/** Scenario 1b: the same cache directory again, nothing changed: listings only. */
export async function warmPlan(ctx: BenchContext, cache: string): Promise<ScenarioResult> {
  const samples: Sample[] = [];
  const sizes = await listingSizes(ctx);
  for (let rep = 1; rep <= ctx.reps; rep++) {
    const s = await measured('berth plan (warm)', ctx.proxy, sizes, () =>
      berthCli(plan(ctx, cache), berthEnv(ctx)),
    );
    assertNoop(s.run.stdout, 'warm plan');
    samples.push(strip(s));
    ctx.log(`  warm plan ${rep}/${ctx.reps}: ${ms(s.wallMs)}`);
  }
  return summarise(
    {
      jobs: ctx.jobs,
      tool: 'berth',
      scenario: 'warm-plan',
      variant: 'default-limits',
      command: 'berth plan -o json --cache-dir <same dir>',
    },
    samples,
  );
}

/**
 * Scenario 3: one job edited and committed, then `berth plan` and `berth apply` with the warm
 * cache. A different job each repetition; "schedule" = a new cron time (comparable with
 * ecschedule), "image" = a new image tag (a new task-definition revision too). `targeted`: both
 * with `-t <job>`, as a person who knows what they changed runs them.
 */
export async function changeOne(
  ctx: BenchContext,
  what: 'schedule' | 'image',
  cache: string,
  targeted = false,
): Promise<ScenarioResult[]> {
  const plans: Sample[] = [];
  const applies: Sample[] = [];
  for (let rep = 1; rep <= ctx.reps; rep++) {
    // Another job and another value in each mode and variant: every edit is a real change.
    const seed = rep + (targeted ? 50 : 0) + (ctx.mode === 'realistic' ? 200 : 0);
    const job = ctx.repo.jobs[(seed * 37) % ctx.repo.jobs.length]!;
    await ctx.repo.update(changed(job, what, seed));
    const sizes = await listingSizes(ctx);
    const t = targeted ? ['-t', job.name] : [];
    const p = await measured('berth plan (change)', ctx.proxy, sizes, () =>
      berthCli([...plan(ctx, cache), ...t], berthEnv(ctx)),
    );
    const doc = JSON.parse(p.run.stdout) as PlanDoc;
    if (!doc.hasChanges || doc.summary.update + doc.summary.create < 1)
      throw new Error(`change ${what}: the plan shows no change for ${job.name}`);
    const a = await measured('berth apply (change)', ctx.proxy, sizes, () =>
      berthCli([...apply(ctx, cache), ...t], berthEnv(ctx)),
    );
    const res = JSON.parse(a.run.stdout) as ApplyDoc;
    if (!res.ok || res.jobs.filter((j) => j.outcome === 'applied').length !== 1)
      throw new Error(`change ${what}: apply did not apply exactly one job`);
    plans.push(strip(p));
    applies.push(strip(a));
    ctx.log(`  change ${what} ${rep}/${ctx.reps}: plan ${ms(p.wallMs)}, apply ${ms(a.wallMs)}`);
  }
  const base = { jobs: ctx.jobs, tool: 'berth' as const, variant: 'default-limits' };
  const id = `change-${what}${targeted ? '-targeted' : ''}`;
  const t = targeted ? ' -t <job>' : '';
  return [
    summarise({ ...base, scenario: `${id}-plan`, command: `berth plan -o json${t} (warm cache)` }, plans),
    summarise(
      { ...base, scenario: `${id}-apply`, command: `berth apply --auto-approve${t} (warm cache)` },
      applies,
    ),
    summarise(
      { ...base, scenario: id, command: `berth plan${t}, then berth apply --auto-approve${t}` },
      plans.map((p, i) => add(p, applies[i]!)),
    ),
  ];
}

export function add(a: Sample, b: Sample): Sample {
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const extra = sum(a.extra ?? {}, b.extra ?? {});
  // Peak RSS does not add up: the larger of the two runs.
  if (a.extra?.maxRssMb !== undefined || b.extra?.maxRssMb !== undefined)
    extra.maxRssMb = Math.max(a.extra?.maxRssMb ?? 0, b.extra?.maxRssMb ?? 0);
  return {
    wallMs: a.wallMs + b.wallMs,
    calls: sum(a.calls, b.calls),
    awsEq: sum(a.awsEq, b.awsEq),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

export async function emptyAccount(ctx: BenchContext): Promise<void> {
  await ctx.emulator.reset();
  await ctx.aws.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
}

export function assertNoop(stdout: string, what: string): void {
  const doc = JSON.parse(stdout) as PlanDoc;
  if (doc.hasChanges) throw new Error(`${what}: expected no changes, got ${JSON.stringify(doc.summary)}`);
}

export function strip<T extends Sample>(s: T): Sample {
  return { wallMs: s.wallMs, calls: s.calls, awsEq: s.awsEq, ...(s.extra ? { extra: s.extra } : {}) };
}

export function ms(v: number): string {
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}
