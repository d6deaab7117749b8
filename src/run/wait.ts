// Polls DescribeTasks until every task has STOPPED, with growing pauses (ECS jobs run for
// minutes to hours: frequent polls early, a few per minute later). Clock and cancellation are
// parameters, so tests drive it with a fake clock and the CLI can stop waiting on Ctrl-C.
import type { EcsTask } from '../model/aws-types.js';
import { BerthError } from '../model/errors.js';
import type { EcsPort } from '../model/ports.js';
import type { Clock } from './clock.js';

export interface WaitOptions {
  clock: Clock;
  /** Give up after this long (no limit when undefined). */
  timeoutMs?: number;
  /** Stop waiting early (the tasks keep running). */
  signal?: AbortSignal;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Called with every description, for progress. */
  onPoll?: (tasks: EcsTask[]) => void;
}

export type WaitStatus = 'stopped' | 'timeout' | 'aborted';

export interface WaitResult {
  status: WaitStatus;
  /** Latest description of each task that DescribeTasks returned. */
  tasks: EcsTask[];
  polls: number;
}

export const DEFAULT_INITIAL_DELAY_MS = 2_000;
export const DEFAULT_MAX_DELAY_MS = 30_000;
const BACKOFF_FACTOR = 1.5;
/** Consecutive transient DescribeTasks errors tolerated (the SDK has already retried each). */
const MAX_TRANSIENT_FAILURES = 5;

export async function waitForTasks(
  ecs: EcsPort,
  cluster: string,
  taskArns: string[],
  opts: WaitOptions,
): Promise<WaitResult> {
  const { clock, timeoutMs, signal } = opts;
  const started = clock.now();
  let delay = opts.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const maxDelay = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  let tasks: EcsTask[] = [];
  let polls = 0;
  let transientFailures = 0;
  for (;;) {
    try {
      tasks = await ecs.describeTasks(cluster, taskArns);
      transientFailures = 0;
      polls++;
      opts.onPoll?.(tasks);
      if (allStopped(tasks, taskArns)) return { status: 'stopped', tasks, polls };
    } catch (err) {
      if (!(err instanceof BerthError && err.transient) || ++transientFailures > MAX_TRANSIENT_FAILURES)
        throw err;
    }
    if (signal?.aborted) return { status: 'aborted', tasks, polls };
    const elapsed = clock.now() - started;
    if (timeoutMs !== undefined && elapsed >= timeoutMs) return { status: 'timeout', tasks, polls };
    await clock.sleep(timeoutMs === undefined ? delay : Math.min(delay, timeoutMs - elapsed), signal);
    if (signal?.aborted) return { status: 'aborted', tasks, polls };
    delay = Math.min(delay * BACKOFF_FACTOR, maxDelay);
  }
}

function allStopped(tasks: EcsTask[], arns: string[]): boolean {
  return arns.every((arn) => tasks.some((t) => t.taskArn === arn && t.lastStatus === 'STOPPED'));
}
