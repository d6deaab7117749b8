// `berth backfill JOB --from D --to D --every P [-- ARG...]`: run a job once per window,
// each window's start/end passed through {{window.*}} placeholders; resumable.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { jsonDocument } from '../../report/json-envelope.js';
import { loadRepository } from '../../manifests/index.js';
import { backfill } from '../../run/backfill.js';
import {
  defaultRecordPath,
  emptyRecord,
  readRecord,
  succeededStarts,
  writeRecord,
} from '../../run/backfill-record.js';
import { backfillSpec } from '../../run/backfill-spec.js';
import { systemClock } from '../../run/clock.js';
import { shellJoin, shellQuote } from '../../run/display.js';
import { parseDuration } from '../../run/duration.js';
import {
  backfillJson,
  dryRunJson,
  formatDryRun,
  formatHeader,
  formatSummary,
} from '../../run/format-backfill.js';
import { jobContext } from '../../run/job-context.js';
import { outputFormat } from '../../run/output-format.js';
import { parseEnvAssignments } from '../../run/overrides.js';
import { prepareRun } from '../../run/prepare.js';
import { BackfillProgress } from '../../run/progress.js';
import { commandAws, loadOptions, portsFor, settingsOf } from '../context.js';
import { assertAccount } from '../../pipeline/account.js';
import { collect } from '../options.js';
import { accountIdOption, intOption, outputOption, regionOption } from '../option-parsers.js';

interface BackfillFlags {
  from: string;
  to: string;
  every: string;
  timezone?: string;
  scheduledTime: string;
  concurrency: number;
  dryRun?: boolean;
  resume?: boolean;
  stateFile?: string;
  wait: boolean;
  timeout?: string;
  env: string[];
  container?: string;
  output: string;
  region?: string;
  profile?: string;
  accountId?: string;
}

export function register(program: Command): void {
  program
    .command('backfill')
    .description('run a job once per time window (e.g. each month of 2018), N at a time, resumable')
    .argument('<job>', 'job name (metadata.name)')
    .argument(
      '[args...]',
      'after --: replaces the command of the job\u2019s container ({{window.*}} allowed)',
    )
    .requiredOption(
      '--from <date>',
      'start of the first window (ISO date or date-time, in the job\u2019s time zone)',
    )
    .requiredOption('--to <date>', 'end of the last window, exclusive')
    .requiredOption('--every <period>', 'window length: "1 month", "7 days", "6 hours", P1M, …')
    .option(
      '--timezone <zone>',
      'IANA zone the windows are cut in (default: the job\u2019s schedule zone, else UTC)',
    )
    .option(
      '--scheduled-time <start|end>',
      'window boundary that replaces <aws.scheduler.scheduled-time> (end: for jobs that load the period before it)',
      'start',
    )
    .option('-c, --concurrency <n>', 'windows running at once, 1-100', intOption(1, 100), 1)
    .option('--dry-run', 'list the windows and the command each would get; start nothing')
    .option('--resume', 'skip the windows that already succeeded (see --state-file)')
    .option('--state-file <path>', 'the resume record (default: .berth/backfill/<job>-<hash>.json)')
    .option('--no-wait', 'only start each window\u2019s task, without waiting for it to stop')
    .option('--timeout <duration>', 'give up waiting for one window after this long (e.g. 2h)')
    .option(
      '-e, --env <NAME=VALUE>',
      'set an environment variable of the container (repeatable); an environment of berth.yaml goes before the command: berth --env NAME backfill …',
      collect,
      [],
    )
    .option(
      '--container <name>',
      'container the arguments and --env go to (default: the job\u2019s main container)',
    )
    .addOption(outputOption(['text', 'json'], 'text'))
    .option(
      '--region <region>',
      'AWS region [BERTH_REGION] (default: berth.yaml spec.region, then the SDK chain)',
      regionOption,
    )
    .option('--profile <name>', 'AWS shared-config profile')
    .option(
      '--account-id <id>',
      'account for the cluster ARN when berth.yaml has no schedulerRoleArn',
      accountIdOption,
    )
    .action(async (job: string, args: string[], flags: BackfillFlags, cmd: Command) => {
      process.exitCode = await run(job, args, flags, cmd);
    });
}

async function run(name: string, args: string[], flags: BackfillFlags, cmd: Command): Promise<number> {
  const output = outputFormat(flags.output);
  const concurrency = flags.concurrency;
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout);
  const env = parseEnvAssignments(flags.env);
  const settings = settingsOf(cmd);
  const aws = commandAws(settings);
  // A dry run makes no AWS call: lookups that need AWS stay unresolved in what it prints.
  const ctx = jobContext(
    await loadRepository(settings.root, loadOptions(settings, flags.dryRun ? false : aws)),
    name,
    {
      ...(settings.region ? { region: settings.region } : {}),
      ...(flags.accountId ? { accountId: flags.accountId } : {}),
    },
  );

  // Windows and what each runs: all from the manifests, before any AWS call (--dry-run needs none).
  const spec = backfillSpec(
    ctx,
    {
      from: flags.from,
      to: flags.to,
      every: flags.every,
      scheduledTimeAt: flags.scheduledTime,
      ...(flags.timezone ? { timezone: flags.timezone } : {}),
      ...(flags.container ? { container: flags.container } : {}),
      args,
      env,
    },
    randomUUID,
  );
  const { key, meta, container, windows: plan } = spec;
  const recordFile = flags.stateFile ? path.resolve(flags.stateFile) : defaultRecordPath(settings.root, key);
  // Without --resume an earlier record is only the base the new results overwrite.
  const previous = await readRecord(recordFile, key).catch((err: unknown) => {
    if (flags.resume) throw err;
    return undefined;
  });
  const skip = flags.resume ? succeededStarts(previous) : new Set<string>();
  const before = succeededStarts(previous).size;
  if (!flags.resume && before > 0)
    process.stderr.write(
      `note: ${before} window(s) of this backfill succeeded before and run again (--resume skips them)\n`,
    );

  if (flags.dryRun) {
    if (output === 'json') process.stdout.write(jsonDocument('berth.backfill', dryRunJson(meta, plan, skip)));
    else process.stdout.write(formatDryRun(meta, plan, skip));
    return 0;
  }

  const ports = portsFor(settings, ctx.desired, aws);
  await assertAccount(ports, ctx.desired.account, ctx.desired.environment);
  const deps = { ecs: ports.ecs, clock: systemClock, uuid: randomUUID };
  const prepared = await prepareRun(deps.ecs, {
    job: ctx.job,
    owner: ctx.desired.owner,
    settings: ctx.settings,
    container,
  });
  if (prepared.revision.stale)
    process.stderr.write(
      `warning: ${prepared.revision.arn} differs from what the manifests render now (see \`berth plan\`)\n`,
    );
  const note = skip.size > 0 ? `${skip.size} succeeded before, skipped` : '';
  process.stderr.write(formatHeader(meta, plan, note));

  // First Ctrl-C: start nothing new, finish the running windows. Second: stop waiting too.
  const stop = new AbortController();
  const abandon = new AbortController();
  const onSigint = () => {
    if (!stop.signal.aborted) {
      stop.abort();
      process.stderr.write(
        '\ninterrupted: starting no new window; waiting for the running ones (Ctrl-C again to stop waiting)\n',
      );
    } else abandon.abort();
  };
  process.on('SIGINT', onSigint);
  const tty = Boolean(process.stderr.isTTY);
  const progress = new BackfillProgress(process.stderr, tty, deps.clock, plan.length);
  const ticker = tty ? setInterval(() => progress.tick(), 1000) : undefined;
  ticker?.unref();
  try {
    const result = await backfill(deps, {
      prepared,
      windows: plan,
      concurrency,
      wait: flags.wait,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      skip,
      record: previous ?? emptyRecord(key, new Date().toISOString()),
      persist: (r) => writeRecord(recordFile, r),
      stop: stop.signal,
      abandon: abandon.signal,
      onEvent: (e) => progress.event(e),
    });
    progress.finish();
    const relative = path.relative(process.cwd(), recordFile);
    const shown = relative && !relative.startsWith('..') ? relative : recordFile;
    if (output === 'json')
      process.stdout.write(jsonDocument('berth.backfill', backfillJson(meta, result, shown)));
    else process.stdout.write(formatSummary(meta, result, shown, resumeCommand(name, args, flags, cmd)));
    return result.exitCode;
  } finally {
    if (ticker) clearInterval(ticker);
    process.removeListener('SIGINT', onSigint);
  }
}

/** The same backfill with --resume: what to type to finish it. */
function resumeCommand(job: string, args: string[], flags: BackfillFlags, cmd: Command): string {
  const dir = cmd.optsWithGlobals<{ dir?: string }>().dir;
  const parts = [
    'berth',
    ...(dir && dir !== '.' ? ['-C', shellQuote(dir)] : []),
    'backfill',
    shellQuote(job),
  ];
  parts.push('--from', shellQuote(flags.from), '--to', shellQuote(flags.to));
  parts.push('--every', shellQuote(flags.every));
  if (flags.timezone) parts.push('--timezone', shellQuote(flags.timezone));
  if (flags.scheduledTime !== 'start') parts.push('--scheduled-time', flags.scheduledTime);
  if (flags.container) parts.push('--container', shellQuote(flags.container));
  for (const e of flags.env) parts.push('--env', shellQuote(e));
  if (flags.concurrency !== 1) parts.push('--concurrency', String(flags.concurrency));
  if (flags.stateFile) parts.push('--state-file', shellQuote(flags.stateFile));
  if (!flags.wait) parts.push('--no-wait');
  if (flags.timeout) parts.push('--timeout', shellQuote(flags.timeout));
  if (flags.region) parts.push('--region', shellQuote(flags.region));
  if (flags.profile) parts.push('--profile', shellQuote(flags.profile));
  if (flags.accountId) parts.push('--account-id', shellQuote(flags.accountId));
  parts.push('--resume');
  if (args.length > 0) parts.push('--', shellJoin(args));
  return parts.join(' ');
}
