// `berth validate` at N jobs, no AWS: cold (--no-cache: every file read, parsed and checked) and
// warm (unchanged files from the job-file cache, as a second run in CI or on a laptop finds them).
// The figure item 6 of issue 18 asks for at 10,000 jobs (≤ 5 s).
import { tempDir, type BenchContext } from './context.js';
import { ms, strip } from './berth-scenarios.js';
import { berthCli, measured, type Sample } from './measure.js';
import { summarise, type ScenarioResult } from './results.js';

export async function validateScenario(ctx: BenchContext): Promise<ScenarioResult[]> {
  const cache = await tempDir(ctx, 'validate-cache');
  const variants = [
    { variant: 'cold', flags: ['--no-cache'] },
    { variant: 'warm', flags: ['--cache-dir', cache] },
  ];
  const out: ScenarioResult[] = [];
  for (const { variant, flags } of variants) {
    const args = ['-C', ctx.repo.dir, 'validate', '-o', 'json', ...flags];
    // The warm runs find what this first run cached.
    if (variant === 'warm') await berthCli(args, {});
    const samples: Sample[] = [];
    for (let rep = 1; rep <= ctx.reps; rep++) {
      const s = await measured('berth validate', ctx.proxy, { activeRevisions: 0 }, () => berthCli(args, {}));
      if ((JSON.parse(s.run.stdout) as unknown[]).length !== 0)
        throw new Error('validate: diagnostics on the bench repository');
      samples.push(strip(s));
      ctx.log(`  validate (${variant}) ${rep}/${ctx.reps}: ${ms(s.wallMs)}`);
    }
    out.push(
      summarise(
        {
          jobs: ctx.jobs,
          tool: 'berth',
          scenario: 'validate',
          variant,
          command: `berth validate -o json ${flags[0]}${variant === 'warm' ? ' <filled dir>' : ''}`,
        },
        samples,
      ),
    );
  }
  return out;
}
