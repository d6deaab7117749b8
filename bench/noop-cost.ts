// The baseline for items 3 and 4 of issue 18 (a no-op's cost independent of old revisions and of
// other task definitions): a warm no-op plan at N jobs in the steady state of keepRevisions = 1,
// 3 and 10 (every family holds that many ACTIVE revisions), and with unrelated task definitions
// in the account besides. The account is set up directly and uncounted: keepRevisions - 1 older
// revisions of each family (each with content of its own), the foreign families, then `berth
// apply` registers git's revision and creates the schedules, and a cold plan fills the cache;
// the ACTIVE revisions per family are counted before the warm plans are measured.
import { evaluateRepository } from '../src/pipeline/evaluate.js';
import { BenchRepo } from './bench-repo.js';
import { assertNoop, emptyAccount, ms, strip } from './berth-scenarios.js';
import { berthEnv, listingSizes, setupEnv, tempDir, type BenchContext } from './context.js';
import { activeRevisionsPerFamily, registerAll } from './direct-aws.js';
import type { TaskDefinitionInput } from '../src/model/aws-types.js';
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
  { keepRevisions: 1, foreign: 2000 },
  { keepRevisions: 3, foreign: 2000 },
  { keepRevisions: 10, foreign: 2000 },
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
      // Each older revision with content of its own: identical copies are what apply's search for
      // lost registrations retires (the bug that left 1 ACTIVE revision per family in every row).
      for (let i = 1; i < v.keepRevisions; i++)
        await registerAll(
          ctx.aws,
          e.desired.jobs.map((j) => olderGeneration(j.taskDefinition, i)),
        );
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
      // The steady state the row claims, checked rather than assumed.
      const perFamily = await activeRevisionsPerFamily(ctx.aws, e.desired.namePrefix);
      const wrong = [...perFamily].filter(([, n]) => n !== v.keepRevisions);
      if (perFamily.size !== ctx.jobs || wrong.length > 0)
        throw new Error(
          `noop-cost set-up: ${perFamily.size} families, ${wrong.length} without ${v.keepRevisions} ACTIVE revisions (e.g. ${wrong[0]?.join(': ')})`,
        );

      const sizes = await listingSizes(ctx);
      // Light (within the full-read interval: what a warm plan does now) and --full-read (every
      // ACTIVE revision of the account listed: what every warm plan did before issue 18 item 4).
      for (const read of ['light', 'full'] as const) {
        const samples: Sample[] = [];
        for (let rep = 1; rep <= ctx.reps; rep++) {
          const flags = read === 'full' ? ['plan', '--full-read'] : ['plan'];
          const s = await measured(`berth plan (warm, steady state, ${read} read)`, ctx.proxy, sizes, () =>
            berthCli(cli(flags), berthEnv(ctx)),
          );
          assertNoop(s.run.stdout, 'noop-cost warm plan');
          const kind = (JSON.parse(s.run.stdout) as { liveRead?: { kind?: string } }).liveRead?.kind;
          if (kind !== read) throw new Error(`noop-cost: a ${read} read was measured as ${kind}`);
          samples.push(strip(s));
        }
        const variant = `keep=${v.keepRevisions}${v.foreign ? `+${v.foreign} foreign` : ''}, ${read} read`;
        const eq = samples.map((x) => Object.values(x.awsEq).reduce((a, b) => a + b, 0));
        ctx.log(
          `  warm no-op, ${variant}: ${ms(samples[0]?.wallMs ?? NaN)} first of ${samples.length}; AWS-eq calls ${eq.join('/')}: ${JSON.stringify(samples[0]?.awsEq)}`,
        );
        out.push(
          summarise(
            {
              jobs: ctx.jobs,
              tool: 'berth',
              scenario: 'noop-cost',
              variant,
              command: `berth plan -o json${read === 'full' ? ' --full-read' : ''} (warm cache, steady state)`,
              notes: [
                `every family holds keepRevisions ACTIVE revisions (counted before measuring); "+K foreign": K task definitions of other families in the account; ${sizes.activeRevisions || 'paged'} active revisions in the account; ${read === 'light' ? 'light read: families listed by prefix, revision lists from the cache' : 'full read: every ACTIVE revision of the account listed (the behaviour before the light read)'}`,
              ],
            },
            samples,
          ),
        );
      }
    } finally {
      await repo.dispose();
    }
  }
  return out;
}

/** git's task definition with one variable more: a revision of the family's past. */
function olderGeneration(input: TaskDefinitionInput, generation: number): TaskDefinitionInput {
  const [first, ...rest] = input.containerDefinitions ?? [];
  if (!first) return input;
  const environment = [...(first.environment ?? []), { name: 'BENCH_GENERATION', value: String(generation) }];
  return { ...input, containerDefinitions: [{ ...first, environment }, ...rest] };
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
