// `berth schedule` output: local time with offset beside UTC; the JSON contract {kind, formatVersion, …}.
import { describe, expect, it } from 'vitest';
import { nextFireTimes } from '../../../src/schedule-times/fire-times.js';
import {
  renderScheduleJson,
  renderScheduleText,
  type JobFireTimes,
} from '../../../src/schedule-times/index.js';

const NOW = new Date('2026-03-07T00:00:00Z');

function row(
  job: string,
  expression?: string,
  timezone?: string,
  extra: Partial<JobFireTimes> = {},
): JobFireTimes {
  if (!expression) return { job };
  const timing = { expression, ...(timezone ? { timezone } : {}) };
  return { job, timing, fire: nextFireTimes(timing, NOW, 2), ...extra };
}

describe('berth schedule output', () => {
  it('prints each time in the schedule\u2019s zone and in UTC, and says what rate() counts from', () => {
    const text = renderScheduleText([
      row('daily', 'cron(0 3 * * ? *)', 'Asia/Tokyo'),
      row('poll', 'rate(30 minutes)', undefined, { flexibleWindowMinutes: 5 }),
      row('adhoc'),
    ]);
    expect(text).toBe(
      [
        'daily: cron(0 3 * * ? *) in Asia/Tokyo',
        '  Sun 2026-03-08 03:00 +09:00   2026-03-07 18:00 UTC',
        '  Mon 2026-03-09 03:00 +09:00   2026-03-08 18:00 UTC',
        '',
        'poll: rate(30 minutes) in UTC',
        '  # counted from its creation, which is not known here: times count from now (set startDate, or use --live)',
        '  # flexible window: fires up to 5 min after each time',
        '  Sat 2026-03-07 00:30 +00:00   2026-03-07 00:30 UTC',
        '  Sat 2026-03-07 01:00 +00:00   2026-03-07 01:00 UTC',
        '',
        'adhoc: no schedule (started only by `berth run` or backfill)',
        '',
      ].join('\n'),
    );
  });

  it('says why there are no times', () => {
    const text = renderScheduleText([
      {
        job: 'off',
        timing: { expression: 'cron(0 3 * * ? *)', state: 'DISABLED' },
        fire: { kind: 'cron', times: [], note: 'disabled' },
      },
    ]);
    expect(text).toContain('  (disabled)');
  });

  it('has a versioned JSON form with every key present', () => {
    const doc = JSON.parse(
      renderScheduleJson([row('daily', 'cron(0 3 * * ? *)', 'Asia/Tokyo'), row('adhoc')], NOW),
    );
    expect(doc).toMatchObject({ kind: 'berth.schedule', formatVersion: 1, from: '2026-03-07T00:00:00.000Z' });
    expect(doc.jobs[0]).toEqual({
      job: 'daily',
      expression: 'cron(0 3 * * ? *)',
      timezone: 'Asia/Tokyo',
      state: null,
      startDate: null,
      endDate: null,
      rateAnchor: null,
      flexibleWindowMinutes: null,
      next: ['2026-03-07T18:00:00.000Z', '2026-03-08T18:00:00.000Z'],
      note: null,
    });
    expect(Object.keys(doc.jobs[1])).toEqual(Object.keys(doc.jobs[0]));
  });
});
