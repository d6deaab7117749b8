// `berth apply [PLAN_FILE]`: make AWS equal to the manifests, safely and idempotently.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { applyPlan } from '../../apply/apply.js';
import { BerthError } from '../../model/errors.js';
import { planAgainstLive } from '../../pipeline/plan-live.js';
import { assertPlanCurrent, parseSavedPlan } from '../../pipeline/stale-plan.js';
import { hasChanges, renderPlanJson, renderPlanText } from '../../report/index.js';
import { progressPrinter, renderApplySummary } from '../apply-output.js';
import { confirm } from '../confirm.js';
import { cacheFor, desiredOrFail, portsFor, settingsOf, withAwsOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { collect } from '../options.js';
import { verifyBeforeApply } from './verify.js';

interface ApplyFlags {
  autoApprove?: boolean;
  dryRun?: boolean;
  target: string[];
  output: 'text' | 'json';
  concurrency?: string;
  verify?: boolean;
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('apply')
      .argument('[plan-file]', 'a plan saved with `berth plan -o json`; refused when live state moved since')
      .description('apply the plan: create / update / delete task definitions and schedules')
      .option('--auto-approve', 'do not ask for confirmation')
      .option('--dry-run', 'print the plan and change nothing')
      .option('-t, --target <job>', 'apply only this job (repeatable)', collect, [])
      .option('-o, --output <format>', 'text | json', 'text')
      .option('--concurrency <n>', 'jobs applied at once (default 4)')
      .option('--verify', 'run `berth verify` first and stop (exit 1) if a reference is missing'),
  ).action(async (planFile: string | undefined, flags: ApplyFlags, cmd: Command) => {
    const settings = settingsOf(cmd);
    const { evaluation, desired } = await desiredOrFail(settings);
    if (flags.verify && !(await verifyBeforeApply(settings, evaluation, desired, flags.target))) {
      process.exitCode = EXIT.error;
      return;
    }
    const ports = portsFor(settings, desired);
    const cache = cacheFor(settings);
    const { live, plan } = await planAgainstLive(desired, ports, cache, {
      now: new Date(),
      targets: flags.target,
    });
    if (planFile)
      assertPlanCurrent(parseSavedPlan(await readFile(planFile, 'utf8'), planFile), plan, planFile);

    const json = flags.output === 'json';
    if (!json) process.stdout.write(renderPlanText(plan, { color: settings.color }));
    if (!hasChanges(plan.summary) || flags.dryRun) {
      if (json) process.stdout.write(renderPlanJson(plan));
      process.exitCode = EXIT.ok;
      return;
    }
    if (!flags.autoApprove && !planFile) {
      if (!settings.interactive) {
        throw new BerthError(
          'Invalid',
          'refusing to apply without confirmation on a non-interactive terminal',
          {
            hint: 'review `berth plan` and pass --auto-approve, or apply a saved plan file',
          },
        );
      }
      if (!(await confirm('Do you want berth to perform these actions?'))) {
        process.stderr.write('Apply cancelled.\n');
        process.exitCode = EXIT.error;
        return;
      }
    }

    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const concurrency = Number(flags.concurrency ?? settings.concurrency) || settings.concurrency;
      const result = await applyPlan(plan, desired, live, {
        ports,
        now: () => Date.now(),
        concurrency,
        signal: stop.signal,
        ...(json ? {} : { onEvent: progressPrinter(process.stderr) }),
      });
      if (json) process.stdout.write(JSON.stringify({ kind: 'berth.apply', ...result }, null, 2) + '\n');
      else process.stdout.write(renderApplySummary(result));
      process.exitCode = result.ok ? EXIT.ok : EXIT.error;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}
