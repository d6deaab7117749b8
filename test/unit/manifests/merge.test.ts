import { describe, expect, it } from 'vitest';
import { effectiveJob, mergeDefaults } from '../../../src/manifests/merge.js';
import type { JobManifest, RepoConfig } from '../../../src/model/manifest.js';

const config: RepoConfig = {
  apiVersion: 'berth/v1',
  kind: 'Config',
  metadata: { name: 'analytics' },
  spec: {
    cluster: 'etl',
    scheduleGroup: 'berth-analytics',
    tags: { team: 'data', cost: 'etl' },
    defaults: {
      task: {
        cpu: '0.5 vCPU',
        memory: '1 GB',
        launchType: 'FARGATE',
        executionRoleArn: 'arn:aws:iam::1:role/exec',
      },
      network: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: false },
      logging: { driver: 'awslogs', group: '/berth/{job}', streamPrefix: 'etl' },
      schedule: { timezone: 'Asia/Tokyo', retry: { maximumRetryAttempts: 2 } },
      sync: { selfHeal: true },
    },
  },
};

function job(spec: JobManifest['spec']): JobManifest {
  return { apiVersion: 'berth/v1', kind: 'Job', metadata: { name: 'daily' }, spec };
}

describe('mergeDefaults', () => {
  it('merges maps key by key, job wins', () => {
    expect(mergeDefaults({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 9 } })).toEqual({ a: 1, b: { c: 9, d: 3 } });
  });
  it('replaces lists wholesale', () => {
    expect(mergeDefaults({ l: [1, 2] }, { l: [3] })).toEqual({ l: [3] });
  });
  it('removes a default with an explicit null', () => {
    expect(mergeDefaults({ a: 1, b: 2 }, { b: null } as unknown as { a: number; b: number })).toEqual({
      a: 1,
    });
  });
  it('drops a null that has no default to remove, at any depth', () => {
    expect(mergeDefaults(undefined, { a: null, b: { c: null, d: 1 } } as unknown as object)).toEqual({
      b: { d: 1 },
    });
  });
  it('never mutates its inputs', () => {
    const base = { m: { x: 1 } };
    mergeDefaults(base, { m: { x: 2 } });
    expect(base).toEqual({ m: { x: 1 } });
  });
});

describe('effectiveJob', () => {
  it('applies task, network, schedule, logging and sync defaults', () => {
    const e = effectiveJob(
      config,
      job({ image: 'repo/etl:1', task: { memory: '2 GB' }, schedule: { expression: 'rate(1 day)' } }),
    );
    expect(e.task).toEqual({
      cpu: '0.5 vCPU',
      memory: '2 GB',
      launchType: 'FARGATE',
      executionRoleArn: 'arn:aws:iam::1:role/exec',
    });
    expect(e.run).toEqual({
      subnets: ['subnet-a', 'subnet-b'],
      securityGroups: ['sg-1'],
      assignPublicIp: false,
    });
    expect(e.schedule).toEqual({
      expression: 'rate(1 day)',
      timezone: 'Asia/Tokyo',
      retry: { maximumRetryAttempts: 2 },
    });
    expect(e.sync).toEqual({ suspend: false, selfHeal: true, preventDestroy: false });
    expect(e.tags).toEqual({ team: 'data', cost: 'etl' });
  });

  it('expands the single-container shorthand named after the job', () => {
    const e = effectiveJob(config, job({ image: 'repo/etl:1', command: ['a'], environment: { X: '1' } }));
    expect(e.containers).toEqual([
      {
        name: 'daily',
        image: 'repo/etl:1',
        essential: true,
        command: ['a'],
        environment: { X: '1' },
        logging: { driver: 'awslogs', group: '/berth/{job}', streamPrefix: 'etl' },
      },
    ]);
  });

  it('layers container logging over job logging over defaults', () => {
    const e = effectiveJob(
      config,
      job({
        logging: { streamPrefix: 'job' },
        containers: [
          { name: 'etl', image: 'a' },
          { name: 'router', image: 'b', logging: { group: '/router' } },
        ],
      }),
    );
    expect(e.containers[0]?.logging).toEqual({
      driver: 'awslogs',
      group: '/berth/{job}',
      streamPrefix: 'job',
    });
    expect(e.containers[1]?.logging).toEqual({ driver: 'awslogs', group: '/router', streamPrefix: 'job' });
  });

  it('lets a job replace default subnets and drop a default with null', () => {
    const e = effectiveJob(
      config,
      job({
        image: 'x',
        run: { subnets: ['subnet-z'] },
        task: { executionRoleArn: null as unknown as string },
      }),
    );
    expect(e.run.subnets).toEqual(['subnet-z']);
    expect(e.task.executionRoleArn).toBeUndefined();
  });

  it('leaves schedule defaults out of a job without a schedule', () => {
    expect(effectiveJob(config, job({ image: 'x' })).schedule).toBeUndefined();
  });

  it('works without a config', () => {
    const e = effectiveJob(undefined, job({ image: 'x' }));
    expect(e.task).toEqual({});
    expect(e.tags).toEqual({});
  });
});
