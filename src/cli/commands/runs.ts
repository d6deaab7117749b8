// `berth runs [job...]`: recent runs of each job from ECS (running tasks and the stopped ones
// ECS still remembers, about an hour), with result, duration, exit codes, who started them
// and log links.
import type { Command } from 'commander';
import { BerthError } from '../../model/errors.js';
import { readRuns, renderRunsJson, renderRunsText, type JobRuns } from '../../runs/index.js';
import { desiredOrFail, settingsOf, withAwsOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { intOption, outputOption } from '../option-parsers.js';

interface RunsFlags {
  limit: number;
  output: 'text' | 'json';
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('runs')
      .description('list recent runs of each job: result, duration, exit code, who started it, logs')
      .argument('[jobs...]', 'job names (default: every job)')
      .option('-n, --limit <n>', 'runs per job, newest first, 1-1000', intOption(1, 1000), 10)
      .addOption(outputOption(['text', 'json'], 'text'))
      .addHelpText(
        'after',
        '\nECS remembers a stopped task for about an hour; a running controller keeps more (GET /api/runs),\n' +
          'and with spec.runs enabled in berth.yaml the durable feed keeps them for days.',
      ),
  ).action(async (names: string[], flags: RunsFlags, cmd: Command) => {
    const limit = flags.limit;
    const settings = settingsOf(cmd);
    // The ports desiredOrFail made (one AWS session: the environment's role assumed once).
    const { desired, ports: portsOf } = await desiredOrFail(settings);
    const known = new Map(desired.jobs.map((j) => [j.name, j]));
    for (const n of names)
      if (!known.has(n))
        throw new BerthError('NotFound', `no job named "${n}"`, {
          hint: `jobs: ${[...known.keys()].sort().join(', ') || '(none)'}`,
        });
    const jobs = (names.length > 0 ? names : [...known.keys()].sort()).map((n) => known.get(n)!);
    const ports = portsOf();
    const now = new Date();
    const runs = await readRuns(
      ports.ecs,
      jobs.map((j) => ({ name: j.name, family: j.family, mainContainer: j.mainContainer })),
      {
        cluster: desired.clusterArn,
        now: now.getTime(),
        limit,
        ...((desired.region ?? ports.region) ? { region: desired.region ?? ports.region } : {}),
      },
    );
    const rows: JobRuns[] = jobs.map((j) => ({ job: j.name, runs: runs.get(j.name) ?? [] }));
    process.stdout.write(flags.output === 'json' ? renderRunsJson(rows, now) : renderRunsText(rows));
    process.exitCode = EXIT.ok;
  });
}
