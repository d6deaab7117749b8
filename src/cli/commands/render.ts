// `berth render [JOB...]`: the exact AWS inputs the manifests turn into, without calling AWS.
import type { Command } from 'commander';
import { formatView, renderView, unknownJobs } from '../../desired/view.js';
import { BerthError } from '../../model/errors.js';
import { evaluateRepository } from '../../pipeline/evaluate.js';
import { loadOptions, settingsOf } from '../context.js';
import { printDiagnostics } from '../diagnostics-output.js';
import { EXIT } from '../exit-codes.js';
import { accountIdOption, outputOption, regionOption } from '../option-parsers.js';

interface RenderFlags {
  output: 'yaml' | 'json';
  showSensitive?: boolean;
  revision?: string;
  accountId?: string;
}

export function register(program: Command): void {
  program
    .command('render')
    .description(
      'print the RegisterTaskDefinition and CreateSchedule inputs each job renders to (no AWS calls)',
    )
    .argument('[job...]', 'only these jobs (default: all)')
    .addOption(outputOption(['yaml', 'json'], 'yaml'))
    .option(
      '--show-sensitive',
      'print values of secret-looking environment variables instead of masking them',
    )
    .option('--revision <sha>', 'commit to stamp in the berth:commit tag')
    .option(
      '--region <region>',
      'region when berth.yaml has none and the cluster is given by name',
      regionOption,
    )
    .option(
      '--account-id <id>',
      'account for the cluster ARN when berth.yaml has no schedulerRoleArn',
      accountIdOption,
    )
    .action(async (names: string[], flags: RenderFlags, cmd: Command) => {
      process.exitCode = await render(names, flags, cmd);
    });
}

async function render(names: string[], flags: RenderFlags, cmd: Command): Promise<number> {
  const format = flags.output;
  const settings = settingsOf(cmd);
  const evaluation = await evaluateRepository(settings.root, {
    ...(flags.revision ? { revision: flags.revision } : {}),
    ...(settings.region ? { region: settings.region } : {}),
    ...(flags.accountId ? { accountId: flags.accountId } : {}),
    // No AWS calls: lookups that need AWS are printed as written ({{ ssm … }}).
    ...loadOptions(settings, false),
  });
  printDiagnostics(evaluation.diagnostics, process.stderr, settings.color);
  const state = evaluation.desired;
  if (!state)
    throw new BerthError('Invalid', `the repository has ${evaluation.errors} error(s); nothing rendered`, {
      hint: 'fix them (see `berth validate`) and run again',
    });
  const unknown = unknownJobs(state, names);
  if (unknown.length > 0)
    throw new BerthError('NotFound', `no job named ${unknown.join(', ')}`, {
      hint: `known jobs: ${state.jobs.map((j) => j.name).join(', ') || '(none)'}`,
    });
  process.stdout.write(
    formatView(renderView(state, names, { showSensitive: flags.showSensitive === true }), format),
  );
  return EXIT.ok;
}
