import { describe, expect, it } from 'vitest';
import {
  applyCliOverrides,
  overrideCommand,
  parseEnvAssignments,
  parseOverridesInput,
} from '../../../src/run/overrides.js';
import type { TaskOverride } from '../../../src/run/overrides.js';

const configured: TaskOverride = {
  containerOverrides: [
    {
      name: 'etl',
      command: ['sales', '--mode', 'incremental'],
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    },
    { name: 'router', environment: [{ name: 'R', value: 'x' }] },
  ],
};

describe('applyCliOverrides', () => {
  it('arguments replace the target container command; other containers stay', () => {
    const out = applyCliOverrides(configured, { container: 'etl', args: ['2018-01-01', '2019-01-01'] });
    expect(out.containerOverrides).toEqual([
      {
        name: 'etl',
        command: ['2018-01-01', '2019-01-01'],
        environment: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
      { name: 'router', environment: [{ name: 'R', value: 'x' }] },
    ]);
  });

  it('--env adds and replaces entries, keeping the command', () => {
    const out = applyCliOverrides(configured, { container: 'etl', env: { B: 'two', C: '3' } });
    expect(out.containerOverrides![0]).toEqual({
      name: 'etl',
      command: ['sales', '--mode', 'incremental'],
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: 'two' },
        { name: 'C', value: '3' },
      ],
    });
  });

  it('a container without configured overrides gets a new entry', () => {
    const out = applyCliOverrides({}, { container: 'main', args: ['--full'], env: { X: '1' } });
    expect(out.containerOverrides).toEqual([
      { name: 'main', command: ['--full'], environment: [{ name: 'X', value: '1' }] },
    ]);
  });

  it('an empty argument list is a replacement (run the image default with no arguments)', () => {
    const out = applyCliOverrides(configured, { container: 'etl', args: [] });
    expect(overrideCommand(out, 'etl')).toEqual([]);
  });

  it('without CLI input the configured overrides pass through, unchanged and not shared', () => {
    const out = applyCliOverrides(configured, { container: 'etl' });
    expect(out).toEqual(configured);
    out.containerOverrides![0]!.command!.push('mutated');
    expect(configured.containerOverrides![0]!.command).toEqual(['sales', '--mode', 'incremental']);
  });

  it('keeps task-level keys of the schedule input', () => {
    const out = applyCliOverrides({ cpu: '1024', containerOverrides: [] }, { container: 'etl', args: ['x'] });
    expect(out).toEqual({ cpu: '1024', containerOverrides: [{ name: 'etl', command: ['x'] }] });
  });
});

describe('parseEnvAssignments', () => {
  it('splits at the first =', () => {
    expect(parseEnvAssignments(['A=1', 'URL=a=b', 'EMPTY='])).toEqual({ A: '1', URL: 'a=b', EMPTY: '' });
  });
  it.each(['NOVALUE', '=x', '1A=x', 'A-B=x'])('rejects %j', (pair) => {
    expect(() => parseEnvAssignments([pair])).toThrow(/is not NAME=VALUE/);
  });
  it('says where the global --env goes when given a bare name (berth run JOB --env prod)', () => {
    let hint: string | undefined;
    try {
      parseEnvAssignments(['prod']);
    } catch (e) {
      hint = (e as { hint?: string }).hint;
    }
    expect(hint).toContain('put it before the command: berth --env prod <command>');
  });
});

describe('parseOverridesInput', () => {
  it('parses the schedule input; absent is no overrides', () => {
    expect(parseOverridesInput('{"containerOverrides":[{"name":"a","command":["x"]}]}')).toEqual({
      containerOverrides: [{ name: 'a', command: ['x'] }],
    });
    expect(parseOverridesInput(undefined)).toEqual({});
  });
  it('refuses what is not a JSON object', () => {
    expect(() => parseOverridesInput('{nope')).toThrow(/not JSON/);
    expect(() => parseOverridesInput('[1]')).toThrow(/not a JSON object/);
  });
});
