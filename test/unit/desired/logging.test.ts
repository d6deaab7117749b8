import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOG_GROUP,
  effectiveLogging,
  logConfiguration,
  substitute,
} from '../../../src/desired/logging.js';
import type { LogContext } from '../../../src/desired/logging.js';
import type { Problem } from '../../../src/desired/problems.js';

const ctx: LogContext = { job: 'daily', namePrefix: 'etl-', region: 'us-east-1' };

function render(spec: Parameters<typeof logConfiguration>[0], c = ctx) {
  const problems: Problem[] = [];
  const out = logConfiguration(spec, c, '/spec/logging', (p) => problems.push(p));
  return { out, problems };
}

describe('logConfiguration', () => {
  it('defaults to awslogs in /berth/{prefix}{job} with the job as stream prefix', () => {
    expect(DEFAULT_LOG_GROUP).toBe('/berth/{prefix}{job}');
    expect(render({}).out).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/berth/etl-daily',
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'daily',
      },
    });
  });

  it('substitutes {job} and {prefix} in group and stream prefix', () => {
    expect(substitute('/ecs/{prefix}/{job}/{job}', ctx)).toBe('/ecs/etl-/daily/daily');
    const { out } = render({ group: '/teams/data/{job}', streamPrefix: '{prefix}run' });
    expect(out?.options).toMatchObject({
      'awslogs-group': '/teams/data/daily',
      'awslogs-stream-prefix': 'etl-run',
    });
  });

  it('adds awslogs-create-group only when asked and lets logging.region win', () => {
    const { out } = render({ createGroup: true, region: 'eu-west-1' });
    expect(out?.options?.['awslogs-create-group']).toBe('true');
    expect(out?.options?.['awslogs-region']).toBe('eu-west-1');
    expect(render({ createGroup: false }).out?.options).not.toHaveProperty('awslogs-create-group');
  });

  it('copies extra options with their key case and lets structured fields win', () => {
    const { out } = render({
      group: '/g',
      options: { mode: 'non-blocking', 'Max-Buffer-Size': '4m', 'awslogs-group': '/ignored' },
    });
    expect(out?.options).toEqual({
      'Max-Buffer-Size': '4m',
      'awslogs-group': '/g',
      'awslogs-region': 'us-east-1',
      'awslogs-stream-prefix': 'daily',
      mode: 'non-blocking',
    });
    expect(Object.keys(out!.options!)).toEqual(Object.keys(out!.options!).sort());
  });

  it('renders awsfirelens with its options only (awslogs fields do not apply)', () => {
    const { out } = render({
      driver: 'awsfirelens',
      group: '/g',
      createGroup: true,
      options: { Name: 'cloudwatch_logs' },
    });
    expect(out).toEqual({ logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs' } });
    expect(render({ driver: 'awsfirelens' }).out).toEqual({ logDriver: 'awsfirelens' });
  });

  it('renders driver none as no log configuration', () => {
    expect(render({ driver: 'none' }).out).toBeUndefined();
  });

  it('reports awslogs without any region', () => {
    const { out, problems } = render({}, { ...ctx, region: undefined });
    expect(out?.options).not.toHaveProperty('awslogs-region');
    expect(problems.map((p) => p.rule)).toEqual(['render/log-region']);
  });
});

describe('effectiveLogging', () => {
  it('merges defaults < job < container like the merge rule', () => {
    expect(
      effectiveLogging([
        { group: '/g', createGroup: true, options: { mode: 'non-blocking' } },
        { streamPrefix: 'job' },
        { options: { 'max-buffer-size': '4m' } },
      ]),
    ).toEqual({
      group: '/g',
      createGroup: true,
      streamPrefix: 'job',
      options: { mode: 'non-blocking', 'max-buffer-size': '4m' },
    });
  });

  it('starts afresh at a level that switches the driver', () => {
    const defaults = { driver: 'awslogs' as const, group: '/g', options: { mode: 'non-blocking' } };
    expect(
      effectiveLogging([
        defaults,
        undefined,
        { driver: 'awsfirelens', options: { Name: 'cloudwatch_logs' } },
      ]),
    ).toEqual({ driver: 'awsfirelens', options: { Name: 'cloudwatch_logs' } });
    expect(effectiveLogging([{ options: { a: 'b' } }, { driver: 'none' }])).toEqual({ driver: 'none' });
  });

  it('keeps inherited fields when the same driver is named again, and drops a level set to null', () => {
    expect(effectiveLogging([{ group: '/g' }, { driver: 'awslogs', streamPrefix: 's' }])).toEqual({
      group: '/g',
      driver: 'awslogs',
      streamPrefix: 's',
    });
    expect(effectiveLogging([{ group: '/g' }, null, { streamPrefix: 's' }])).toEqual({ streamPrefix: 's' });
  });
});
