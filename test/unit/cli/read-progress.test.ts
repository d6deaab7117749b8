// Progress while a plan reads AWS: nothing for a quick read, then counts of what was described,
// in place on a terminal (and wiped at the end), one line at a time elsewhere.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readProgress } from '../../../src/cli/read-progress.js';
import type { CallCounter } from '../../../src/model/ports.js';

let counts: Record<string, number>;
const calls: CallCounter = { snapshot: () => ({ ...counts }), total: () => 0, reset: () => undefined };
let written: string[];
const out = { write: (s: string) => written.push(s) } as unknown as NodeJS.WritableStream;

beforeEach(() => {
  vi.useFakeTimers();
  counts = { 'ecs:DescribeTaskDefinition': 3 };
  written = [];
});
afterEach(() => vi.useRealTimers());

describe('read progress', () => {
  it('says nothing when the read ends within the quiet time', () => {
    const stop = readProgress(calls, 10, out, { tty: false, quietMs: 2000 });
    vi.advanceTimersByTime(1999);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(written).toEqual([]);
  });

  it('counts the describes of this read, a line every interval off a terminal', () => {
    const stop = readProgress(calls, 1000, out, {
      tty: false,
      quietMs: 2000,
      everyMs: 10_000,
      now: Date.now,
    });
    counts = { 'ecs:DescribeTaskDefinition': 343, 'scheduler:GetSchedule': 120 };
    vi.advanceTimersByTime(2000);
    counts['scheduler:GetSchedule'] = 400;
    vi.advanceTimersByTime(10_000);
    stop();
    expect(written).toEqual([
      'reading AWS: 340 task definitions and 120 schedules described for 1000 jobs, 2s (the cache makes the next plan quick)\n',
      'reading AWS: 340 task definitions and 400 schedules described for 1000 jobs, 12s (the cache makes the next plan quick)\n',
    ]);
  });

  it('rewrites one line on a terminal and clears it at the end', () => {
    const stop = readProgress(calls, 5, out, { tty: true, quietMs: 100, everyMs: 100 });
    vi.advanceTimersByTime(250);
    stop();
    expect(written.length).toBe(3);
    expect(written.slice(0, 2).every((w) => w.startsWith('\r\u001b[2Kreading AWS: 0 task definitions'))).toBe(
      true,
    );
    expect(written[2]).toBe('\r\u001b[2K');
  });
});
