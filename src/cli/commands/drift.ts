// `berth drift`: which jobs differ from git because of out-of-band changes in AWS, field by
// field. One-shot against AWS, or --from a running controller (which knows since when).
// Exit 0 when there is no drift, 2 when there is, 1 on error.
import { Option, type Command } from 'commander';
import { renderDrift, type DriftFormat } from '../../controller/drift-format.js';
import { driftEntry, driftReport, DRIFT_JSON_KIND, type DriftReport } from '../../controller/drift-report.js';
import { BerthError } from '../../model/errors.js';
import { planAgainstLive } from '../../pipeline/plan-live.js';
import { cacheFor, desiredOrFail, jobPlansFor, portsFor, settingsOf, withAwsOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface DriftFlags {
  output: DriftFormat;
  from?: string;
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('drift')
      .description('report out-of-band changes: per job, field, git value and AWS value')
      .addOption(
        new Option('-o, --output <format>', 'text | json | markdown')
          .choices(['text', 'json', 'markdown'])
          .default('text'),
      )
      .option(
        '--from <url>',
        'ask a running controller (its base URL) instead of reading AWS: adds first-seen times',
      )
      .addHelpText(
        'after',
        '\nExit status: 0 no drift, 2 drift found, 1 error.\n' +
          'Only out-of-band changes count (plan status Drifted); changes waiting in git are `berth plan`.',
      ),
  ).action(async (flags: DriftFlags, cmd: Command) => {
    const report = flags.from ? await fromController(flags.from) : await oneShot(cmd);
    process.stdout.write(renderDrift(report, flags.output));
    process.exitCode = report.drifted > 0 ? EXIT.changes : EXIT.ok;
  });
}

async function oneShot(cmd: Command): Promise<DriftReport> {
  const settings = settingsOf(cmd);
  const { desired } = await desiredOrFail(settings);
  const now = new Date();
  const { plan } = await planAgainstLive(desired, portsFor(settings, desired), cacheFor(settings), {
    ...(await jobPlansFor(settings, desired)),
    now,
  });
  const entries = plan.jobs
    .filter((j) => j.status === 'Drifted')
    .map((j) => driftEntry(j, { now, revision: desired.revision, action: 'reported' }));
  return driftReport(entries, {
    now,
    owner: desired.owner,
    scheduleGroup: desired.scheduleGroup,
    ...(desired.revision ? { revision: desired.revision } : {}),
  });
}

async function fromController(base: string): Promise<DriftReport> {
  const url = new URL('/api/drift', base);
  let doc: unknown;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    doc = await res.json();
  } catch (err) {
    throw new BerthError(
      'Unreachable',
      `could not read drift from ${url.origin}: ${err instanceof Error ? err.message : String(err)}`,
      {
        hint: 'is `berth controller` running and its port reachable?',
      },
    );
  }
  if ((doc as { kind?: unknown } | null)?.kind !== DRIFT_JSON_KIND)
    throw new BerthError('Invalid', `${url.origin}/api/drift did not answer with a berth drift report`);
  return doc as DriftReport;
}
