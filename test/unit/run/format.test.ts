import { describe, expect, it } from 'vitest';
import { describeOverrides, redactOverrides, shellJoin } from '../../../src/run/display.js';
import { formatElapsed, parseDuration } from '../../../src/run/duration.js';
import { formatResult } from '../../../src/run/format-run.js';
import { outputFormat } from '../../../src/run/output-format.js';
import { BackfillProgress } from '../../../src/run/progress.js';
import { WaitProgress } from '../../../src/run/wait-progress.js';
import type { WindowRun } from '../../../src/run/backfill-plan.js';
import { FakeClock } from './support/fakes.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h30m', 5_400_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['PT1H', 3_600_000],
    ['45', 45_000],
    ['500ms', 500],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', '0s', 'soon', '1x', 'P'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/is not a duration/);
  });
});

describe('formatElapsed', () => {
  it.each([
    [999, '0s'],
    [45_000, '45s'],
    [252_000, '4m12s'],
    [3_720_000, '1h02m'],
    [183_600_000, '2d03h'],
  ])('%d → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('display', () => {
  it('quotes only what a shell would split', () => {
    expect(shellJoin(['load', '2018-01-01', 'a b', "it's", '--x=1'])).toBe(
      `load 2018-01-01 'a b' 'it'\\''s' --x=1`,
    );
  });

  it('masks by the job\u2019s sensitive names, by secret-looking names and by embedded credentials', () => {
    const out = redactOverrides(
      {
        containerOverrides: [
          {
            name: 'c',
            environment: [
              { name: 'CUSTOM', value: 'v1' },
              { name: 'DB_PASSWORD', value: 'v2' },
              { name: 'URL', value: 'postgres://u:p@db/x' },
              { name: 'PLAIN', value: 'ok' },
            ],
          },
        ],
      },
      ['CUSTOM'],
    );
    expect(describeOverrides(out)).toEqual([
      'c: env CUSTOM=(sensitive) DB_PASSWORD=(sensitive) URL=(sensitive) PLAIN=ok',
    ]);
  });

  it('an empty command override is shown as such', () => {
    expect(describeOverrides({ containerOverrides: [{ name: 'c', command: [] }, { name: 'd' }] })).toEqual([
      'c: command (empty)',
      'd: (no change)',
    ]);
  });
});

describe('outputFormat', () => {
  it('accepts text and json only', () => {
    expect(outputFormat('json')).toBe('json');
    expect(() => outputFormat('yaml')).toThrow(/unknown output format "yaml"/);
  });
});

describe('formatResult', () => {
  it('names each container\u2019s exit code and the stop reason', () => {
    const text = formatResult({
      status: 'stopped',
      exitCode: 3,
      outcomes: [
        {
          taskArn: 'arn:aws:ecs:r:1:task/etl/abc',
          result: 'Failed',
          exitCode: 3,
          lastStatus: 'STOPPED',
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
          containers: [
            { name: 'etl', essential: true, exitCode: 3 },
            { name: 'router', essential: false, exitCode: 0 },
          ],
        },
      ],
    });
    expect(text).toBe(
      [
        'task abc: Failed',
        '  etl: exit 3',
        '  router (not essential): exit 0',
        '  stopped: EssentialContainerExited: Essential container in task exited',
        'exit code 3',
        '',
      ].join('\n'),
    );
  });
});

describe('progress', () => {
  const window: WindowRun = {
    index: 2,
    total: 12,
    start: '2018-02-01',
    end: '2018-03-01',
    clipped: false,
    overrides: {},
  };

  it('on a terminal, finished windows scroll above one redrawn status line', () => {
    const clock = new FakeClock();
    const out: string[] = [];
    const p = new BackfillProgress({ write: (s) => out.push(s) }, true, clock, 12);
    p.event({ kind: 'started', window, taskArns: ['t'] });
    clock.t += 65_000;
    p.event({
      kind: 'finished',
      result: { window, status: 'Succeeded', taskArns: ['t'], exitCode: 0, elapsedMs: 65_000 },
    });
    p.finish();
    expect(out).toEqual([
      '\r\x1b[K0/12 done, 1 running, 0 not succeeded, elapsed 0s',
      '\r\x1b[K 2/12  [2018-02-01, 2018-03-01)  Succeeded  exit 0  1m05s\n1/12 done, 0 running, 0 not succeeded, elapsed 1m05s',
      '\r\x1b[K',
    ]);
  });

  it('waiting on a pipe prints a line only when the status changes', () => {
    const clock = new FakeClock();
    const out: string[] = [];
    const p = new WaitProgress({ write: (s) => out.push(s) }, false, clock);
    p.poll([{ taskArn: 'x/abc', lastStatus: 'PENDING' }]);
    clock.t += 3000;
    p.poll([{ taskArn: 'x/abc', lastStatus: 'PENDING' }]);
    p.poll([{ taskArn: 'x/abc', lastStatus: 'RUNNING' }]);
    p.finish();
    expect(out).toEqual(['waiting: abc PENDING (0s)\n', 'waiting: abc RUNNING (3s)\n']);
  });
});
