// `berth validate` at N jobs: every file read, parsed and checked (validate keeps no cache), no
// AWS. The figure item 6 of issue 18 asks for at 10,000 jobs (≤ 5 s).
import type { BenchContext } from './context.js';
import { ms, strip } from './berth-scenarios.js';
import { berthCli, measured, type Sample } from './measure.js';
import { summarise, type ScenarioResult } from './results.js';

export async function validateScenario(ctx: BenchContext): Promise<ScenarioResult[]> {
  const samples: Sample[] = [];
  for (let rep = 1; rep <= ctx.reps; rep++) {
    const s = await measured('berth validate', ctx.proxy, { activeRevisions: 0 }, () =>
      berthCli(['-C', ctx.repo.dir, 'validate', '-o', 'json'], {}),
    );
    if ((JSON.parse(s.run.stdout) as unknown[]).length !== 0)
      throw new Error('validate: diagnostics on the bench repository');
    samples.push(strip(s));
    ctx.log(`  validate ${rep}/${ctx.reps}: ${ms(s.wallMs)}`);
  }
  return [
    summarise(
      {
        jobs: ctx.jobs,
        tool: 'berth',
        scenario: 'validate',
        variant: '-',
        command: 'berth validate -o json',
      },
      samples,
    ),
  ];
}
