import { describe, expect, it } from 'vitest';
import {
  manualRunValues,
  placeholdersIn,
  schedulerTime,
  substitutePlaceholders,
} from '../../../src/run/placeholders.js';
import type { TaskOverride } from '../../../src/run/overrides.js';

const overrides: TaskOverride = {
  containerOverrides: [
    {
      name: 'etl',
      command: [
        'sales',
        '--scheduled-time',
        '<aws.scheduler.scheduled-time>',
        '--from={{window.start}}',
        '{{ window.end }}',
      ],
      environment: [
        { name: 'RUN_ID', value: '<aws.scheduler.execution-id>/<aws.scheduler.attempt-number>' },
        { name: 'TEMPLATE', value: '{{.Values.keep}}' },
      ],
    },
    { name: 'router', environment: [{ name: 'SCHEDULE', value: '<aws.scheduler.schedule-arn>' }] },
  ],
};

describe('substitutePlaceholders', () => {
  it('fills command items and environment values, reporting what it used', () => {
    const sub = substitutePlaceholders(overrides, {
      ...manualRunValues(Date.parse('2024-06-01T10:00:00.123Z'), 'exec-1'),
      'window.start': '2018-01-01',
      'window.end': '2018-02-01',
    });
    expect(sub.overrides.containerOverrides![0]!.command).toEqual([
      'sales',
      '--scheduled-time',
      '2024-06-01T10:00:00Z',
      '--from=2018-01-01',
      '2018-02-01',
    ]);
    expect(sub.overrides.containerOverrides![0]!.environment).toEqual([
      { name: 'RUN_ID', value: 'exec-1/1' },
      // other {{…}} text belongs to the user's program: untouched
      { name: 'TEMPLATE', value: '{{.Values.keep}}' },
    ]);
    expect(sub.overrides.containerOverrides![1]!.environment).toEqual([
      { name: 'SCHEDULE', value: 'manual' },
    ]);
    expect(sub.used).toEqual([
      'aws.scheduler.attempt-number',
      'aws.scheduler.execution-id',
      'aws.scheduler.schedule-arn',
      'aws.scheduler.scheduled-time',
      'window.end',
      'window.start',
    ]);
    expect(sub.unknown).toEqual([]);
  });

  it('leaves placeholders without a value as written and names them', () => {
    const sub = substitutePlaceholders(overrides, manualRunValues(0, 'x'));
    expect(sub.overrides.containerOverrides![0]!.command![3]).toBe('--from={{window.start}}');
    expect(sub.unknown).toEqual(['window.end', 'window.start']);
  });

  it('does not change its input', () => {
    const before = structuredClone(overrides);
    substitutePlaceholders(overrides, manualRunValues(0, 'x'));
    expect(overrides).toEqual(before);
  });

  it('placeholdersIn lists every placeholder', () => {
    expect(placeholdersIn(overrides)).toEqual([
      'aws.scheduler.attempt-number',
      'aws.scheduler.execution-id',
      'aws.scheduler.schedule-arn',
      'aws.scheduler.scheduled-time',
      'window.end',
      'window.start',
    ]);
    expect(placeholdersIn({})).toEqual([]);
  });
});

describe('schedulerTime', () => {
  it('is UTC with whole seconds and Z, like Scheduler', () => {
    expect(schedulerTime(Date.parse('2022-03-22T18:59:43.999Z'))).toBe('2022-03-22T18:59:43Z');
  });
});
