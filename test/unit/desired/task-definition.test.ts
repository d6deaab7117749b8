import { describe, expect, it } from 'vitest';
import { renderDesired } from '../../../src/desired/render.js';
import { chooseLaunch } from '../../../src/desired/launch.js';
import type { Problem } from '../../../src/desired/problems.js';
import { config, job } from './support/build.js';

function td(spec: Parameters<typeof job>[1], cfg = config()) {
  const { state, diagnostics } = renderDesired(cfg, [job('daily', spec)]);
  return { td: state.jobs[0]!.taskDefinition, job: state.jobs[0]!, diagnostics };
}

describe('task definition', () => {
  it('renders cpu and memory as unit and MiB strings', () => {
    expect(td({ image: 'i', task: { cpu: '0.25 vCPU', memory: '512 MiB' } }).td).toMatchObject({
      cpu: '256',
      memory: '512',
    });
    expect(td({ image: 'i', task: { cpu: 2048, memory: '4 GB' } }).td).toMatchObject({
      cpu: '2048',
      memory: '4096',
    });
    expect(td({ image: 'i', task: { cpu: '1 vCPU', memory: '2GiB' } }).td).toMatchObject({
      cpu: '1024',
      memory: '2048',
    });
  });

  it('reports an unreadable size at its pointer and leaves the field out', () => {
    const r = td({ image: 'i', task: { cpu: 'lots' } });
    expect(r.td).not.toHaveProperty('cpu');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'render/size',
        pointer: '/spec/task/cpu',
        job: 'daily',
      }),
    ]);
  });

  it('defaults to awsvpc and FARGATE, with family = prefix + name', () => {
    const r = td({ image: 'i' });
    expect(r.td).toMatchObject({
      family: 'etl-daily',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
    });
    expect(r.job.family).toBe('etl-daily');
  });

  it('renders roles, runtime platform and ephemeral storage', () => {
    const r = td({
      image: 'i',
      task: {
        taskRoleArn: 'arn:aws:iam::1:role/task',
        executionRoleArn: 'arn:aws:iam::1:role/exec',
        runtimePlatform: { cpuArchitecture: 'ARM64' },
        ephemeralStorageGiB: 50,
      },
    });
    expect(r.td).toMatchObject({
      taskRoleArn: 'arn:aws:iam::1:role/task',
      executionRoleArn: 'arn:aws:iam::1:role/exec',
      runtimePlatform: { cpuArchitecture: 'ARM64' },
      ephemeralStorage: { sizeInGiB: 50 },
    });
  });

  it('rejects a non-awsvpc network mode on Fargate and Fargate without a size', () => {
    const cfg = config({ defaults: {} });
    const r = td({ image: 'i', task: { launchType: 'FARGATE', networkMode: 'bridge' } }, cfg);
    expect(r.diagnostics.map((d) => d.rule).sort()).toEqual(['render/fargate-size', 'render/network-mode']);
  });

  it('lets EC2 tasks use bridge mode without a task size', () => {
    const cfg = config({ defaults: {} });
    const r = td({ image: 'i', task: { launchType: 'EC2', networkMode: 'bridge' } }, cfg);
    expect(r.diagnostics).toEqual([]);
    expect(r.td).toMatchObject({ networkMode: 'bridge', requiresCompatibilities: ['EC2'] });
    expect(r.td).not.toHaveProperty('cpu');
  });

  it('expands the single-container shorthand into a container named after the job', () => {
    const r = td({ image: 'repo/etl:1', command: ['run'], environment: { B: 1 } });
    expect(r.td.containerDefinitions).toHaveLength(1);
    expect(r.td.containerDefinitions![0]).toMatchObject({
      name: 'daily',
      image: 'repo/etl:1',
      essential: true,
      command: ['run'],
      environment: [{ name: 'B', value: '1' }],
    });
    expect(r.job.mainContainer).toBe('daily');
  });

  it('reports a job without containers', () => {
    expect(td({}).diagnostics.map((d) => d.rule)).toContain('render/no-containers');
  });
});

describe('launch choice', () => {
  const none = () => {};

  it('uses the launch type, FARGATE by default', () => {
    expect(chooseLaunch(undefined, {}, none)).toEqual({
      launchType: 'FARGATE',
      compatibilities: ['FARGATE'],
      fargate: true,
    });
    expect(chooseLaunch(undefined, { launchType: 'EXTERNAL' }, none)).toMatchObject({
      compatibilities: ['EXTERNAL'],
      fargate: false,
    });
  });

  it("lets a job's capacity providers beat the default launch type", () => {
    const strategy = [
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      { capacityProvider: 'FARGATE', base: 1 },
    ];
    const c = chooseLaunch(
      { capacityProviderStrategy: strategy },
      { launchType: 'FARGATE', capacityProviderStrategy: strategy },
      none,
    );
    expect(c).toEqual({ capacityProviderStrategy: strategy, compatibilities: ['FARGATE'], fargate: true });
  });

  it("lets a job's launch type beat default capacity providers", () => {
    const c = chooseLaunch(
      { launchType: 'EC2' },
      { launchType: 'EC2', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] },
      none,
    );
    expect(c).toEqual({ launchType: 'EC2', compatibilities: ['EC2'], fargate: false });
  });

  it('maps Auto Scaling group providers to EC2 compatibility', () => {
    const c = chooseLaunch(undefined, { capacityProviderStrategy: [{ capacityProvider: 'etl-asg' }] }, none);
    expect(c.compatibilities).toEqual(['EC2']);
    expect(c.fargate).toBe(false);
  });

  it('warns when one level sets both, and uses the strategy', () => {
    const problems: Problem[] = [];
    const c = chooseLaunch(
      { launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
      {},
      (p) => problems.push(p),
    );
    expect(c.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT' }]);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', pointer: '/spec/task' })]);
  });
});
