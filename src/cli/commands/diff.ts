// `berth diff`: what a change does to the desired state, between two git revisions, job by job
// and field by field. No AWS access at all, so it runs for forks and credential-less CI.
import type { Command } from 'commander';
import { reviewChanges, reviewHasChanges } from '../../pipeline/review.js';
import { renderDiffsJson, renderDiffsText } from '../../report/desired-diff.js';
import { renderPrReports } from '../../report/pr-report.js';
import { lookupResolver, settingsOf } from '../context.js';
import { printDiagnostics } from '../diagnostics-output.js';
import { EXIT } from '../exit-codes.js';
import { outputOption } from '../option-parsers.js';

interface DiffFlags {
  base: string;
  head?: string;
  output: 'text' | 'json' | 'markdown';
  detailedExitcode?: boolean;
}

export function register(program: Command): void {
  program
    .command('diff')
    .description(
      'compare the desired state of two git revisions (jobs added / removed / changed); no AWS calls',
    )
    .requiredOption(
      '--base <ref>',
      'the revision to compare against (branch, tag or commit), e.g. origin/main',
    )
    .option(
      '--head <ref>',
      'the revision under review (default: the working tree, as `git diff <base>` does)',
    )
    .addOption(outputOption(['text', 'json', 'markdown'], 'text', 'output format'))
    .option('--detailed-exitcode', 'exit 0 when nothing changes, 2 when something does, 1 on error')
    .addHelpText(
      'after',
      '\nExit status: 0 no changes (or changes without --detailed-exitcode), 2 changes with --detailed-exitcode,\n' +
        '1 when either revision does not validate or git cannot read a ref.',
    )
    .action(async (flags: DiffFlags, cmd: Command) => {
      const settings = settingsOf(cmd);
      const results = await reviewChanges(settings.root, {
        base: flags.base,
        head: flags.head,
        region: settings.region,
        now: new Date(),
        ...(settings.environment !== undefined ? { environment: settings.environment } : {}),
        // No AWS: lookups that need it stay as written ({{ ssm … }}) on both sides.
        resolveLookups: lookupResolver(settings, undefined),
      });
      const reviews = results.map((r) => r.review);
      if (flags.output !== 'markdown')
        for (const { review, head } of results) {
          printDiagnostics(head.diagnostics, process.stderr, settings.color);
          // Base is not the user's to fix here, but nothing can be compared until it validates.
          if (!review.base.valid && !review.base.noConfig) {
            process.stderr.write(`errors in ${review.base.label}:\n`);
            printDiagnostics(
              review.base.diagnostics.filter((d) => d.severity === 'error'),
              process.stderr,
              settings.color,
            );
          }
        }
      if (flags.output === 'json') process.stdout.write(renderDiffsJson(reviews));
      else if (flags.output === 'markdown')
        process.stdout.write(renderPrReports(reviews, { fullReportCommand: 'berth diff' }));
      else process.stdout.write(renderDiffsText(reviews, { color: settings.color }));
      if (reviews.some((r) => !r.diff && !r.environmentRemoved)) process.exitCode = EXIT.error;
      else
        process.exitCode = flags.detailedExitcode && reviews.some(reviewHasChanges) ? EXIT.changes : EXIT.ok;
    });
}
