// The apply in flight, job by job: a first apply of a thousand jobs takes a quarter of an hour at
// the default rate limits, and /api/status, the metrics and the log show how far it has come
// instead of nothing until it ends. Fed by applyPlan's progress events.
import type { Logger } from '../log/logger.js';
import type { ApplyEvent } from '../model/apply.js';
import type { ControllerMetrics } from './metrics.js';
import type { ControllerMemory } from './status.js';

export interface ApplyProgressDeps {
  memory: ControllerMemory;
  metrics: ControllerMetrics;
  log: Logger;
  now: () => number;
}

export interface ApplyProgress {
  onEvent: (e: ApplyEvent) => void;
  /** The apply ended (however): nothing is in flight any more. */
  done: () => void;
}

export function trackApply(deps: ApplyProgressDeps, revision: string, total: number): ApplyProgress {
  deps.memory.applying = {
    revision,
    total,
    done: 0,
    failed: 0,
    lastJob: null,
    startedAt: new Date(deps.now()).toISOString(),
  };
  deps.metrics.applyProgress?.(0, total);
  return {
    onEvent: (e) => {
      const a = deps.memory.applying;
      if (!a || e.type !== 'job-done') return;
      a.total = e.total;
      a.done = e.done;
      a.lastJob = e.job;
      if (e.outcome.outcome === 'failed') a.failed++;
      deps.metrics.applyProgress?.(e.done, e.total);
      deps.log.info(
        { job: e.job, outcome: e.outcome.outcome, done: e.done, total: e.total, elapsedMs: e.elapsedMs },
        'apply progress',
      );
    },
    done: () => {
      deps.memory.applying = null;
      deps.metrics.applyProgress?.(0, 0);
    },
  };
}
