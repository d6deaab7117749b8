// `berth run JOB [-- ARG...]`: start a job once now, the way its schedule would, with the
// live task-definition revision; optionally wait and exit with the job's exit code.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { loadRepository } from '../../manifests/index.js';
import { BerthError } from '../../model/errors.js';
import { systemClock } from '../../run/clock.js';
import { parseDuration } from '../../run/duration.js';
import { formatResult, formatStarted, startedJson } from '../../run/format-run.js';
import { jsonDocument } from '../../report/json-envelope.js';
import { jobContext } from '../../run/job-context.js';
import { parseEnvAssignments } from '../../run/overrides.js';
import { startRun, waitRun } from '../../run/run-job.js';
import type { RunDeps, StartedRun } from '../../run/run-job.js';
import { outputFormat } from '../../run/output-format.js';
import { WaitProgress } from '../../run/wait-progress.js';
import type { AwsOptions } from '../../aws/index.js';
import { accessOf, commandAws, loadOptions, portsFor, settingsOf } from '../context.js';
import { assertAccount } from '../../pipeline/account.js';
import { collect } from '../options.js';
import { accountIdOption, outputOption, regionOption } from '../option-parsers.js';

interface RunFlags {
  env: string[];
  container?: string;
  wait?: boolean;
  logs?: boolean;
  timeout?: string;
  output: string;
  accountId?: string;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('start a job once now with its run configuration and the live task definition')
    .argument('<job>', 'job name (metadata.name)')
    .argument('[args...]', 'after --: replaces the command of the job\u2019s container')
    .option(
      '-e, --env <NAME=VALUE>',
      'set an environment variable of the container (repeatable); an environment of berth.yaml goes before the command: berth --env NAME run …',
      collect,
      [],
    )
    .option(
      '--container <name>',
      'container the arguments and --env go to (default: the job\u2019s main container)',
    )
    .option('-w, --wait', 'wait for the task to stop and exit with its essential container\u2019s exit code')
    .option(
      '--logs',
      'with --wait (implied): print the containers\u2019 CloudWatch logs (awslogs) while the task runs',
    )
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 30m, 2h); exits 1')
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
    .action(async (job: string, args: string[], flags: RunFlags, cmd: Command) => {
      process.exitCode = await run(job, args, flags, cmd);
    });
}

async function run(name: string, args: string[], flags: RunFlags, cmd: Command): Promise<number> {
  const output = outputFormat(flags.output);
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout);
  const wait = Boolean(flags.wait) || Boolean(flags.logs) || timeoutMs !== undefined;
  const env = parseEnvAssignments(flags.env);
  const settings = settingsOf(cmd);
  const aws = commandAws(settings);
  const load = await loadRepository(settings.root, loadOptions(settings, aws));
  const ctx = jobContext(load, name, {
    ...(settings.region ? { region: settings.region } : {}),
    ...(flags.accountId ? { accountId: flags.accountId } : {}),
  });
  const ports = portsFor(settings, ctx.desired, aws);
  await assertAccount(ports, ctx.desired.account, ctx.desired.environment);
  const deps: RunDeps = { ecs: ports.ecs, clock: systemClock, uuid: randomUUID };

  const started = await startRun(deps, {
    job: ctx.job,
    owner: ctx.desired.owner,
    settings: ctx.settings,
    ...(ctx.desired.region ? { region: ctx.desired.region } : {}),
    ...(flags.container ? { container: flags.container } : {}),
    ...(args.length > 0 ? { args } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
  });
  const sensitive = ctx.job.sensitiveEnv;
  if (output === 'text') process.stdout.write(formatStarted(started, sensitive));
  if (!wait) {
    if (output === 'json')
      process.stdout.write(jsonDocument('berth.run', { ...startedJson(started, sensitive), wait: null }));
    return started.failures.length > 0 ? 1 : 0;
  }

  // Ctrl-C stops the waiting, not the task: it runs on in ECS.
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  const progress = new WaitProgress(process.stderr, Boolean(process.stderr.isTTY), systemClock);
  const waiting = () =>
    waitRun(
      deps,
      { ...started, taskArns: started.tasks.map((t) => t.taskArn) },
      {
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        signal: stop.signal,
        onPoll: (tasks) => progress.poll(tasks),
      },
    );
  try {
    const result = flags.logs
      ? await withLogs(aws.options(accessOf(ctx.desired)), started, output, waiting)
      : await waiting();
    progress.finish();
    if (output === 'json')
      process.stdout.write(jsonDocument('berth.run', { ...startedJson(started, sensitive), wait: result }));
    else process.stdout.write(formatResult(result));
    // a task RunTask could not place is a failed run even when the others succeeded
    return result.exitCode || (started.failures.length > 0 ? 1 : 0);
  } catch (err) {
    progress.finish();
    throw err instanceof BerthError
      ? err
      : new BerthError('Internal', 'waiting for the task failed', { cause: err });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** The task's log lines while waiting: on stdout, or on stderr when stdout carries JSON. */
async function withLogs<T>(
  // The job's environment's credentials (its role, in its region), as for the run itself.
  options: AwsOptions,
  started: StartedRun,
  output: string,
  waiting: () => Promise<T>,
): Promise<T> {
  const { createReferencePorts } = await import('../../aws/verify-ports.js');
  const { followWhile, LogTail } = await import('../../run/log-tail.js');
  const logs = createReferencePorts(options).logEvents;
  const tail = new LogTail(
    logs,
    started.tasks.flatMap((t) => t.logs),
    output === 'json' ? process.stderr : process.stdout,
  );
  if (started.tasks.every((t) => t.logs.length === 0))
    process.stderr.write('berth: --logs: no container logs with awslogs; nothing to follow\n');
  for (const c of tail.unnamed)
    process.stderr.write(
      `berth: --logs: ${c} has no awslogs-stream-prefix, so its stream cannot be named; not followed\n`,
    );
  return followWhile(tail, systemClock, waiting, (err) =>
    process.stderr.write(
      `berth: --logs: cannot read the logs (${err instanceof Error ? err.message : String(err)}); still waiting\n`,
    ),
  );
}
