// Where a warm no-op plan's time goes: berth's own modules (the built dist/, as the CLI runs
// them) timed phase by phase in this process (load + validate + render the manifests, read live
// state through the warm cache, compute the plan, render it), and the CLI's start-up alone
// (`berth plan --help`: Node plus every module the plan command loads, nothing run).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ms, strip } from './berth-scenarios.js';
import { listingSizes, tempDir, type BenchContext } from './context.js';
import { awsEnv } from './direct-aws.js';
import { awsEquivalent } from './aws-equivalent.js';
import { berthCli, measured, type Sample } from './measure.js';
import { summarise, type ScenarioResult } from './results.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- dist modules are plain JS loaded at run time */
export async function planPhases(ctx: BenchContext): Promise<ScenarioResult[]> {
  const dist = (p: string): Promise<any> => import(pathToFileURL(path.join(ctx.root, 'dist/src', p)).href);
  const { evaluateRepository } = await dist('pipeline/evaluate.js');
  const { readLiveState, DiskLiveCache } = await dist('live/index.js');
  const { computePlan } = await dist('plan/index.js');
  const { renderPlanJson, renderPlanText } = await dist('report/index.js');
  const { createAwsPorts } = await dist('aws/index.js');

  const saved = { ...process.env };
  Object.assign(process.env, awsEnv(ctx.proxy.url));
  const samples: Sample[] = [];
  try {
    const ports = createAwsPorts({ region: 'us-east-1' });
    const cache = new DiskLiveCache(await tempDir(ctx, 'cache'));
    const sizes = await listingSizes(ctx);
    for (let rep = 0; rep <= ctx.reps; rep++) {
      const t0 = performance.now();
      const evaluation = await evaluateRepository(ctx.repo.dir);
      const desired = evaluation.desired;
      if (!desired) throw new Error('bench repository does not validate');
      const t1 = performance.now();
      ctx.proxy.reset();
      const live = await readLiveState(ports, {
        owner: desired.owner,
        scheduleGroup: desired.scheduleGroup,
        namePrefix: desired.namePrefix,
        cache,
      });
      const calls = ctx.proxy.counts();
      const t2 = performance.now();
      const plan = computePlan(desired, live, { now: new Date() });
      const t3 = performance.now();
      renderPlanJson(plan);
      const t4 = performance.now();
      renderPlanText(plan, { color: false });
      const t5 = performance.now();
      if (plan.summary.create + plan.summary.update + plan.summary.delete > 0)
        throw new Error('plan phases: not a no-op plan');
      // The first pass only fills the cache (a cold read): it is not a warm sample.
      if (rep === 0) continue;
      samples.push({
        wallMs: t4 - t0,
        calls,
        awsEq: awsEquivalent(calls, sizes),
        extra: {
          evaluateMs: t1 - t0,
          readLiveMs: t2 - t1,
          computePlanMs: t3 - t2,
          renderJsonMs: t4 - t3,
          renderTextMs: t5 - t4,
        },
      });
      ctx.log(
        `  plan phases ${rep}/${ctx.reps}: evaluate ${ms(t1 - t0)}, read ${ms(t2 - t1)}, plan ${ms(t3 - t2)}, json ${ms(t4 - t3)}`,
      );
    }
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }

  const startup: Sample[] = [];
  for (let rep = 1; rep <= ctx.reps; rep++) {
    const s = await measured('berth plan --help', ctx.proxy, { activeRevisions: 0 }, () =>
      berthCli(['plan', '--help'], {}),
    );
    startup.push({ ...strip(s), calls: {}, awsEq: {} });
  }
  const base = { jobs: ctx.jobs, tool: 'berth' as const, variant: 'default-limits' };
  return [
    summarise(
      {
        ...base,
        scenario: 'warm-plan-phases',
        command:
          'in process, dist/ modules: evaluate → readLiveState (warm disk cache) → computePlan → renderPlanJson',
        notes: [
          'wall = evaluate + read + plan + JSON, without Node start-up and module loading (see cli-startup)',
        ],
      },
      samples,
    ),
    summarise(
      {
        ...base,
        scenario: 'cli-startup',
        command: 'berth plan --help',
        notes: ['Node start-up plus the modules the plan command loads'],
      },
      startup,
    ),
  ];
}
