// The baseline for items 3 and 4 of issue 18 (a no-op's cost independent of old revisions and of
// other task definitions): a warm no-op plan at N jobs in the steady state of keepRevisions = 1,
// 3 and 10 (every family holds that many ACTIVE revisions), and with unrelated task definitions
// in the account besides. The account is set up directly and uncounted: each family's rendered
// input registered keepRevisions times, the foreign families, then `berth apply` creates the
// schedules and a cold plan fills the cache; only the warm plans are measured.
import { evaluateRepository } from '../src/pipeline/evaluate.js';
import { BenchRepo } from './bench-repo.js';
import { assertNoop, emptyAccount, ms, strip } from './berth-scenarios.js';
import { berthEnv, listingSizes, setupEnv, tempDir, type BenchContext } from './context.js';
import { registerAll } from './direct-aws.js';
import { berthCli, measured, type Sample } from './measure.js';
import { summarise, type ScenarioResult } from './results.js';
import { makeJobs } from './workload.js';

export interface NoopVariant {
  keepRevisions: number;
  /** Task definitions of other families in the account (not berth's). */
  foreign: number;
}

export const NOOP_VARIANTS: readonly NoopVariant[] = [
  { keepRevisions: 1, foreign: 0 },
  { keepRevisions: 3, foreign: 0 },
  { keepRevisions: 10, foreign: 0 },
  { keepRevisions: 3, foreign: 2000 },
];

export async function noopCost(
  ctx: BenchContext,
  variants: readonly NoopVariant[] = NOOP_VARIANTS,
): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  for (const v of variants) {
    const repo = await BenchRepo.create(makeJobs(ctx.jobs), { keepRevisions: v.keepRevisions });
    try {
      await emptyAccount(ctx);
      const e = await evaluateRepository(repo.dir);
      if (!e.desired) throw new Error('bench repository does not validate');
      const inputs = e.desired.jobs.map((j) => j.taskDefinition);
      for (let i = 0; i < v.keepRevisions; i++) await registerAll(ctx.aws, inputs);
      await registerAll(ctx.aws, foreignTaskDefinitions(v.foreign));
      const cache = await tempDir(ctx, 'cache');
      const cli = (command: string[]) => ['-C', repo.dir, ...command, '-o', 'json', '--cache-dir', cache];
      const set = await berthCli(cli(['apply', '--auto-approve']), setupEnv(ctx));
      if (set.code !== 0)
        throw new Error(`set-up apply failed: ${set.stderr.slice(-300)} ${set.stdout.slice(-300)}`);
      // Through the proxy (the cache is per endpoint), paced when the proxy enforces quotas.
      const cold = await berthCli(
        cli(['plan']),
        berthEnv(ctx, ctx.mode === 'realistic' ? 'default-limits' : 'raised-limits'),
      );
      assertNoop(cold.stdout, 'noop-cost cold plan');

      const sizes = await listingSizes(ctx);
      const samples: Sample[] = [];
      for (let rep = 1; rep <= ctx.reps; rep++) {
        const s = await measured('berth plan (warm, steady state)', ctx.proxy, sizes, () =>
          berthCli(cli(['plan']), berthEnv(ctx)),
        );
        assertNoop(s.run.stdout, 'noop-cost warm plan');
        samples.push(strip(s));
      }
      const variant = `keep=${v.keepRevisions}${v.foreign ? `+${v.foreign} foreign` : ''}`;
      ctx.log(`  warm no-op, ${variant}: ${ms(samples[0]?.wallMs ?? NaN)} first of ${samples.length}`);
      out.push(
        summarise(
          {
            jobs: ctx.jobs,
            tool: 'berth',
            scenario: 'noop-cost',
            variant,
            command: 'berth plan -o json (warm cache, steady state)',
            notes: [
              `every family holds keepRevisions ACTIVE revisions; "+K foreign": K task definitions of other families in the account; ${sizes.activeRevisions || 'paged'} active revisions listed`,
            ],
          },
          samples,
        ),
      );
    } finally {
      await repo.dispose();
    }
  }
  return out;
}

/** Another team's task definitions: families of 10 revisions each, none berth's. */
function foreignTaskDefinitions(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    family: `other-team-${String(Math.floor(i / 10)).padStart(4, '0')}`,
    requiresCompatibilities: ['FARGATE' as const],
    networkMode: 'awsvpc' as const,
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      { name: 'app', image: 'public.ecr.aws/docker/library/busybox:latest', essential: true },
    ],
  }));
}
