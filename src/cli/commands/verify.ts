// `berth verify`: check every AWS reference of the desired state (cluster, roles and their
// trust, images, secrets, log groups, network, dead-letter queues) before anything is applied.
import type { Command } from 'commander';
import type { RuntimeSettings } from '../../config/runtime.js';
import type { DesiredState } from '../../model/desired.js';
import type { Evaluation } from '../../pipeline/evaluate.js';
import {
  renderVerifyJson,
  renderVerifyText,
  verifyReferences,
  type VerifyReport,
} from '../../verify/index.js';
import {
  accessOf,
  commandAws,
  desiredOrFail,
  portsFor,
  settingsOf,
  withAwsOptions,
  type CommandAws,
} from '../context.js';
import { assertAccount } from '../../pipeline/account.js';
import { EXIT } from '../exit-codes.js';
import { outputOption } from '../option-parsers.js';
import { collect } from '../options.js';

interface VerifyFlags {
  output: 'text' | 'json';
  target: string[];
  verbose?: boolean;
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('verify')
      .description(
        'check that what the jobs refer to exists in AWS: cluster, roles (and whom they trust), ECR images, ' +
          'SSM parameters and secrets (never their values), log groups, subnets and security groups, dead-letter queues',
      )
      .addOption(outputOption(['text', 'json'], 'text'))
      .option('-t, --target <job>', 'verify only this job (repeatable)', collect, [])
      .option('-v, --verbose', 'list the references that are fine as well'),
  ).action(async (flags: VerifyFlags, cmd: Command) => {
    const settings = settingsOf(cmd);
    const { evaluation, desired, aws } = await desiredOrFail(settings);
    const report = await runVerify(settings, evaluation, desired, flags.target, aws);
    process.stdout.write(
      flags.output === 'json'
        ? renderVerifyJson(report)
        : renderVerifyText(report, { verbose: flags.verbose }),
    );
    process.exitCode = report.ok ? EXIT.ok : EXIT.error;
  });
}

export async function runVerify(
  settings: RuntimeSettings,
  evaluation: Evaluation,
  desired: DesiredState,
  targets: string[] = [],
  aws: CommandAws = commandAws(settings),
): Promise<VerifyReport> {
  const ports = portsFor(settings, desired, aws);
  await assertAccount(ports, desired.account, desired.environment);
  // Seven extra SDK clients cost seconds to load: only the commands that use them do.
  const { createReferencePorts } = await import('../../aws/verify-ports.js');
  const refs = createReferencePorts(aws.options(accessOf(desired)), ports.calls);
  const config = evaluation.load.config!;
  return verifyReferences(
    {
      desired,
      config,
      configFile: evaluation.load.configFile ?? 'berth.yaml',
      jobs: evaluation.load.jobs,
      targets,
    },
    { ports: { ...refs, ecs: ports.ecs }, concurrency: settings.concurrency * 2 },
  );
}

/** `apply --verify`: the failures on stderr; false when apply must stop. */
export async function verifyBeforeApply(
  settings: RuntimeSettings,
  evaluation: Evaluation,
  desired: DesiredState,
  targets: string[] = [],
  aws?: CommandAws,
): Promise<boolean> {
  const report = await runVerify(settings, evaluation, desired, targets, aws);
  if (!report.ok || report.summary.unknown > 0) process.stderr.write(renderVerifyText(report));
  if (!report.ok)
    process.stderr.write('Nothing was applied: fix the references above, or run without --verify.\n');
  return report.ok;
}
