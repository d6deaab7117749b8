// `berth apply [PLAN_FILE]`: make AWS equal to the manifests, safely and idempotently.
import { applyRunFeed } from '../../runs/feed-apply.js';
import { feedChanges, planRunFeed, renderFeedPlan } from '../../runs/feed-plan.js';
import { runFeedPorts } from '../run-feed.js';
import type { Command } from 'commander';
import { applyPlan } from '../../apply/apply.js';
import type { Lease } from '../../lease/lease.js';
import type { DesiredState } from '../../model/desired.js';
import { BerthError } from '../../model/errors.js';
import { planAgainstLive } from '../../pipeline/plan-live.js';
import { assertPlanCurrent, parseSavedPlan, type SavedPlanDoc } from '../../pipeline/stale-plan.js';
import type { Plan } from '../../model/plan.js';
import {
  hasChanges,
  heldBack,
  heldBackText,
  jsonDocument,
  planDocument,
  planInSync,
  renderPlanText,
} from '../../report/index.js';
import { parseDuration } from '../../run/duration.js';
import type { RuntimeSettings } from '../../config/runtime.js';
import { progressPrinter, renderApplySummary } from '../apply-output.js';
import { confirm } from '../confirm.js';
import { readPlanFile } from '../plan-file.js';
import {
  accessOf,
  cacheFor,
  desiredOrFail,
  jobPlansFor,
  portsFor,
  settingsOf,
  withPlanReadOptions,
  type CommandAws,
} from '../context.js';
import type { AwsPorts } from '../../model/ports.js';
import { EXIT } from '../exit-codes.js';
import { abortOnSignals, holdLease } from '../lease.js';
import { readProgress } from '../read-progress.js';
import { collect } from '../options.js';
import { intOption, outputOption, tableNameOption } from '../option-parsers.js';
import { verifyBeforeApply } from './verify.js';

interface ApplyFlags {
  autoApprove?: boolean;
  dryRun?: boolean;
  target: string[];
  output: 'text' | 'json';
  concurrency?: number;
  verify?: boolean;
  lockTimeout?: string;
}

export function register(program: Command): void {
  withPlanReadOptions(
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
      .addOption(outputOption(['text', 'json'], 'text'))
      .option(
        '--concurrency <n>',
        'jobs applied at once, 1-100 [BERTH_CONCURRENCY] (default 4)',
        intOption(1, 100),
      )
      .option('--verify', 'run `berth verify` first and stop (exit 1) if a reference is missing')
      .option(
        '--lock-table <name>',
        'DynamoDB lease table [BERTH_LOCK_TABLE] (default: berth.yaml spec.lock)',
        tableNameOption,
      )
      .option('--no-lock', 'apply without the lease: nothing stops a concurrent apply or controller')
      .option(
        '--lock-timeout <duration>',
        'wait this long for a lease another berth holds (default 0: fail at once)',
      ),
  ).action(async (planFile: string | undefined, flags: ApplyFlags, cmd: Command) => {
    const settings = settingsOf(cmd);
    const timeoutMs = flags.lockTimeout ? parseDuration(flags.lockTimeout, '--lock-timeout') : 0;
    // A missing, unreadable or foreign plan file stops apply before the repository or AWS is read.
    const saved = planFile
      ? { file: planFile, doc: parseSavedPlan(await readPlanFile(planFile), planFile) }
      : undefined;
    const { evaluation, desired, aws } = await desiredOrFail(settings);
    if (flags.verify && !(await verifyBeforeApply(settings, evaluation, desired, flags.target, aws))) {
      process.exitCode = EXIT.error;
      return;
    }
    // The lease covers the final read of live state, the plan and the apply; a dry run writes nothing.
    const stop = new AbortController();
    const unhook = abortOnSignals(stop);
    try {
      const lease = flags.dryRun
        ? undefined
        : await holdLease(settings, desired, {
            timeoutMs,
            signal: stop.signal,
            aws: aws.options(accessOf(desired)),
          });
      try {
        process.exitCode = await planAndApply(saved, flags, settings, desired, {
          stop,
          lease,
          aws,
          ports: portsFor(settings, desired, aws),
        });
      } finally {
        await lease?.release();
      }
    } finally {
      unhook();
    }
  });
}

async function planAndApply(
  saved: { file: string; doc: SavedPlanDoc } | undefined,
  flags: ApplyFlags,
  settings: RuntimeSettings,
  desired: DesiredState,
  ctx: { stop: AbortController; lease: Lease | undefined; aws: CommandAws; ports: AwsPorts },
): Promise<number> {
  const ports = ctx.ports;
  const cache = cacheFor(settings);
  const stop = readProgress(ports.calls, desired.jobs.length, process.stderr, {
    tty: Boolean(process.stderr.isTTY),
  });
  const { live, plan } = await planAgainstLive(desired, ports, cache, {
    ...(await jobPlansFor(settings, desired)),
    now: new Date(),
    targets: flags.target,
  }).finally(stop);
  if (saved) assertPlanCurrent(saved.doc, plan, saved.file);

  const json = flags.output === 'json';
  // The run feed (spec.runs) is planned beside the jobs: read only when berth.yaml has spec.runs.
  const feedPort = desired.runs
    ? runFeedPorts((d) => ctx.aws.options(accessOf(d)))(desired, ports)
    : undefined;
  const feed = feedPort ? await planRunFeed(feedPort, desired) : undefined;
  if (!json) process.stdout.write(renderPlanText(plan, { color: settings.color }) + renderFeedPlan(feed));
  if ((!hasChanges(plan.summary) && !feedChanges(feed)) || flags.dryRun) {
    // Always berth.apply, with the plan inside: a script reads one kind whatever happened.
    if (json)
      process.stdout.write(
        jsonDocument('berth.apply', {
          ok: true,
          applied: false,
          dryRun: Boolean(flags.dryRun),
          ...endState(plan, planInSync(plan)),
          plan: planDocument(plan),
          group: null,
          jobs: [],
          calls: {},
          durationMs: 0,
          interrupted: false,
        }),
      );
    return flags.dryRun ? EXIT.ok : stillDifferent(plan);
  }
  if (!flags.autoApprove && !saved) {
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

  const signal = ctx.lease ? AbortSignal.any([ctx.stop.signal, ctx.lease.signal]) : ctx.stop.signal;
  const result = await applyPlan(plan, desired, live, {
    ports,
    now: () => Date.now(),
    concurrency: settings.concurrency,
    signal,
    onRetagged: (arn) => cache.dropRevision(arn),
    onReadBack: (name, value) => cache.putSchedule(name, value),
    // Progress goes to stderr with -o json too: stdout carries only the document.
    onEvent: progressPrinter(process.stderr),
  });
  // The cache only saves calls: failing to write it must not fail the apply.
  await cache.save().catch(() => undefined);
  const feedResult =
    feedPort && feed && feedChanges(feed) && !signal.aborted ? await applyRunFeed(feedPort, feed) : undefined;
  for (const e of feedResult?.errors ?? []) process.stderr.write(`berth: run feed: ${e}\n`);
  const lost = ctx.lease?.signal.aborted ? (ctx.lease.signal.reason as BerthError) : undefined;
  const { ok, ...rest } = result;
  if (json)
    process.stdout.write(
      jsonDocument('berth.apply', {
        ok,
        applied: true,
        dryRun: false,
        ...endState(
          plan,
          ok && !lost && (feedResult?.errors.length ?? 0) === 0 && heldBackText(heldBack(plan)) === undefined,
        ),
        plan: planDocument(plan),
        ...rest,
        ...(feedResult ? { runFeed: feedResult } : {}),
        ...(lost ? { leaseLost: lost.message } : {}),
      }),
    );
  else process.stdout.write(renderApplySummary(result));
  if (lost) {
    const skipped = result.jobs.filter((j) => j.error?.code === 'Interrupted').length;
    process.stderr.write(`berth: ${lost.message}; berth stopped starting jobs (${skipped} not applied)\n`);
    if (lost.hint) process.stderr.write(`  hint: ${lost.hint}\n`);
    return EXIT.error;
  }
  if ((feedResult?.errors.length ?? 0) > 0) return EXIT.error;
  return ok ? stillDifferent(plan) : EXIT.error;
}

/**
 * berth.apply's word on the end state, at the top where scripts look first: inSync when AWS
 * matches git once this command is done (nothing failed, nothing left to change, nothing held
 * back), and why not: the plan's warnings and refused prune (also inside `plan`).
 */
function endState(plan: Plan, inSync: boolean) {
  return { inSync, warnings: plan.warnings, refusedPrune: plan.refusedPrune ?? null };
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
