// `berth schedule` output: each job's next fire times in its zone and in UTC (text), or the
// same facts as a versioned JSON document.
import type { FireTimes, ScheduleTiming } from './fire-times.js';
import { localTime, utcTime } from './format-time.js';

export const SCHEDULE_JSON_KIND = 'berth.schedule';

export interface JobFireTimes {
  job: string;
  /** undefined: the job has no schedule (it runs only with `berth run`). */
  timing?: ScheduleTiming;
  fire?: FireTimes;
  flexibleWindowMinutes?: number;
}

const ANCHOR_NOTE: Record<string, string> = {
  start: 'counted from StartDate',
  creation: 'counted from the schedule\u2019s creation',
  unknown:
    'counted from its creation, which is not known here: times count from now (set startDate, or use --live)',
};

export function renderScheduleText(jobs: JobFireTimes[]): string {
  const out: string[] = [];
  for (const j of jobs) {
    if (!j.timing || !j.fire) {
      out.push(`${j.job}: no schedule (started only by \`berth run\` or backfill)`, '');
      continue;
    }
    const zone = j.timing.timezone ?? 'UTC';
    out.push(`${j.job}: ${j.timing.expression} in ${zone}`);
    if (j.fire.anchor) out.push(`  # ${ANCHOR_NOTE[j.fire.anchor]}`);
    if (j.flexibleWindowMinutes)
      out.push(`  # flexible window: fires up to ${j.flexibleWindowMinutes} min after each time`);
    const width = Math.max(0, ...j.fire.times.map((t) => localTime(t, zone).length));
    for (const t of j.fire.times) out.push(`  ${localTime(t, zone).padEnd(width)}   ${utcTime(t)}`);
    if (j.fire.note) out.push(`  (${j.fire.note})`);
    else if (j.fire.times.length === 0) out.push('  (no further runs)');
    out.push('');
  }
  return out.join('\n');
}

export function renderScheduleJson(jobs: JobFireTimes[], now: Date): string {
  const doc = {
    kind: SCHEDULE_JSON_KIND,
    formatVersion: 1,
    from: now.toISOString(),
    jobs: jobs.map((j) => ({
      job: j.job,
      expression: j.timing?.expression ?? null,
      timezone: j.timing ? (j.timing.timezone ?? 'UTC') : null,
      state: j.timing?.state ?? null,
      startDate: j.timing?.startDate?.toISOString() ?? null,
      endDate: j.timing?.endDate?.toISOString() ?? null,
      rateAnchor: j.fire?.anchor ?? null,
      flexibleWindowMinutes: j.flexibleWindowMinutes ?? null,
      next: (j.fire?.times ?? []).map((t) => t.toISOString()),
      note: j.fire?.note ?? null,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
