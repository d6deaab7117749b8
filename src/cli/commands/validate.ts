// `berth validate`: every problem in berth.yaml and the job manifests, at once, with
// file:line:col, without AWS credentials or network. Exit 0 valid, 1 invalid. Unchanged job files
// come from the job-file cache plan uses (keyed by path, content and berth's own manifest code,
// so what it returns is what reading the file again would give); --no-cache reads every file.
import { realpath } from 'node:fs/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import { runtimeSettings, type CommonFlags } from '../../config/runtime.js';
import {
  CONFIG_FILE,
  DiskJobFileCache,
  formatDiagnostics,
  loadRepository,
  OUTPUT_FORMATS,
} from '../../manifests/index.js';
import type { OutputFormat } from '../../manifests/index.js';
import { EXIT } from '../exit-codes.js';

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
        'text (for people), json (an array of diagnostics) or github (workflow annotations)',
      )
        .choices(OUTPUT_FORMATS)
        .default('text'),
    )
    .option('--strict', 'fail on warnings too')
    .option('--cache-dir <dir>', 'cache directory (default: $XDG_CACHE_HOME/berth)')
    .option('--no-cache', 'read and check every file again (no job-file cache)')
    .addHelpText(
      'after',
      '\nExit status: 0 when valid, 1 when there are errors (or warnings with --strict).\n' +
        'JSON output: [{severity, file, line, column, pointer, rule, message, hint?, job?}]; line/column are 1-based, 0 when not tied to a place.',
    )
    .action(async (flags: ValidateFlags, cmd: Command) => {
      process.exitCode = await validate(flags, cmd);
    });
}

async function validate(flags: ValidateFlags, cmd: Command): Promise<number> {
  const settings = runtimeSettings(cmd.optsWithGlobals<CommonFlags>());
  const root = settings.root;
  const jobFileCache =
    settings.cacheDir === false
      ? undefined
      : await DiskJobFileCache.open(settings.cacheDir, await realpath(root).catch(() => root));
  const result = await loadRepository(root, jobFileCache ? { jobFileCache } : {});
  const files = new Set([...result.jobs.map((j) => j.source.file), ...result.invalidFiles]);
  files.delete(result.configFile ?? CONFIG_FILE);
  process.stdout.write(
    formatDiagnostics(result.diagnostics, flags.output, { jobs: result.jobs.length, files: files.size }),
  );
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  const warnings = result.diagnostics.some((d) => d.severity === 'warning');
  return errors || (flags.strict && warnings) ? EXIT.error : EXIT.ok;
}
