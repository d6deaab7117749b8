// `berth validate`: every problem in berth.yaml and the job manifests, at once, with
// file:line:col, without AWS credentials or network. Exit 0 valid, 1 invalid. Unchanged job files
// come from the job-file cache plan uses (keyed by path, content and berth's own manifest code,
// so what it returns is what reading the file again would give); --no-cache reads every file.
import { realpath } from 'node:fs/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import {
  CONFIG_FILE,
  DiskJobFileCache,
  formatDiagnostics,
  loadEnvironments,
  OUTPUT_FORMATS,
} from '../../manifests/index.js';
import { loadOptions, settingsOf } from '../context.js';
import type { OutputFormat } from '../../manifests/index.js';
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
    .description(
      'check berth.yaml and the job manifests (schema and semantic rules), every environment unless --env names one; no AWS calls',
    )
    .addOption(
      new Option(
        '-o, --output <format>',
        'text (for people), json (berth.validate) or github (workflow annotations)',
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
        'JSON output: {kind: "berth.validate", formatVersion, valid, errors, warnings, jobs, files, diagnostics: [{severity, file, line, column, pointer, rule, message, hint?, job?}]}; line/column are 1-based, 0 when not tied to a place.',
    )
    .action(async (flags: ValidateFlags, cmd: Command) => {
      process.exitCode = await validate(flags, cmd);
    });
}

async function validate(flags: ValidateFlags, cmd: Command): Promise<number> {
  const settings = settingsOf(cmd);
  // No AWS: env and local Terraform state lookups are resolved, the others checked as written.
  const jobFileCache =
    settings.cacheDir === false
      ? undefined
      : await DiskJobFileCache.open(
          settings.cacheDir,
          await realpath(settings.root).catch(() => settings.root),
        );
  const opts = { ...loadOptions(settings, false), ...(jobFileCache ? { jobFileCache } : {}) };
  const { results, diagnostics } = await loadEnvironments(settings.root, opts);
  const jobs = new Set(results.flatMap((r) => r.jobs.map((j) => j.manifest.metadata.name)));
  const files = new Set(results.flatMap((r) => [...r.jobs.map((j) => j.source.file), ...r.invalidFiles]));
  files.delete(results[0]?.configFile ?? CONFIG_FILE);
  const paint = painter(stdoutColor(cmd.optsWithGlobals<{ color?: ColorChoice }>().color));
  process.stdout.write(
    formatDiagnostics(diagnostics, flags.output, { jobs: jobs.size, files: files.size }, paint),
  );
  const errors = diagnostics.some((d) => d.severity === 'error');
  const warnings = diagnostics.some((d) => d.severity === 'warning');
  return errors || (flags.strict && warnings) ? EXIT.error : EXIT.ok;
}
