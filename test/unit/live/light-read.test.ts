// The pure pieces of the light read: when a read may be light, which families it must list
// exactly, the interval setting, and how plans report the read.
import { describe, expect, it } from 'vitest';
import { fullReadInterval } from '../../../src/config/runtime.js';
import { DEFAULT_FULL_READ_INTERVAL_MS, MemoryLiveCache, readPolicy } from '../../../src/live/cache.js';
import { familiesToList } from '../../../src/live/light-listing.js';
import { decideRead, tooManyToList } from '../../../src/live/read-kind.js';
import { liveReadText } from '../../../src/report/plan-format.js';

const arn = (family: string, n: number) =>
  `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${n}`;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-04T12:00:00.000Z');
const mark = { at: new Date(T0).toISOString(), pages: 3 };

describe('decideRead', () => {
  const policy = { fullReadIntervalMs: HOUR, forceFullRead: false };

  it('is light within the interval of the last full listing', () => {
    expect(decideRead(policy, mark, T0 + HOUR - 1)).toEqual({ kind: 'light' });
  });

  it('is full when cold, forced, once the interval has passed, or when the clock went back', () => {
    expect(decideRead(policy, undefined, T0)).toEqual({ kind: 'full', reason: 'cold' });
    expect(decideRead({ ...policy, forceFullRead: true }, mark, T0)).toEqual({
      kind: 'full',
      reason: 'forced',
    });
    expect(decideRead(policy, mark, T0 + HOUR)).toEqual({ kind: 'full', reason: 'interval' });
    expect(decideRead(policy, mark, T0 - 1)).toEqual({ kind: 'full', reason: 'interval' });
    expect(decideRead({ ...policy, fullReadIntervalMs: 0 }, mark, T0)).toEqual({
      kind: 'full',
      reason: 'interval',
    });
  });

  it('falls back to full when listing families one by one would cost more pages', () => {
    expect(tooManyToList(3, mark)).toBe(false);
    expect(tooManyToList(4, mark)).toBe(true);
    expect(tooManyToList(1, { ...mark, pages: 0 })).toBe(false);
  });
});

describe('familiesToList', () => {
  const cache = new MemoryLiveCache();
  cache.putFamilyListing('t-a', [arn('t-a', 1), arn('t-a', 2)]);
  cache.putFamilyListing('t-b', [arn('t-b', 5)]);

  it('lists families new to the cache and families pinned beyond their cached list', () => {
    const pins = [arn('t-a', 2), arn('t-b', 6), arn('other', 1), 'not-an-arn'];
    expect(familiesToList(['t-a', 't-b', 't-c'], pins, cache)).toEqual(['t-b', 't-c']);
  });

  it('trusts the cached list when every pin is in it', () => {
    expect(familiesToList(['t-a', 't-b'], [arn('t-a', 1), arn('t-b', 5)], cache)).toEqual([]);
  });

  it('forgets a family when berth writes one of its revisions (dropRevision)', () => {
    const c = new MemoryLiveCache();
    c.putFamilyListing('t-a', [arn('t-a', 1)]);
    c.dropRevision(arn('t-a', 2));
    expect(c.getFamilyListing('t-a')).toBeUndefined();
    expect(familiesToList(['t-a'], [], c)).toEqual(['t-a']);
  });

  it('a full read replaces every cached list', () => {
    const c = new MemoryLiveCache();
    c.putFamilyListing('t-gone', [arn('t-gone', 1)]);
    c.recordFullRead(mark, new Map([['t-a', [arn('t-a', 3)]]]));
    expect(c.listedFamilies()).toEqual(['t-a']);
    expect(c.lastFullRead()).toEqual(mark);
  });
});

describe('the full-read interval setting', () => {
  it('defaults to an hour; takes durations; 0 or "always" means every read is full', () => {
    expect(fullReadInterval(undefined, undefined)).toBe(DEFAULT_FULL_READ_INTERVAL_MS);
    expect(fullReadInterval(undefined, '')).toBe(DEFAULT_FULL_READ_INTERVAL_MS);
    expect(fullReadInterval('30m', '2h')).toBe(30 * 60_000);
    expect(fullReadInterval(undefined, '2h')).toBe(2 * HOUR);
    expect(fullReadInterval('0', undefined)).toBe(0);
    expect(fullReadInterval(undefined, 'Always')).toBe(0);
    // Zero in any unit means "always", as 0 does (it used to be "not a duration").
    for (const zero of ['0s', '0m', '0ms', '0m0s', 'PT0S', ' 0h '])
      expect(fullReadInterval(zero, undefined)).toBe(0);
    expect(() => fullReadInterval('-1s', undefined)).toThrow(/not a duration/);
    expect(() => fullReadInterval('0x', undefined)).toThrow(/not a duration/);
    expect(readPolicy().fullReadIntervalMs).toBe(HOUR);
  });

  it('refuses what is not a duration, naming the setting', () => {
    expect(() => fullReadInterval('soon', undefined)).toThrow(
      /--full-read-interval "soon" is not a duration/,
    );
    expect(() => fullReadInterval(undefined, '-5m')).toThrow(/BERTH_FULL_READ_INTERVAL "-5m"/);
  });
});

describe('liveReadText', () => {
  it('says what a light read trusted and how old it is', () => {
    const light = { kind: 'light' as const, lastFullRead: mark.at, lastFullReadAgeSeconds: 754 };
    expect(liveReadText({ liveRead: light })).toBe(
      'read: light (revision lists from the full read 12m ago; --full-read to list them all now)',
    );
    expect(liveReadText({ liveRead: { ...light, lastFullReadAgeSeconds: 3_900 } })).toContain('1h05m ago');
    expect(liveReadText({ liveRead: { kind: 'full', reason: 'interval', lastFullRead: mark.at } })).toBe(
      'read: full (every ACTIVE revision listed, interval)',
    );
    expect(liveReadText({})).toBeUndefined();
  });
});
