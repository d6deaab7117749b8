// `berth pr-report`: one Markdown comment for a pull request: what it changes (base → head),
// what applying it would change in AWS, and the drift that was there before it, set apart.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { reviewChanges, reviewHasChanges } from '../../pipeline/review.js';
import { DEFAULT_MAX_CHARS } from '../../report/plan-markdown.js';
import { renderPrReports } from '../../report/pr-report.js';
import {
  cacheFor,
  checkCacheDir,
  commandAws,
  lookupResolver,
  portsFor,
  settingsOf,
  withAwsOptions,
} from '../context.js';
import { printDiagnostics } from '../diagnostics-output.js';
import { EXIT } from '../exit-codes.js';

interface PrReportFlags {
  base: string;
  head?: string;
  aws: boolean;
  maxChars: number;
  detailedExitcode?: boolean;
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('pr-report')
      .description('Markdown report for a pull request: its changes, their effect in AWS, pre-existing drift')
      .requiredOption('--base <ref>', 'the branch the pull request merges into (branch, tag or commit)')
      .option('--head <ref>', 'the revision under review (default: the working tree)')
      .option('--no-aws', 'compare the desired states only (forks, CI without credentials)')
      .option(
        '--max-chars <n>',
        'cut the report at job boundaries to fit this size',
        atLeast1000,
        DEFAULT_MAX_CHARS,
      )
      .option(
        '--detailed-exitcode',
        'exit 0 when the pull request changes nothing, 2 when it does, 1 on error',
      ),
  )
    .addHelpText(
      'after',
      '\nThe report starts with the marker <!-- berth:pr-report --> so a CI step can find and update its comment.\n' +
        'Exit status: 1 when head does not validate or AWS cannot be read (the report is printed all the same);\n' +
        'with --detailed-exitcode, 2 when the pull request changes the desired state or applying it changes AWS\n' +
        '(drift that was there before it does not count), else 0.',
    )
    .action(async (flags: PrReportFlags, cmd: Command) => {
      const settings = settingsOf(cmd);
      if (flags.aws) await checkCacheDir(settings);
      const aws = flags.aws ? commandAws(settings) : undefined;
      // Each environment is reviewed in its own account, with its own credentials.
      const results = await reviewChanges(settings.root, {
        base: flags.base,
        head: flags.head,
        region: settings.region,
        now: new Date(),
        ...(settings.environment !== undefined ? { environment: settings.environment } : {}),
        resolveLookups: lookupResolver(settings, aws),
        ...(aws
          ? {
              aws: {
                ports: (desired) => portsFor(settings, desired, aws),
                // The report names drift already there: a full read, as `berth drift` makes.
                cache: cacheFor({ ...settings, fullRead: true }),
                now: new Date(),
                concurrency: settings.concurrency * 2,
              },
            }
          : { noAwsReason: '--no-aws' }),
      });
      for (const { head } of results)
        if (head.diagnostics.length > 0) printDiagnostics(head.diagnostics, process.stderr, settings.color);
      const reviews = results.map((r) => r.review);
      process.stdout.write(
        renderPrReports(reviews, {
          maxChars: flags.maxChars,
          fullReportCommand: `berth pr-report --base ${flags.base}`,
        }),
      );
      const awsErrors = results.flatMap((r) => (r.awsError ? [r.awsError] : []));
      for (const awsError of awsErrors) {
        process.stderr.write(`berth: ${awsError.message}\n`);
        if (awsError.hint) process.stderr.write(`  hint: ${awsError.hint}\n`);
      }
      if (reviews.some((r) => !r.head.valid) || awsErrors.length > 0) process.exitCode = EXIT.error;
      else
        process.exitCode = flags.detailedExitcode && reviews.some(reviewHasChanges) ? EXIT.changes : EXIT.ok;
    });
}

function atLeast1000(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000)
    throw new InvalidArgumentError('give a whole number of at least 1000.');
  return n;
}
