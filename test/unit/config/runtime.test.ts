import { describe, expect, it } from 'vitest';
import { defaultCacheDir, runtimeSettings } from '../../../src/config/runtime.js';

describe('defaultCacheDir', () => {
  it('follows XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/berth');
    expect(defaultCacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/berth');
  });
});

describe('runtimeSettings', () => {
  it('takes flags over the environment', () => {
    const s = runtimeSettings(
      { dir: '/repo', region: 'eu-west-1', concurrency: 7 },
      { BERTH_REGION: 'us-east-1', HOME: '/h' },
    );
    expect(s).toMatchObject({
      root: '/repo',
      region: 'eu-west-1',
      concurrency: 7,
      cacheDir: '/h/.cache/berth',
    });
  });
  it('reads the environment when flags are absent', () => {
    const s = runtimeSettings(
      {},
      { BERTH_DIR: '/r', BERTH_REGION: 'ap-northeast-1', BERTH_CACHE_DIR: '/c', BERTH_MAX_ATTEMPTS: '3' },
    );
    expect(s).toMatchObject({ root: '/r', region: 'ap-northeast-1', cacheDir: '/c', maxAttempts: 3 });
  });
  it('turns the cache off with --no-cache and colour off with NO_COLOR', () => {
    const s = runtimeSettings({ cache: false, color: 'auto' }, { NO_COLOR: '1' });
    expect(s.cacheDir).toBe(false);
    expect(s.color).toBe(false);
    expect(runtimeSettings({ color: 'always' }, { NO_COLOR: '1' }).color).toBe(true);
  });
  it('refuses numbers that are not whole numbers in range, naming the variable', () => {
    for (const [name, value] of [
      ['BERTH_CONCURRENCY', 'abc'],
      ['BERTH_CONCURRENCY', '-3'],
      ['BERTH_CONCURRENCY', '0'],
      ['BERTH_CONCURRENCY', '4x'],
      ['BERTH_CONCURRENCY', '1e2'],
      ['BERTH_CONCURRENCY', ' 4'],
      ['BERTH_CONCURRENCY', '101'],
      ['BERTH_MAX_ATTEMPTS', '-1'],
      ['BERTH_MAX_ATTEMPTS', '2.5'],
      ['BERTH_MAX_ATTEMPTS', '0x10'],
    ] as const)
      expect(() => runtimeSettings({}, { [name]: value }), `${name}=${value}`).toThrow(
        new RegExp(
          `^${name}="${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not a whole number from 1 to`,
        ),
      );
  });
  it('reads whole numbers in range, and an empty variable as unset', () => {
    expect(runtimeSettings({}, { BERTH_CONCURRENCY: '12', BERTH_MAX_ATTEMPTS: '' })).toMatchObject({
      concurrency: 12,
      maxAttempts: 8,
    });
  });
  it('refuses a BERTH_REGION that is not a region name', () => {
    expect(() => runtimeSettings({}, { BERTH_REGION: 'us-east-1; rm -rf /' })).toThrow(/BERTH_REGION=/);
    expect(runtimeSettings({}, { BERTH_REGION: 'us-gov-west-1' }).region).toBe('us-gov-west-1');
  });
  it('uses BERTH_DIR when -C is not given', () => {
    expect(runtimeSettings({}, { BERTH_DIR: '/srv/jobs' }).root).toBe('/srv/jobs');
    expect(runtimeSettings({ dir: '/other' }, { BERTH_DIR: '/srv/jobs' }).root).toBe('/other');
  });
});
