import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, jittered } from '../../../src/controller/backoff.js';

const opts = { initialMs: 1_000, maxMs: 60_000, factor: 2 };

describe('backoffDelay', () => {
  it('doubles the cap per failure and stays between half the cap and the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, opts, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, opts, () => 0.999999))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('never exceeds the maximum, however many failures', () => {
    expect(backoffDelay(50, opts, () => 0.999999)).toBe(60_000);
    expect(backoffDelay(1_000, opts, () => 0)).toBe(30_000);
  });

  it('treats attempts below 1 as the first retry', () => {
    expect(backoffDelay(0, opts, () => 0.5)).toBe(backoffDelay(1, opts, () => 0.5));
  });

  it('is bounded for any attempt and any random value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(n, DEFAULT_BACKOFF, () => r);
          const cap = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.initialMs * 2 ** (n - 1));
          return d >= cap / 2 - 1 && d <= cap;
        },
      ),
    );
  });
});

describe('jittered', () => {
  it('spreads an interval by ± the fraction', () => {
    expect(jittered(60_000, 0.1, () => 0)).toBe(54_000);
    expect(jittered(60_000, 0.1, () => 0.5)).toBe(60_000);
    expect(jittered(60_000, 0.1, () => 0.999999)).toBe(66_000);
  });

  it('clamps the fraction and never returns 0', () => {
    expect(jittered(1_000, 0, () => 0.9)).toBe(1_000);
    expect(jittered(1_000, 5, () => 0)).toBe(1);
  });
});
