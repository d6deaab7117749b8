// The controller's apply in flight, job by job: /api/status, the two gauges and one log line per
// job move while the apply runs, and all of it clears when the apply ends.
import { describe, expect, it } from 'vitest';
import { trackApply } from '../../../src/controller/apply-progress.js';
import { ControllerMemory } from '../../../src/controller/status.js';
import { createLogger } from '../../../src/log/logger.js';
import type { JobOutcome } from '../../../src/model/apply.js';
import { PromMetrics } from '../../../src/server/metrics.js';

const outcome = (job: string, kind: JobOutcome['outcome']): JobOutcome =>
  ({ job, outcome: kind, steps: [], durationMs: 5 }) as unknown as JobOutcome;

describe('apply progress in the controller', () => {
  it('updates the status, the gauges and the log after each job, and clears them at the end', async () => {
    const memory = new ControllerMemory();
    const metrics = new PromMetrics({ defaultMetrics: false });
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ destination: { write: (l: string) => lines.push(JSON.parse(l)) } });
    const gauge = async (name: string) =>
      (await metrics.registry.getSingleMetric(name)!.get()).values[0]?.value;

    const progress = trackApply({ memory, metrics, log, now: () => Date.UTC(2026, 0, 1) }, 'abc123', 3);
    expect(memory.status('src').applying).toEqual({
      revision: 'abc123',
      total: 3,
      done: 0,
      failed: 0,
      lastJob: null,
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    progress.onEvent({ type: 'job-start', job: 'a', index: 0, total: 3 });
    progress.onEvent({
      type: 'job-done',
      job: 'a',
      outcome: outcome('a', 'applied'),
      done: 1,
      total: 3,
      elapsedMs: 900,
    });
    progress.onEvent({
      type: 'job-done',
      job: 'b',
      outcome: outcome('b', 'failed'),
      done: 2,
      total: 3,
      elapsedMs: 1800,
    });
    expect(memory.status('src').applying).toMatchObject({ done: 2, failed: 1, lastJob: 'b' });
    expect([await gauge('berth_apply_jobs_done'), await gauge('berth_apply_jobs_total')]).toEqual([2, 3]);
    expect(lines.filter((l) => l.msg === 'apply progress').map((l) => [l.job, l.outcome, l.done])).toEqual([
      ['a', 'applied', 1],
      ['b', 'failed', 2],
    ]);

    progress.done();
    expect(memory.status('src').applying).toBeNull();
    expect([await gauge('berth_apply_jobs_done'), await gauge('berth_apply_jobs_total')]).toEqual([0, 0]);
  });
});
