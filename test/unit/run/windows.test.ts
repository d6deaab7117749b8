import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/run/period.js';
import {
  checkZone,
  computeWindows,
  formatBoundary,
  MAX_WINDOWS,
  parseInstant,
  windowFormat,
} from '../../../src/run/windows.js';

function cut(from: string, to: string, every: string, zone = 'UTC') {
  const period = parsePeriod(every);
  const windows = computeWindows(parseInstant(from, zone, '--from'), parseInstant(to, zone, '--to'), period);
  const format = windowFormat(windows, period);
  return windows.map(
    (w) => `${formatBoundary(w.start, format)}/${formatBoundary(w.end, format)}${w.clipped ? '*' : ''}`,
  );
}

describe('parsePeriod', () => {
  it.each([
    ['1 month', 'P1M', false],
    ['2 weeks', 'P2W', false],
    ['3days', 'P3D', false],
    ['day', 'P1D', false],
    ['monthly', 'P1M', false],
    ['1 year', 'P1Y', false],
    ['6 hours', 'PT6H', true],
    ['P1M', 'P1M', false],
    ['pt30m', 'PT30M', true],
    ['P1DT12H', 'P1DT12H', true],
  ])('%s → %s', (text, iso, subDaily) => {
    const p = parsePeriod(text);
    expect(p.iso).toBe(iso);
    expect(p.subDaily).toBe(subDaily);
  });

  it.each(['', '0 days', 'P0D', 'fortnight', '1 m', '-1 day', 'P'])('rejects %j with a hint', (text) => {
    expect(() => parsePeriod(text)).toThrow(/is not a period/);
  });
});

describe('computeWindows', () => {
  it('cuts 2018 into twelve months (the article case)', () => {
    const w = cut('2018-01-01', '2019-01-01', '1 month');
    expect(w).toHaveLength(12);
    expect(w[0]).toBe('2018-01-01/2018-02-01');
    expect(w[1]).toBe('2018-02-01/2018-03-01');
    expect(w[11]).toBe('2018-12-01/2019-01-01');
  });

  it('clips the last window to --to', () => {
    expect(cut('2018-01-01', '2018-03-15', '1 month')).toEqual([
      '2018-01-01/2018-02-01',
      '2018-02-01/2018-03-01',
      '2018-03-01/2018-03-15*',
    ]);
  });

  it('adds k periods to --from, so month ends do not drift', () => {
    expect(cut('2018-01-31', '2018-05-01', '1 month')).toEqual([
      '2018-01-31/2018-02-28',
      '2018-02-28/2018-03-31',
      '2018-03-31/2018-04-30',
      '2018-04-30/2018-05-01*',
    ]);
  });

  it('weekly and yearly periods', () => {
    expect(cut('2018-01-01', '2018-01-22', '1 week')).toEqual([
      '2018-01-01/2018-01-08',
      '2018-01-08/2018-01-15',
      '2018-01-15/2018-01-22',
    ]);
    expect(cut('2016-01-01', '2018-06-01', 'P1Y')).toEqual([
      '2016-01-01/2017-01-01',
      '2017-01-01/2018-01-01',
      '2018-01-01/2018-06-01*',
    ]);
  });

  it('sub-daily periods give date-times with the zone offset', () => {
    expect(cut('2018-01-01', '2018-01-02', '6 hours', 'Asia/Tokyo')).toEqual([
      '2018-01-01T00:00:00+09:00/2018-01-01T06:00:00+09:00',
      '2018-01-01T06:00:00+09:00/2018-01-01T12:00:00+09:00',
      '2018-01-01T12:00:00+09:00/2018-01-01T18:00:00+09:00',
      '2018-01-01T18:00:00+09:00/2018-01-02T00:00:00+09:00',
    ]);
    expect(cut('2018-01-01T00:00', '2018-01-01T02:00', '1 hour')).toEqual([
      '2018-01-01T00:00:00Z/2018-01-01T01:00:00Z',
      '2018-01-01T01:00:00Z/2018-01-01T02:00:00Z',
    ]);
  });

  it('daily windows follow the local calendar across DST (a 23-hour day)', () => {
    const period = parsePeriod('1 day');
    const zone = 'America/New_York';
    const w = computeWindows(
      parseInstant('2018-03-10', zone, 'f'),
      parseInstant('2018-03-13', zone, 't'),
      period,
    );
    expect(w.map((x) => x.end.diff(x.start, 'hours').hours)).toEqual([24, 23, 24]);
    expect(windowFormat(w, period)).toBe('date');
    expect(w.map((x) => formatBoundary(x.start, 'date'))).toEqual(['2018-03-10', '2018-03-11', '2018-03-12']);
  });

  it('hourly windows are exact elapsed hours across DST (no window lost or doubled)', () => {
    const zone = 'Europe/Berlin';
    const period = parsePeriod('1 hour');
    // 2018-10-28: 03:00 CEST falls back to 02:00 CET, the local day has 25 hours
    const w = computeWindows(
      parseInstant('2018-10-28', zone, 'f'),
      parseInstant('2018-10-29', zone, 't'),
      period,
    );
    expect(w).toHaveLength(25);
    const labels = w.map((x) => formatBoundary(x.start, 'datetime'));
    expect(labels.slice(2, 4)).toEqual(['2018-10-28T02:00:00+02:00', '2018-10-28T02:00:00+01:00']);
  });

  it('a date with an explicit offset is honoured, then shown in the zone', () => {
    const d = parseInstant('2018-01-01T00:00:00Z', 'Asia/Tokyo', '--from');
    expect(formatBoundary(d, 'datetime')).toBe('2018-01-01T09:00:00+09:00');
  });

  it('refuses an empty or reversed range, a runaway count and bad input', () => {
    expect(() => cut('2018-02-01', '2018-01-01', '1 day')).toThrow(/must be after/);
    expect(() => cut('2018-01-01', '2018-01-01', '1 day')).toThrow(/must be after/);
    const from = parseInstant('2000-01-01', 'UTC', 'f');
    const to = parseInstant('2018-01-01', 'UTC', 't');
    expect(() => computeWindows(from, to, parsePeriod('1 hour'), 50)).toThrow(/more than 50 windows/);
    expect(MAX_WINDOWS).toBe(10_000);
    expect(() => parseInstant('2018-13-01', 'UTC', '--from')).toThrow(/--from "2018-13-01"/);
    expect(() => checkZone('Mars/Olympus')).toThrow(/IANA/);
    expect(checkZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });

  it('numbers windows from 1', () => {
    const period = parsePeriod('1 day');
    const w = computeWindows(
      parseInstant('2018-01-01', 'UTC', 'f'),
      parseInstant('2018-01-03', 'UTC', 't'),
      period,
    );
    expect(w.map((x) => x.index)).toEqual([1, 2]);
  });
});
