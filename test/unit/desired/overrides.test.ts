import { describe, expect, it } from 'vitest';
import { containerOverrides, overridesInput } from '../../../src/desired/overrides.js';
import type { Problem } from '../../../src/desired/problems.js';
import type { RunSpec } from '../../../src/model/manifest.js';

function render(run: RunSpec, names = ['etl', 'router'], main = 'etl') {
  const problems: Problem[] = [];
  const list = containerOverrides(run, names, main, (p) => problems.push(p));
  return { list, input: overridesInput(list), problems };
}

describe('Target.Input overrides', () => {
  it('is absent when nothing is overridden', () => {
    expect(render({ taskCount: 2, subnets: ['s'] }).input).toBeUndefined();
    expect(render({ containers: { router: {} } }).input).toBeUndefined();
  });

  it('applies run.command/environment to the main container as canonical JSON', () => {
    const { input } = render({ command: ['2018-01-01', '2019-01-01'], environment: { Z: 1, A: true } });
    expect(input).toBe(
      '{"containerOverrides":[{"command":["2018-01-01","2019-01-01"],"environment":[{"name":"A","value":"true"},{"name":"Z","value":"1"}],"name":"etl"}]}',
    );
  });

  it('passes Scheduler context placeholders through untouched', () => {
    const { input } = render({
      command: ['--at', '<aws.scheduler.scheduled-time>'],
      environment: { RUN_ID: '<aws.scheduler.execution-id>' },
    });
    const parsed = JSON.parse(input!) as {
      containerOverrides: { command: string[]; environment: unknown[] }[];
    };
    expect(parsed.containerOverrides[0]!.command).toEqual(['--at', '<aws.scheduler.scheduled-time>']);
    expect(parsed.containerOverrides[0]!.environment).toEqual([
      { name: 'RUN_ID', value: '<aws.scheduler.execution-id>' },
    ]);
    expect(input).toContain('<aws.scheduler.scheduled-time>');
  });

  it('targets run.container and merges with run.containers for the same container', () => {
    const { list } = render({
      container: 'router',
      environment: { LEVEL: 'debug' },
      containers: {
        router: { command: ['--verbose'], environment: { LEVEL: 'info', X: 'x' } },
        etl: { command: ['go'] },
      },
    });
    expect(list).toEqual([
      { name: 'etl', command: ['go'] },
      {
        name: 'router',
        command: ['--verbose'],
        environment: [
          { name: 'LEVEL', value: 'debug' },
          { name: 'X', value: 'x' },
        ],
      },
    ]);
  });

  it('gives byte-identical JSON whatever the key order of the manifest', () => {
    const a = render({
      containers: { router: { environment: { B: 'b', A: 'a' } }, etl: { command: ['x'] } },
    }).input;
    const b = render({
      containers: { etl: { command: ['x'] }, router: { environment: { A: 'a', B: 'b' } } },
    }).input;
    expect(a).toBe(b);
  });

  it('reports overrides for a container the job does not have', () => {
    const { list, problems } = render({ containers: { ghost: { command: ['x'] } } });
    expect(list).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'render/unknown-container', pointer: '/spec/run/containers/ghost' }),
    ]);
  });
});
