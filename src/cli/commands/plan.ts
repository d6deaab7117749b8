// `berth plan`: what apply would change, terraform-style, as JSON, or as a PR comment.
import type { Command } from 'commander';
import { planAgainstLive } from '../../pipeline/plan-live.js';
import { planInSync, renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../report/index.js';
import { cacheFor, desiredOrFail, jobPlansFor, settingsOf, withPlanReadOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { collect } from '../options.js';
import { readProgress } from '../read-progress.js';
import { outputOption } from '../option-parsers.js';
import { renderStats } from '../stats-output.js';

interface PlanFlags {
  output: 'text' | 'json' | 'markdown';
  detailedExitcode?: boolean;
  target: string[];
  stats?: boolean;
  ref?: string;
}

export function register(program: Command): void {
  withPlanReadOptions(
    program
      .command('plan')
      .description('show what apply would change in AWS (create / update / delete), field by field')
      .addOption(outputOption(['text', 'json', 'markdown'], 'text'))
      .option(
        '--detailed-exitcode',
        'exit 0 when in sync, 2 when there are changes or AWS stays different (refused prune, conflict), 1 on error',
      )
      .option('-t, --target <job>', 'plan only this job (repeatable)', collect, [])
      .option('--stats', 'report AWS calls by operation, cache hits and lookups on stderr')
      .option(
        '--ref <ref>',
        'plan the manifests as they are at this git branch, tag or commit (the working tree is left alone)',
      ),
  ).action(async (flags: PlanFlags, cmd: Command) => {
    const settings = settingsOf(cmd);
    const { evaluation, desired, ports: portsOf } = await desiredOrFail(settings, { ref: flags.ref });
    const ports = portsOf();
    const stop = readProgress(ports.calls, desired.jobs.length, process.stderr, {
      tty: Boolean(process.stderr.isTTY),
    });
    const { live, plan } = await planAgainstLive(desired, ports, cacheFor(settings), {
      ...(await jobPlansFor(settings, desired)),
      now: new Date(),
      targets: flags.target,
      concurrency: settings.concurrency * 2,
    }).finally(stop);
    if (flags.output === 'json') process.stdout.write(renderPlanJson(plan));
    else if (flags.output === 'markdown') process.stdout.write(renderPlanMarkdown(plan));
    else process.stdout.write(renderPlanText(plan, { color: settings.color }));
    if (flags.stats)
      process.stderr.write(
        renderStats(live.stats, Object.keys(live.families).length, evaluation.load.lookupStats),
      );
    // A refused prune or a conflict plans no change, yet AWS is not what git says.
    process.exitCode = flags.detailedExitcode && !planInSync(plan) ? EXIT.changes : EXIT.ok;
  });
}
