// A container's log configuration back to the smallest logging section.
import { describe, expect, it } from 'vitest';
import { loggingSpec } from '../../../src/import/logging.js';

const ctx = { job: 'sales', namePrefix: 'etl-', region: 'us-east-1' };
const awslogs = (options: Record<string, string>) => ({ logDriver: 'awslogs' as const, options });

describe('loggingSpec', () => {
  it('omits what the defaults render the same', () => {
    const live = awslogs({
      'awslogs-group': '/berth/etl-sales',
      'awslogs-stream-prefix': 'sales',
      'awslogs-region': 'us-east-1',
    });
    expect(loggingSpec(live, {}, ctx)).toEqual({ logging: undefined, exact: true });
  });

  it('writes the group, prefix, createGroup and extra options that differ', () => {
    const live = awslogs({
      'awslogs-group': '/ecs/sales',
      'awslogs-stream-prefix': 'ecs',
      'awslogs-region': 'us-east-1',
      'awslogs-create-group': 'true',
      mode: 'non-blocking',
    });
    expect(loggingSpec(live, { createGroup: true, options: { 'max-buffer-size': '4m' } }, ctx)).toEqual({
      logging: {
        group: '/ecs/sales',
        streamPrefix: 'ecs',
        options: { mode: 'non-blocking', 'max-buffer-size': null },
      },
      exact: true,
    });
  });

  it('switches driver when the default is another one', () => {
    const firelens = { logDriver: 'awsfirelens' as const, options: { Name: 'cloudwatch_logs' } };
    expect(loggingSpec(firelens, {}, ctx)).toEqual({
      logging: { driver: 'awsfirelens', options: { Name: 'cloudwatch_logs' } },
      exact: true,
    });
    expect(loggingSpec(undefined, {}, ctx)).toEqual({ logging: { driver: 'none' }, exact: true });
    const live = awslogs({
      'awslogs-group': '/berth/etl-sales',
      'awslogs-stream-prefix': 'sales',
      'awslogs-region': 'us-east-1',
    });
    expect(loggingSpec(live, { driver: 'none' }, ctx)).toEqual({
      logging: { driver: 'awslogs' },
      exact: true,
    });
  });

  it('says when no logging section reproduces the live one', () => {
    const noPrefix = awslogs({ 'awslogs-group': '/berth/etl-sales', 'awslogs-region': 'us-east-1' });
    expect(loggingSpec(noPrefix, {}, ctx).exact).toBe(false);
    expect(loggingSpec({ logDriver: 'splunk', options: {} }, {}, ctx).exact).toBe(false);
  });
});
