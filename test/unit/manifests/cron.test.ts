import { describe, expect, it } from 'vitest';
import { checkCron } from '../../../src/manifests/cron.js';
import { checkExpression } from '../../../src/manifests/expression.js';

const rules = (body: string) => checkCron(body).map((p) => p.rule);

describe('EventBridge cron', () => {
  it.each([
    '0 3 * * ? *',
    '0 10 * * ? *',
    '15 12 * * ? *',
    '0 18 ? * MON-FRI *',
    '0 8 1 * ? *',
    '0/15 * * * ? *',
    '*/5 8-17 ? * MON-FRI *',
    '0/10 * ? * MON-FRI *',
    '0/5 8-17 ? * MON-FRI *',
    '0 9 ? * 2#1 *',
    '0 9 ? * MON#2 *',
    '0 0 L * ? *',
    '0 0 15W * ? *',
    '0 0 ? * 6L *',
    '0 0 ? * L *',
    '0 0 1 JAN,APR,JUL,OCT ? 2026-2030',
    '30 23 ? * sun-thu *',
    '0 0 1 1 ? 1970',
    '59 23 31 12 ? 2199',
    '5,10,15 1-3,22 ? * 1,7 *',
    '10-50/5 * * * ? *',
    '0 12 ? JAN-DEC SUN-SAT *',
  ])('accepts cron(%s)', (body) => {
    expect(checkCron(body)).toEqual([]);
  });

  it.each([
    ['0 3 * * *', 'cron/fields'],
    ['0 0 3 * * ? *', 'cron/fields'],
    ['', 'cron/fields'],
    ['0 3 * * * *', 'cron/day-fields'],
    ['0 3 ? * ? *', 'cron/day-fields'],
    ['0 3 1 * MON *', 'cron/day-fields'],
    ['60 3 * * ? *', 'cron/value'],
    ['0 24 * * ? *', 'cron/value'],
    ['0 3 0 * ? *', 'cron/value'],
    ['0 3 32 * ? *', 'cron/value'],
    ['0 3 * 13 ? *', 'cron/value'],
    ['0 3 * FOO ? *', 'cron/value'],
    ['0 3 ? * 0 *', 'cron/value'],
    ['0 3 ? * 8 *', 'cron/value'],
    ['0 3 ? * MON#6 *', 'cron/value'],
    ['0 3 ? * MON#1,FRI#2 *', 'cron/value'],
    ['0 3 * * ? 1969', 'cron/value'],
    ['0 3 * * ? 2200', 'cron/value'],
    ['0 3 L-2 * ? *', 'cron/value'],
    ['0 3 LW * ? *', 'cron/value'],
    ['0 3 1W,15W * ? *', 'cron/value'],
    ['0 3W * * ? *', 'cron/value'],
    ['L 3 * * ? *', 'cron/value'],
    ['? 3 * * ? *', 'cron/value'],
    ['0 3 ?,1 * ? *', 'cron/value'],
    ['*/0 3 * * ? *', 'cron/value'],
    ['*/61 3 * * ? *', 'cron/value'],
    ['0/a 3 * * ? *', 'cron/value'],
    ['0/5/5 3 * * ? *', 'cron/value'],
    ['1-2-3 3 * * ? *', 'cron/value'],
    ['1,,2 3 * * ? *', 'cron/value'],
    ['0 3 * * ? 2020-', 'cron/value'],
  ])('rejects cron(%s) with %s', (body, rule) => {
    expect(rules(body)).toContain(rule);
    expect(checkCron(body).find((p) => p.rule === rule)?.severity).toBe('error');
  });

  it('warns about a range that runs backwards, suggesting two ranges', () => {
    const [p] = checkCron('0 22-2 * * ? *');
    expect(p).toMatchObject({ rule: 'cron/reversed-range', severity: 'warning' });
    expect(p!.hint).toContain('22-23,0-2');
  });

  it('explains Sunday and the missing year', () => {
    expect(checkCron('0 3 ? * 0 *')[0]!.message).toContain('Sunday is 1 or SUN');
    expect(checkCron('0 3 * * 1')[0]!.hint).toContain('sixth field, the year');
    expect(checkCron('0 0 3 * * ? *')[0]!.hint).toContain('no seconds field');
  });

  it('reports every bad field, not only the first', () => {
    expect(rules('60 24 * * ? *')).toEqual(['cron/value', 'cron/value']);
  });
});

describe('schedule expressions', () => {
  it.each([
    ['cron(0 3 * * ? *)', 'cron'],
    ['rate(1 minute)', 'rate'],
    ['rate(5 minutes)', 'rate'],
    ['rate(1 hour)', 'rate'],
    ['rate(12 hours)', 'rate'],
    ['rate(1 day)', 'rate'],
    ['rate(7 days)', 'rate'],
    ['at(2027-03-01T01:00:00)', 'at'],
    ['at(2028-02-29T23:59:59)', 'at'],
  ])('accepts %s', (expr, kind) => {
    expect(checkExpression(expr)).toMatchObject({ kind, problems: [] });
  });

  it.each([
    ['rate(1 days)', 'schedule/rate', 'write rate(1 day)'],
    ['rate(2 day)', 'schedule/rate', 'write rate(2 days)'],
    ['rate(0 minutes)', 'schedule/rate', 'at least 1'],
    ['rate(5 seconds)', 'schedule/rate', 'unknown rate unit'],
    ['rate(2 weeks)', 'schedule/rate', 'unknown rate unit'],
    ['rate(5  minutes)', 'schedule/rate', 'not rate(N unit)'],
    ['rate(five minutes)', 'schedule/rate', 'not rate(N unit)'],
    ['rate(1 Hour)', 'schedule/rate', 'not rate(N unit)'],
    ['at(2027-02-29T00:00:00)', 'schedule/at', 'not a real date'],
    ['at(2027-13-01T00:00:00)', 'schedule/at', 'not a real date'],
    ['at(2027-01-01T24:00:00)', 'schedule/at', 'not a real date'],
    ['at(2027-01-01 00:00:00)', 'schedule/at', 'is not at('],
    ['at(2027-01-01T00:00:00Z)', 'schedule/at', 'is not at('],
    ['at(2027-01-01T00:00)', 'schedule/at', 'is not at('],
    ['Cron(0 3 * * ? *)', 'schedule/expression', 'lower case'],
    ['every(5 minutes)', 'schedule/expression', 'unknown schedule expression'],
    ['0 3 * * *', 'schedule/expression', 'not a schedule expression'],
    [' cron(0 3 * * ? *)', 'schedule/expression', 'spaces around'],
    ['cron(0 3 * * ? *', 'schedule/expression', 'not a schedule expression'],
  ])('rejects %s', (expr, rule, text) => {
    const [p] = checkExpression(expr).problems;
    expect(p?.rule).toBe(rule);
    expect(p?.message).toContain(text);
  });

  it('suggests the cron wrapper for a bare Unix cron', () => {
    expect(checkExpression('0 3 * * *').problems[0]!.hint).toContain('wrap it in cron(');
  });

  it('returns the wall-clock time of at()', () => {
    expect(checkExpression('at(2027-03-01T01:02:03)').at).toEqual({
      year: 2027,
      month: 3,
      day: 1,
      hour: 1,
      minute: 2,
      second: 3,
    });
  });
});
