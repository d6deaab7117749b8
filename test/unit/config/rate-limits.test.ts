import { describe, expect, it } from 'vitest';
import { rateLimitOptions } from '../../../src/cli/context.js';
import { parseRateLimits } from '../../../src/config/rate-limits.js';
import { runtimeSettings } from '../../../src/config/runtime.js';
import { NO_RATE_LIMITS } from '../../../src/aws/index.js';
import { BerthError } from '../../../src/model/errors.js';

describe('BERTH_RATE_LIMITS', () => {
  it('parses key=rate pairs over the defaults', () => {
    expect(parseRateLimits('ecs:RegisterTaskDefinition=10, scheduler:*=0,*=100')).toEqual({
      'ecs:RegisterTaskDefinition': 10,
      'scheduler:*': 0,
      '*': 100,
    });
  });
  it('switches every limit off with "off"', () => {
    const s = runtimeSettings({}, { BERTH_RATE_LIMITS: 'OFF' });
    expect(s.rateLimits).toBe('off');
    expect(rateLimitOptions(s)).toEqual({ rateLimits: NO_RATE_LIMITS });
  });
  it('leaves the defaults alone when unset', () => {
    expect(runtimeSettings({}, {}).rateLimits).toBeUndefined();
    expect(rateLimitOptions(runtimeSettings({}, {}))).toEqual({});
  });
  it('refuses a malformed value instead of silently keeping the defaults', () => {
    for (const bad of ['ecs:Register', 'ecs:RegisterTaskDefinition=fast', 'x=-1', 'ecs:Run Task=1', '']) {
      expect(() => parseRateLimits(bad)).toThrow(BerthError);
    }
    expect(() => runtimeSettings({}, { BERTH_RATE_LIMITS: '*=x' })).toThrow(/BERTH_RATE_LIMITS/);
  });
});
