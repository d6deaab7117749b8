// The controller counts each finished run once in its metrics, and remembers counted runs only
// as long as a source can hand them back (src/run-health/counted-runs.ts): over months of runs
// the memory stays bounded, and a run read again inside the window is never counted twice.
import { describe, expect, it } from 'vitest';
import { COUNT_WINDOW_MS, CountedRuns } from '../../../src/run-health/counted-runs.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('CountedRuns', () => {
  it('counts a run once, however often and however late (within the window) it is read again', () => {
    const counted = new CountedRuns();
    const t0 = Date.UTC(2026, 11, 1);
    expect(counted.first('task/1', t0, t0)).toBe(true);
    expect(counted.first('task/1', t0, t0 + MINUTE)).toBe(false);
    // A dead-letter message read without deleting, 13 days on.
    expect(counted.first('task/1', t0, t0 + 13 * DAY)).toBe(false);
    expect(counted.first('task/2', t0, t0 + 13 * DAY)).toBe(true);
    // Ended before the window: no source returns it any more; never counted, never remembered.
    expect(counted.first('task/old', t0 - COUNT_WINDOW_MS - 1, t0)).toBe(false);
    expect(counted.size).toBe(2);
  });

  it('stays bounded over 90 days of a run every 2 minutes, each read again later', () => {
    const counted = new CountedRuns();
    const start = Date.UTC(2026, 0, 1);
    const everyMs = 2 * MINUTE;
    const runs = (90 * DAY) / everyMs; // 64,800 runs
    let counts = 0;
    let largest = 0;
    for (let i = 0; i < runs; i++) {
      const now = start + i * everyMs;
      // The run that just ended, the same run from the feed, one ECS still shows an hour on,
      // and a dead-letter message 10 days old read again: only the first is new.
      const offers: [string, number][] = [
        [`run-${i}`, now],
        [`run-${i}`, now],
        [`run-${i - 30}`, now - 30 * everyMs],
        [`run-${i - 7200}`, now - 7200 * everyMs],
      ];
      for (const [key, ended] of offers) if (ended >= start && counted.first(key, ended, now)) counts++;
      largest = Math.max(largest, counted.size);
    }
    expect(counts).toBe(runs);
    // The window's runs plus at most 1/16 window waiting for the sweep; never all 64,800.
    const windowRuns = COUNT_WINDOW_MS / everyMs;
    expect(largest).toBeLessThanOrEqual(Math.ceil(windowRuns * (1 + 1 / 16)) + 1);
    expect(counted.size).toBeLessThan(runs / 4);
  });
});
