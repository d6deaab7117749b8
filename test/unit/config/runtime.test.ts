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
      { dir: '/repo', region: 'eu-west-1', concurrency: '7' },
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
  it('falls back on bad numbers', () => {
    expect(runtimeSettings({ concurrency: 'many' }, {}).concurrency).toBe(4);
  });
});
