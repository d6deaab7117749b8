import { describe, expect, it } from 'vitest';
import { backfillSpec } from '../../../src/run/backfill-spec.js';
import { jobContext } from '../../../src/run/job-context.js';
import { loadedJob, loadResult } from './support/repo.js';

const daily = jobContext(
  loadResult([
    loadedJob('daily-sales', {
      image: 'repo/etl:1',
      command: ['sales'],
      schedule: { expression: 'cron(0 3 * * ? *)', timezone: 'Asia/Tokyo' },
      run: { command: ['sales', '--scheduled-time', '<aws.scheduler.scheduled-time>'] },
    }),
  ]),
  'daily-sales',
);
const x = () => 'x';

describe('backfillSpec', () => {
  it('cuts windows in the job\u2019s schedule zone and keys the record by what defines the backfill', () => {
    const spec = backfillSpec(daily, { from: '2018-01-01', to: '2018-01-03', every: 'daily' }, x);
    expect(spec.container).toBe('daily-sales');
    expect(spec.key).toEqual({
      job: 'daily-sales',
      from: '2018-01-01',
      to: '2018-01-03',
      every: 'P1D',
      timezone: 'Asia/Tokyo',
      container: 'daily-sales',
    });
    expect(spec.windows.map((w) => w.overrides.containerOverrides![0]!.command![2])).toEqual([
      '2017-12-31T15:00:00Z',
      '2018-01-01T15:00:00Z',
    ]);
  });

  it('--timezone, arguments, env and --scheduled-time end are part of the key', () => {
    const spec = backfillSpec(
      daily,
      {
        from: '2018-01-01',
        to: '2018-01-02',
        every: '1 day',
        timezone: 'UTC',
        scheduledTimeAt: 'end',
        args: ['load', '{{window.start}}'],
        env: { DB_TOKEN: 't' },
      },
      x,
    );
    expect(spec.key).toMatchObject({
      timezone: 'UTC',
      args: ['load', '{{window.start}}'],
      env: { DB_TOKEN: 't' },
      scheduledTimeAt: 'end',
    });
    expect(spec.windows[0]!.overrides.containerOverrides![0]!.command).toEqual(['load', '2018-01-01']);
    // secret-looking --env values are masked by name when shown (display.ts), not listed here
    expect(spec.meta.sensitive).toEqual([]);
  });

  it('refuses an unknown container and a bad --scheduled-time', () => {
    expect(() =>
      backfillSpec(daily, { from: '2018-01-01', to: '2018-01-02', every: '1 day', container: 'nope' }, x),
    ).toThrow(
      expect.objectContaining({
        message: 'job "daily-sales" has no container "nope"',
        hint: 'containers: daily-sales',
      }),
    );
    expect(() =>
      backfillSpec(
        daily,
        { from: '2018-01-01', to: '2018-01-02', every: '1 day', scheduledTimeAt: 'middle' },
        x,
      ),
    ).toThrow(/must be start or end/);
  });
});
