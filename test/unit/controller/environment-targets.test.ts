import { describe, expect, it } from 'vitest';
import { environmentTargets } from '../../../src/config/controller.js';

describe('environmentTargets (which environments one controller process reconciles)', () => {
  it('is one environment, or none, as before', () => {
    expect(environmentTargets({}, {})).toEqual({ mode: 'one', name: undefined });
    expect(environmentTargets({ env: ['prod'] }, {})).toEqual({ mode: 'one', name: 'prod' });
    expect(environmentTargets({}, { BERTH_ENV: 'prod' })).toEqual({ mode: 'one', name: 'prod' });
  });

  it('takes --env repeated, else BERTH_ENV separated by commas; the flags win', () => {
    expect(environmentTargets({ env: ['dev', 'prod'] }, {})).toEqual({
      mode: 'several',
      names: ['dev', 'prod'],
    });
    expect(environmentTargets({}, { BERTH_ENV: 'dev, prod' })).toEqual({
      mode: 'several',
      names: ['dev', 'prod'],
    });
    expect(environmentTargets({ env: ['qa'] }, { BERTH_ENV: 'dev,prod' })).toEqual({
      mode: 'one',
      name: 'qa',
    });
  });

  it('takes --all-envs or BERTH_ALL_ENVS', () => {
    expect(environmentTargets({ allEnvs: true }, {})).toEqual({ mode: 'all' });
    expect(environmentTargets({}, { BERTH_ALL_ENVS: 'true' })).toEqual({ mode: 'all' });
    // --all-envs with BERTH_ENV set (say, by a base image): the flag is explicit, it wins.
    expect(environmentTargets({ allEnvs: true }, { BERTH_ENV: 'dev' })).toEqual({ mode: 'all' });
  });

  it('refuses contradictions, empty and repeated names', () => {
    expect(() => environmentTargets({ allEnvs: true, env: ['dev'] }, {})).toThrow(
      /--all-envs and --env both given/,
    );
    expect(() => environmentTargets({}, { BERTH_ENV: 'dev,,prod' })).toThrow(
      /BERTH_ENV names an empty environment/,
    );
    expect(() => environmentTargets({ env: ['dev', 'dev'] }, {})).toThrow(
      /--env names environment "dev" twice/,
    );
    expect(() => environmentTargets({}, { BERTH_ALL_ENVS: 'maybe' })).toThrow(/not a boolean/);
  });
});

describe('environmentTargets: what the reviewer found', () => {
  it('names BERTH_ALL_ENVS, not --all-envs, when the variable contradicts --env', () => {
    let message = '';
    try {
      environmentTargets({ env: ['prod'] }, { BERTH_ALL_ENVS: '1' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^BERTH_ALL_ENVS=1 and --env both given/);
    expect(message).not.toMatch(/--all-envs/);
  });

  it('reads --env dev,prod as two environments, as BERTH_ENV=dev,prod', () => {
    expect(environmentTargets({ env: ['dev,prod'] }, {})).toEqual({
      mode: 'several',
      names: ['dev', 'prod'],
    });
    expect(environmentTargets({ env: ['dev, prod', 'qa'] }, {})).toEqual({
      mode: 'several',
      names: ['dev', 'prod', 'qa'],
    });
    expect(() => environmentTargets({ env: ['dev,'] }, {})).toThrow(/--env names an empty environment/);
    expect(() => environmentTargets({ env: ['dev,prod', 'dev'] }, {})).toThrow(
      /--env names environment "dev" twice/,
    );
  });
});
