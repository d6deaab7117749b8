import { describe, expect, it } from 'vitest';
import { planWindows } from '../../../src/run/backfill-plan.js';
import { formatDryRun } from '../../../src/run/format-backfill.js';
import { applyCliOverrides } from '../../../src/run/overrides.js';
import type { TaskOverride } from '../../../src/run/overrides.js';
import { parsePeriod } from '../../../src/run/period.js';
import { computeWindows, parseInstant, windowFormat } from '../../../src/run/windows.js';

function plan(overrides: TaskOverride, from: string, to: string, every: string, zone = 'UTC') {
  const period = parsePeriod(every);
  const windows = computeWindows(parseInstant(from, zone, 'f'), parseInstant(to, zone, 't'), period);
  let n = 0;
  return planWindows(overrides, windows, windowFormat(windows, period), () => `exec-${++n}`);
}

const commandOf = (o: TaskOverride, name: string) =>
  o.containerOverrides?.find((c) => c.name === name)?.command;

describe('planWindows', () => {
  it('the article case: 2018 by month, the window passed as launch.sh arguments', () => {
    // reprocess-2018: entryPoint [/bin/bash, launch.sh]; the CLI arguments replace run.command
    const configured: TaskOverride = {
      containerOverrides: [{ name: 'reprocess-2018', command: ['2018-01-01', '2019-01-01'] }],
    };
    const overrides = applyCliOverrides(configured, {
      container: 'reprocess-2018',
      args: ['{{window.start}}', '{{window.end}}'],
    });
    const runs = plan(overrides, '2018-01-01', '2019-01-01', '1 month');
    expect(runs).toHaveLength(12);
    expect(runs.map((r) => commandOf(r.overrides, 'reprocess-2018'))).toEqual([
      ['2018-01-01', '2018-02-01'],
      ['2018-02-01', '2018-03-01'],
      ['2018-03-01', '2018-04-01'],
      ['2018-04-01', '2018-05-01'],
      ['2018-05-01', '2018-06-01'],
      ['2018-06-01', '2018-07-01'],
      ['2018-07-01', '2018-08-01'],
      ['2018-08-01', '2018-09-01'],
      ['2018-09-01', '2018-10-01'],
      ['2018-10-01', '2018-11-01'],
      ['2018-11-01', '2018-12-01'],
      ['2018-12-01', '2019-01-01'],
    ]);
    expect(runs[11]).toMatchObject({
      index: 12,
      total: 12,
      start: '2018-12-01',
      end: '2019-01-01',
      clipped: false,
    });
  });

  it('a daily job using <aws.scheduler.scheduled-time> is backfillable as it is: the window start goes in', () => {
    const overrides: TaskOverride = {
      containerOverrides: [
        { name: 'daily-sales', command: ['sales', '--scheduled-time', '<aws.scheduler.scheduled-time>'] },
      ],
    };
    const runs = plan(overrides, '2018-01-01', '2018-01-04', '1 day', 'Asia/Tokyo');
    expect(runs.map((r) => commandOf(r.overrides, 'daily-sales')![2])).toEqual([
      '2017-12-31T15:00:00Z',
      '2018-01-01T15:00:00Z',
      '2018-01-02T15:00:00Z',
    ]);
    expect(runs.map((r) => r.start)).toEqual(['2018-01-01', '2018-01-02', '2018-01-03']);
  });

  it('fills environment values and the window index; every window gets its own execution id', () => {
    const overrides: TaskOverride = {
      containerOverrides: [
        {
          name: 'etl',
          environment: [
            { name: 'FROM', value: '{{window.start}}' },
            { name: 'PART', value: 'part-{{window.index}}' },
            { name: 'RUN', value: '<aws.scheduler.execution-id>' },
          ],
        },
      ],
    };
    const runs = plan(overrides, '2018-01-01T00:00', '2018-01-01T12:00', '6 hours');
    expect(runs.map((r) => r.overrides.containerOverrides![0]!.environment)).toEqual([
      [
        { name: 'FROM', value: '2018-01-01T00:00:00Z' },
        { name: 'PART', value: 'part-1' },
        { name: 'RUN', value: 'exec-1' },
      ],
      [
        { name: 'FROM', value: '2018-01-01T06:00:00Z' },
        { name: 'PART', value: 'part-2' },
        { name: 'RUN', value: 'exec-2' },
      ],
    ]);
  });

  it('refuses overrides that would run the same command in every window', () => {
    const same: TaskOverride = {
      containerOverrides: [{ name: 'etl', command: ['sales', '<aws.scheduler.execution-id>'] }],
    };
    expect(() => plan(same, '2018-01-01', '2018-02-01', '1 day')).toThrow(/no window placeholder/);
    expect(() => plan({}, '2018-01-01', '2018-02-01', '1 day')).toThrow(/no window placeholder/);
  });

  it('refuses a misspelt window placeholder', () => {
    const typo: TaskOverride = {
      containerOverrides: [{ name: 'etl', command: ['{{window.begin}}', '{{window.end}}'] }],
    };
    expect(() => plan(typo, '2018-01-01', '2018-02-01', '1 day')).toThrow(
      /unknown placeholder \{\{window.begin\}\}/,
    );
  });

  it('the dry-run listing shows each window\u2019s exact command, secrets masked', () => {
    const overrides: TaskOverride = {
      containerOverrides: [
        {
          name: 'etl',
          command: ['load', '{{window.start}}', '{{window.end}}'],
          environment: [{ name: 'API_TOKEN', value: 'abc' }],
        },
      ],
    };
    const runs = plan(overrides, '2018-01-01', '2018-03-10', '1 month');
    const meta = {
      job: 'j',
      from: '2018-01-01',
      to: '2018-03-10',
      every: 'P1M',
      timezone: 'UTC',
      container: 'etl',
      sensitive: [],
    };
    expect(formatDryRun(meta, runs, new Set(['2018-01-01']))).toBe(
      [
        'Backfill j: 3 windows of P1M from 2018-01-01 to 2018-03-10 (UTC) — dry run, nothing started',
        '  1/3  [2018-01-01, 2018-02-01)  (succeeded before: skipped with --resume)',
        '      etl: command load 2018-01-01 2018-02-01 · env API_TOKEN=(sensitive)',
        '  2/3  [2018-02-01, 2018-03-01)',
        '      etl: command load 2018-02-01 2018-03-01 · env API_TOKEN=(sensitive)',
        '  3/3  [2018-03-01, 2018-03-10) (clipped)',
        '      etl: command load 2018-03-01 2018-03-10 · env API_TOKEN=(sensitive)',
        '',
      ].join('\n'),
    );
  });
});

describe('planWindows --scheduled-time end', () => {
  it('puts the window end in <aws.scheduler.scheduled-time> for jobs that load the period before it', () => {
    const overrides: TaskOverride = {
      containerOverrides: [{ name: 'd', command: ['<aws.scheduler.scheduled-time>'] }],
    };
    const period = parsePeriod('1 day');
    const windows = computeWindows(
      parseInstant('2018-01-01', 'Asia/Tokyo', 'f'),
      parseInstant('2018-01-03', 'Asia/Tokyo', 't'),
      period,
    );
    const runs = planWindows(overrides, windows, 'date', () => 'x', 'end');
    expect(runs.map((r) => commandOf(r.overrides, 'd'))).toEqual([
      ['2018-01-01T15:00:00Z'],
      ['2018-01-02T15:00:00Z'],
    ]);
  });
});
