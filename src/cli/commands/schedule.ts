// `berth schedule [job...]`: the next fire times of each job's schedule, in its time zone and in
// UTC, read the way EventBridge Scheduler reads them (cron dialect, rate anchors, DST rules).
// From the manifests alone; --live takes the schedules as AWS holds them (and the creation time
// rate() counts from).
import type { Command } from 'commander';
import { BerthError } from '../../model/errors.js';
import type { DesiredJob } from '../../model/desired.js';
import {
  nextFireTimes,
  renderScheduleJson,
  renderScheduleText,
  timingOf,
  type JobFireTimes,
} from '../../schedule-times/index.js';
import type { AwsPorts } from '../../model/ports.js';
import { desiredOrFail, settingsOf, withAwsOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { intOption, outputOption } from '../option-parsers.js';

interface ScheduleFlags {
  count: number;
  from?: string;
  output: 'text' | 'json';
  live?: boolean;
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('schedule')
      .alias('next')
      .description('show the next fire times of each schedule, in its time zone and in UTC')
      .argument('[jobs...]', 'job names (default: every job)')
      .option('-n, --count <n>', 'fire times per job, 1-1000', intOption(1, 1000), 5)
      .option('--from <time>', 'count from this ISO time instead of now (e.g. 2026-03-08T00:00:00Z)')
      .option('--live', 'read the schedules from AWS (as applied), not from the manifests')
      .addOption(outputOption(['text', 'json'], 'text')),
  ).action(async (names: string[], flags: ScheduleFlags, cmd: Command) => {
    const count = flags.count;
    const now = flags.from === undefined ? new Date() : parseFrom(flags.from);
    const settings = settingsOf(cmd);
    const { desired, ports } = await desiredOrFail(settings);
    const jobs = selectJobs(desired.jobs, names);
    const live = flags.live ? await liveSchedules(jobs, ports().scheduler, desired.scheduleGroup) : undefined;
    const rows: JobFireTimes[] = jobs.map((j) => {
      const schedule = live ? live.get(j.name) : j.schedule;
      const timing = schedule ? timingOf(schedule) : undefined;
      const minutes = schedule?.FlexibleTimeWindow?.MaximumWindowInMinutes;
      return {
        job: j.name,
        ...(timing ? { timing, fire: nextFireTimes(timing, now, count) } : {}),
        ...(minutes ? { flexibleWindowMinutes: minutes } : {}),
      };
    });
    process.stdout.write(flags.output === 'json' ? renderScheduleJson(rows, now) : renderScheduleText(rows));
    process.exitCode = EXIT.ok;
  });
}

function parseFrom(text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text))
    throw new BerthError('Invalid', `--from "${text}" is not an ISO time`, {
      hint: 'e.g. 2026-03-08T00:00:00Z',
    });
  return d;
}

function selectJobs(jobs: DesiredJob[], names: string[]): DesiredJob[] {
  if (names.length === 0) return [...jobs].sort((a, b) => a.name.localeCompare(b.name));
  return names.map((n) => {
    const job = jobs.find((j) => j.name === n);
    if (!job)
      throw new BerthError('NotFound', `no job named "${n}"`, {
        hint: `jobs: ${
          jobs
            .map((j) => j.name)
            .sort()
            .join(', ') || '(none)'
        }`,
      });
    return job;
  });
}

async function liveSchedules(jobs: DesiredJob[], scheduler: AwsPorts['scheduler'], group: string) {
  const out = new Map<string, NonNullable<Awaited<ReturnType<typeof scheduler.getSchedule>>>>();
  for (const j of jobs) {
    if (!j.scheduleName) continue;
    const s = await scheduler.getSchedule(group, j.scheduleName);
    if (s) out.set(j.name, s);
  }
  return out;
}
