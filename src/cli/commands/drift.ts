// `berth drift`: which jobs differ from git because of out-of-band changes in AWS, field by
// field. One-shot against AWS, or --from a running controller (which knows since when).
// Exit 0 when there is no drift, 2 when there is, 1 on error.
import type { Command } from 'commander';
import { renderDrift, type DriftFormat } from '../../controller/drift-format.js';
import { driftEntry, driftReport, groupDriftEntry, type DriftReport } from '../../controller/drift-report.js';
import type { JobPlan } from '../../model/plan.js';
import { planAgainstLive } from '../../pipeline/plan-live.js';
import { fetchDriftReport } from '../controller-client.js';
import { cacheFor, desiredOrFail, jobPlansFor, settingsOf, withAwsOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { outputOption } from '../option-parsers.js';

interface DriftFlags {
  output: DriftFormat;
  from?: string;
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('drift')
      .description('report out-of-band changes: per job, field, git value and AWS value')
      .addOption(outputOption(['text', 'json', 'markdown'], 'text'))
      .option(
        '--from <url>',
        'ask a running controller (its base URL) instead of reading AWS: adds first-seen times',
      )
      .addHelpText(
        'after',
        '\nExit status: 0 no drift, 2 drift found, 1 error.\n' +
          'Out-of-band changes count (what changed in AWS since berth applied git, as berth records it:\n' +
          "edits, deletions, revisions registered or schedules added by hand, the group's tags), and\n" +
          'jobs berth cannot manage (conflicts); changes waiting in git are `berth plan`.\n' +
          'Always a full read: every ACTIVE revision of its families is listed (the cache still saves describes).',
      ),
  ).action(async (flags: DriftFlags, cmd: Command) => {
    const report = flags.from ? await fromController(flags.from, cmd) : await oneShot(cmd);
    process.stdout.write(renderDrift(report, flags.output));
    process.exitCode = report.drifted > 0 ? EXIT.changes : EXIT.ok;
  });
}

/** A running controller's report; of the environment --env (or BERTH_ENV) names, if any. */
function fromController(base: string, cmd: Command): Promise<DriftReport> {
  const { environment } = settingsOf(cmd);
  return fetchDriftReport(base, environment !== undefined ? { env: environment } : {});
}

async function oneShot(cmd: Command): Promise<DriftReport> {
  const settings = settingsOf(cmd);
  const { desired, ports } = await desiredOrFail(settings);
  const now = new Date();
  // Drift is the question "what changed in AWS by hand": always a full read. A light read trusts
  // revision lists cached at the last full read and would miss a revision registered by hand
  // (docs/performance.md, "Light and full reads").
  const { plan } = await planAgainstLive(desired, ports(), cacheFor({ ...settings, fullRead: true }), {
    ...(await jobPlansFor(settings, desired)),
    now,
  });
  const head = { now, revision: desired.revision };
  const group = groupDriftEntry(plan.groupAction, head);
  const entries = [
    ...(group ? [group] : []),
    ...plan.jobs.filter(isDrift).map((j) => driftEntry(j, { ...head, action: 'reported' })),
  ];
  return driftReport(entries, {
    now,
    owner: desired.owner,
    scheduleGroup: desired.scheduleGroup,
    ...(desired.revision ? { revision: desired.revision } : {}),
    pending: plan.jobs.filter((j) => !isDrift(j) && waitsInGit(j)).map((j) => j.job),
  });
}

/** AWS differs from git by a change git made (or an orphan git left), not by berth's housekeeping. */
function waitsInGit(j: JobPlan): boolean {
  if (j.status === 'Orphan') return true;
  return j.actions.some((a) => a.kind !== 'noop' && a.origin !== 'aws' && a.origin !== 'berth');
}

/** Changed in AWS (any action whose origin is aws), or a job berth cannot manage (a conflict). */
function isDrift(j: JobPlan): boolean {
  return j.status === 'Conflict' || j.actions.some((a) => a.kind !== 'noop' && a.origin === 'aws');
}
