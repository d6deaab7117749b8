// `berth apply [PLAN_FILE]`: make AWS equal to the manifests, safely and idempotently.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { applyPlan } from '../../apply/apply.js';
import type { Lease } from '../../lease/lease.js';
import type { DesiredState } from '../../model/desired.js';
import { BerthError } from '../../model/errors.js';
import { planAgainstLive } from '../../pipeline/plan-live.js';
import { assertPlanCurrent, parseSavedPlan } from '../../pipeline/stale-plan.js';
import type { Plan } from '../../model/plan.js';
import { hasChanges, heldBack, heldBackText, renderPlanJson, renderPlanText } from '../../report/index.js';
import { parseDuration } from '../../run/duration.js';
import type { RuntimeSettings } from '../../config/runtime.js';
import { progressPrinter, renderApplySummary } from '../apply-output.js';
import { confirm } from '../confirm.js';
import { cacheFor, desiredOrFail, jobPlansFor, portsFor, settingsOf, withAwsOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { abortOnSignals, holdLease } from '../lease.js';
import { collect } from '../options.js';
import { verifyBeforeApply } from './verify.js';

interface ApplyFlags {
  autoApprove?: boolean;
  dryRun?: boolean;
  target: string[];
  output: 'text' | 'json';
  concurrency?: string;
  verify?: boolean;
  lockTimeout?: string;
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('apply')
      .argument('[plan-file]', 'a plan saved with `berth plan -o json`; refused when live state moved since')
      .description('apply the plan: create / update / delete task definitions and schedules')
      .addHelpText(
        'after',
        '\nExit status: 0 AWS matches git, 1 error or failed job, 2 applied what it could but AWS ' +
          "still differs\nfrom git by berth's own refusal (a prune guard refused, jobs in conflict).",
      )
      .option('--auto-approve', 'do not ask for confirmation')
      .option('--dry-run', 'print the plan and change nothing')
      .option('-t, --target <job>', 'apply only this job (repeatable)', collect, [])
      .option('-o, --output <format>', 'text | json', 'text')
      .option('--concurrency <n>', 'jobs applied at once (default 4)')
      .option('--verify', 'run `berth verify` first and stop (exit 1) if a reference is missing')
      .option(
        '--lock-table <name>',
        'DynamoDB lease table [BERTH_LOCK_TABLE] (default: berth.yaml spec.lock)',
      )
      .option('--no-lock', 'apply without the lease: nothing stops a concurrent apply or controller')
      .option(
        '--lock-timeout <duration>',
        'wait this long for a lease another berth holds (default 0: fail at once)',
      ),
  ).action(async (planFile: string | undefined, flags: ApplyFlags, cmd: Command) => {
    const settings = settingsOf(cmd);
    const timeoutMs = flags.lockTimeout ? parseDuration(flags.lockTimeout, '--lock-timeout') : 0;
    const { evaluation, desired } = await desiredOrFail(settings);
    if (flags.verify && !(await verifyBeforeApply(settings, evaluation, desired, flags.target))) {
      process.exitCode = EXIT.error;
      return;
    }
    // The lease covers the final read of live state, the plan and the apply; a dry run writes nothing.
    const stop = new AbortController();
    const unhook = abortOnSignals(stop);
    try {
      const lease = flags.dryRun
        ? undefined
        : await holdLease(settings, desired, { timeoutMs, signal: stop.signal });
      try {
        process.exitCode = await planAndApply(planFile, flags, settings, desired, { stop, lease });
      } finally {
        await lease?.release();
      }
    } finally {
      unhook();
    }
  });
}

async function planAndApply(
  planFile: string | undefined,
  flags: ApplyFlags,
  settings: RuntimeSettings,
  desired: DesiredState,
  ctx: { stop: AbortController; lease: Lease | undefined },
): Promise<number> {
  const ports = portsFor(settings, desired);
  const { live, plan } = await planAgainstLive(desired, ports, cacheFor(settings), {
    ...(await jobPlansFor(settings, desired)),
    now: new Date(),
    targets: flags.target,
  });
  if (planFile) assertPlanCurrent(parseSavedPlan(await readFile(planFile, 'utf8'), planFile), plan, planFile);

  const json = flags.output === 'json';
  if (!json) process.stdout.write(renderPlanText(plan, { color: settings.color }));
  if (!hasChanges(plan.summary) || flags.dryRun) {
    if (json) process.stdout.write(renderPlanJson(plan));
    return flags.dryRun ? EXIT.ok : stillDifferent(plan);
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
    if (!(await confirm('Do you want berth to perform these actions?', ctx.stop.signal))) {
      process.stderr.write('Apply cancelled.\n');
      return EXIT.error;
    }
  }
  // Lost while planning or waiting for "yes": someone else may be writing now.
  if (ctx.lease?.signal.aborted) throw ctx.lease.signal.reason as BerthError;
  if (ctx.stop.signal.aborted) {
    process.stderr.write('Interrupted before applying: nothing was changed.\n');
    return EXIT.error;
  }

  const concurrency = Number(flags.concurrency ?? settings.concurrency) || settings.concurrency;
  const signal = ctx.lease ? AbortSignal.any([ctx.stop.signal, ctx.lease.signal]) : ctx.stop.signal;
  const result = await applyPlan(plan, desired, live, {
    ports,
    now: () => Date.now(),
    concurrency,
    signal,
    ...(json ? {} : { onEvent: progressPrinter(process.stderr) }),
  });
  const lost = ctx.lease?.signal.aborted ? (ctx.lease.signal.reason as BerthError) : undefined;
  if (json)
    process.stdout.write(
      JSON.stringify(
        {
          kind: 'berth.apply',
          ...result,
          warnings: plan.warnings,
          refusedPrune: plan.refusedPrune ?? null,
          ...(lost ? { leaseLost: lost.message } : {}),
        },
        null,
        2,
      ) + '\n',
    );
  else process.stdout.write(renderApplySummary(result));
  if (lost) {
    const skipped = result.jobs.filter((j) => j.error?.code === 'Interrupted').length;
    process.stderr.write(`berth: ${lost.message}; berth stopped starting jobs (${skipped} not applied)\n`);
    if (lost.hint) process.stderr.write(`  hint: ${lost.hint}\n`);
    return EXIT.error;
  }
  return result.ok ? stillDifferent(plan) : EXIT.error;
}

/**
 * Exit 2 when everything berth would do is done but AWS still differs from git by berth's own
 * refusal (a prune guard, a conflict): the command did not do what git says, without failing.
 */
function stillDifferent(plan: Plan): number {
  const held = heldBackText(heldBack(plan));
  if (!held) return EXIT.ok;
  process.stderr.write(`berth: AWS still differs from git: ${held}\n`);
  return EXIT.changes;
}
