// `berth validate`: every problem in berth.yaml and the job manifests, at once, with
// file:line:col, without AWS credentials or network. Exit 0 valid, 1 invalid.
import { Option } from 'commander';
import type { Command } from 'commander';
import { CONFIG_FILE, formatDiagnostics, loadRepository, OUTPUT_FORMATS } from '../../manifests/index.js';
import type { OutputFormat } from '../../manifests/index.js';
import { runtimeSettings, type CommonFlags } from '../../config/runtime.js';
import { EXIT } from '../exit-codes.js';
import { stdoutColor, type ColorChoice } from '../../config/color.js';
import { painter } from '../../report/ansi.js';

interface ValidateFlags {
  output: OutputFormat;
  strict?: boolean;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check berth.yaml and the job manifests (schema and semantic rules); no AWS calls')
    .addOption(
      new Option(
        '-o, --output <format>',
        'text (for people), json (berth.validate) or github (workflow annotations)',
      )
        .choices(OUTPUT_FORMATS)
        .default('text'),
    )
    .option('--strict', 'fail on warnings too')
    .addHelpText(
      'after',
      '\nExit status: 0 when valid, 1 when there are errors (or warnings with --strict).\n' +
        'JSON output: {kind: "berth.validate", formatVersion, valid, errors, warnings, jobs, files, diagnostics: [{severity, file, line, column, pointer, rule, message, hint?, job?}]}; line/column are 1-based, 0 when not tied to a place.',
    )
    .action(async (flags: ValidateFlags, cmd: Command) => {
      process.exitCode = await validate(flags, cmd);
    });
}

async function validate(flags: ValidateFlags, cmd: Command): Promise<number> {
  // -C, else BERTH_DIR, else the current directory (config/runtime.ts).
  const result = await loadRepository(runtimeSettings(cmd.optsWithGlobals<CommonFlags>()).root);
  const files = new Set([...result.jobs.map((j) => j.source.file), ...result.invalidFiles]);
  files.delete(result.configFile ?? CONFIG_FILE);
  const paint = painter(stdoutColor(cmd.optsWithGlobals<{ color?: ColorChoice }>().color));
  process.stdout.write(
    formatDiagnostics(
      result.diagnostics,
      flags.output,
      { jobs: result.jobs.length, files: files.size },
      paint,
    ),
  );
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  const warnings = result.diagnostics.some((d) => d.severity === 'warning');
  return errors || (flags.strict && warnings) ? EXIT.error : EXIT.ok;
}
