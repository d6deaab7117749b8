// Next fire times against the AWS documentation's rules and a brute-force reference evaluator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFireTimes } from '../../../src/schedule-times/fire-times.js';
import { cronExpression } from '../../support/arbitraries/expressions.js';
import { bruteForceUtc, bruteForceZone } from './aws-cron-oracle.js';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const next = (t: Parameters<typeof nextFireTimes>[0], after: string, n = 3) =>
  nextFireTimes(t, new Date(after), n);

describe('cron() in the AWS dialect', () => {
  it('reads the expression in the schedule\u2019s time zone', () => {
    const r = next({ expression: 'cron(0 3 * * ? *)', timezone: 'Asia/Tokyo' }, '2026-03-01T00:00:00Z');
    expect(iso(r.times)).toEqual([
      '2026-03-01T18:00:00.000Z',
      '2026-03-02T18:00:00.000Z',
      '2026-03-03T18:00:00.000Z',
    ]);
  });

  it('numbers the days of the week 1 (SUN) to 7 (SAT); L alone is Saturday', () => {
    // 2026-01-01 is a Thursday
    expect(iso(next({ expression: 'cron(0 3 ? * 2 *)' }, '2026-01-01T00:00:00Z', 1).times)).toEqual([
      '2026-01-05T03:00:00.000Z',
    ]);
    expect(iso(next({ expression: 'cron(0 3 ? * L *)' }, '2026-01-01T00:00:00Z', 1).times)).toEqual([
      '2026-01-03T03:00:00.000Z',
    ]);
  });

  it('knows L, W, # and the year', () => {
    const after = '2026-01-01T00:00:00Z';
    expect(iso(next({ expression: 'cron(0 3 ? * 6L *)' }, after, 2).times)).toEqual([
      '2026-01-30T03:00:00.000Z', // last Friday
      '2026-02-27T03:00:00.000Z',
    ]);
    expect(iso(next({ expression: 'cron(0 3 ? * MON#2 *)' }, after, 1).times)).toEqual([
      '2026-01-12T03:00:00.000Z',
    ]);
    expect(iso(next({ expression: 'cron(0 3 L * ? *)' }, after, 2).times)).toEqual([
      '2026-01-31T03:00:00.000Z',
      '2026-02-28T03:00:00.000Z',
    ]);
    // 2026-02-15 is a Sunday: the nearest weekday is Monday the 16th
    expect(iso(next({ expression: 'cron(0 3 15W 2 ? *)' }, after, 1).times)).toEqual([
      '2026-02-16T03:00:00.000Z',
    ]);
    expect(iso(next({ expression: 'cron(0 3 1 1 ? 2028)' }, after, 2).times)).toEqual([
      '2028-01-01T03:00:00.000Z',
    ]);
  });

  it('fires from a start date to an end date', () => {
    const r = next(
      {
        expression: 'cron(0 3 * * ? *)',
        startDate: new Date('2026-01-05T03:00:00Z'),
        endDate: new Date('2026-01-06T12:00:00Z'),
      },
      '2026-01-01T00:00:00Z',
      5,
    );
    expect(iso(r.times)).toEqual(['2026-01-05T03:00:00.000Z', '2026-01-06T03:00:00.000Z']);
    expect(r.note).toBe('ends 2026-01-06T12:00:00.000Z');
  });

  it('skips a time the spring-forward gap removes (AWS: "your schedule invocation gets skipped")', () => {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day
    const r = next(
      { expression: 'cron(30 2 * * ? *)', timezone: 'America/New_York' },
      '2026-03-07T00:00:00Z',
    );
    expect(iso(r.times)).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-10T06:30:00.000Z',
    ]);
  });

  it('fires a repeated fall-back time once (AWS: "runs only once and doesn\u2019t repeat")', () => {
    // New York, 2026-11-01: 01:00–01:59 happens twice; every-15-minutes fires 4 times, not 8
    const r = next(
      { expression: 'cron(0/15 1 * * ? *)', timezone: 'America/New_York' },
      '2026-11-01T04:59:00Z',
      5,
    );
    expect(iso(r.times)).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T05:15:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T05:45:00.000Z',
      '2026-11-02T06:00:00.000Z',
    ]);
  });

  it('has no times when disabled, and names the problem of an invalid expression', () => {
    expect(next({ expression: 'cron(0 3 * * ? *)', state: 'DISABLED' }, '2026-01-01T00:00:00Z')).toEqual({
      kind: 'cron',
      times: [],
      note: 'disabled',
    });
    const bad = next({ expression: 'cron(0 3 * * *)' }, '2026-01-01T00:00:00Z');
    expect(bad.kind).toBe('invalid');
    expect(bad.note).toMatch(/6 fields/);
  });

  it('agrees with the brute-force reference on random expressions (UTC)', () => {
    const after = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });
    fc.assert(
      fc.property(cronExpression, after, (expr, t) => {
        // eight years cover every day-field combination (leap years, weekdays of each date)
        const until = t + 8 * 366 * 86_400_000;
        const want = bruteForceUtc(expr.slice(5, -1), t, 4, until);
        const got = nextFireTimes({ expression: expr }, new Date(t), 4)
          .times.map((d) => d.getTime())
          .filter((x) => x < until);
        expect(
          got.map((x) => new Date(x).toISOString()),
          expr,
        ).toEqual(want.map((x) => new Date(x).toISOString()));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the minute-by-minute reference across DST changes in many zones', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Asia/Tokyo',
    ];
    // the days either side of 2026's transitions of those zones
    const transitions = [
      Date.UTC(2026, 2, 8, 0),
      Date.UTC(2026, 10, 1, 0),
      Date.UTC(2026, 2, 29, 0),
      Date.UTC(2026, 9, 25, 0),
      Date.UTC(2026, 3, 4, 12),
      Date.UTC(2026, 9, 3, 12),
    ];
    const field = (max: number) =>
      fc.oneof(
        fc.constant('*'),
        fc.integer({ min: 0, max }).map(String),
        fc
          .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 1, max: max + 1 }))
          .map(([a, s]) => `${a}/${s}`),
      );
    fc.assert(
      fc.property(
        field(59),
        field(23),
        fc.constantFrom(...zones),
        fc.constantFrom(...transitions),
        fc.integer({ min: -12 * 60, max: 12 * 60 }),
        (minute, hour, zone, around, shift) => {
          const body = `${minute} ${hour} * * ? *`;
          const after = around + shift * 60_000;
          const want = bruteForceZone(body, zone, after, 6, 3 * 1440);
          // The reference scans the minutes after `after`, its last one included: the same window.
          const until = Math.floor(after / 60_000) * 60_000 + 60_000 + 3 * 1440 * 60_000;
          const got = nextFireTimes({ expression: `cron(${body})`, timezone: zone }, new Date(after), 6);
          expect(iso(got.times.filter((d) => d.getTime() < until)), `${body} ${zone}`).toEqual(
            iso(want.map((x) => new Date(x))),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('rate()', () => {
  it('counts fixed durations from the start date: a day is 24 hours, also across DST', () => {
    const r = next(
      {
        expression: 'rate(1 day)',
        timezone: 'America/New_York',
        startDate: new Date('2026-03-07T08:00:00Z'),
      },
      '2026-03-06T00:00:00Z',
    );
    expect(iso(r.times)).toEqual([
      '2026-03-07T08:00:00.000Z',
      '2026-03-08T08:00:00.000Z', // 04:00 EDT: the wall clock moved, the interval did not
      '2026-03-09T08:00:00.000Z',
    ]);
    expect(r.anchor).toBe('start');
  });

  it('counts from the creation without a start date, and says when neither is known', () => {
    const created = next(
      { expression: 'rate(15 minutes)', createdAt: new Date('2026-01-01T00:07:00Z') },
      '2026-01-01T10:00:00Z',
      2,
    );
    expect(iso(created.times)).toEqual(['2026-01-01T10:07:00.000Z', '2026-01-01T10:22:00.000Z']);
    expect(created.anchor).toBe('creation');
    expect(next({ expression: 'rate(2 hours)' }, '2026-01-01T10:00:00Z', 1)).toMatchObject({
      anchor: 'unknown',
      times: [new Date('2026-01-01T12:00:00Z')],
    });
  });
});

describe('at()', () => {
  it('fires once at the wall-clock time in its zone, and ignores start and end dates', () => {
    const t = {
      expression: 'at(2026-04-01T09:00:00)',
      timezone: 'Europe/Berlin',
      endDate: new Date('2026-01-01'),
    };
    expect(iso(next(t, '2026-01-01T00:00:00Z').times)).toEqual(['2026-04-01T07:00:00.000Z']);
    expect(next(t, '2026-05-01T00:00:00Z')).toEqual({ kind: 'at', times: [], note: 'already fired' });
  });
});
