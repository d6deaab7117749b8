// `berth backfill`: one run per window, N at a time. Each window waits for its task to stop
// (success = exit 0 of the essential containers) unless asked not to. The record is updated
// after every window; `stop` ends the starting of new windows (Ctrl-C) while running ones
// are waited for, `abandon` (a second Ctrl-C) stops the waiting too.
import pLimit from 'p-limit';
import { BerthError } from '../model/errors.js';
import type { BackfillRecord, WindowRecord, WindowStatus } from './backfill-record.js';
import type { WindowRun } from './backfill-plan.js';
import { checkOverrideContainers } from './prepare.js';
import type { PreparedRun } from './prepare.js';
import type { RunDeps } from './run-job.js';
import { waitRun } from './run-job.js';
import { runTaskInput, startTasks } from './start.js';

export const BACKFILL_STARTED_BY = 'berth-backfill';

export type WindowResultStatus = WindowStatus | 'Skipped' | 'NotStarted';

export interface WindowResult {
  window: WindowRun;
  status: WindowResultStatus;
  taskArns: string[];
  exitCode?: number;
  error?: string;
  stoppedReason?: string;
  elapsedMs: number;
}

export type BackfillEvent =
  | { kind: 'skipped'; window: WindowRun }
  | { kind: 'started'; window: WindowRun; taskArns: string[] }
  | { kind: 'finished'; result: WindowResult };

export interface BackfillRequest {
  prepared: PreparedRun;
  windows: WindowRun[];
  concurrency: number;
  /** Wait for each window's task to stop (default); false only starts them. */
  wait: boolean;
  /** Per-window wait limit. */
  timeoutMs?: number;
  /** Window starts that already succeeded (--resume). */
  skip: Set<string>;
  record: BackfillRecord;
  persist: (record: BackfillRecord) => Promise<void>;
  stop?: AbortSignal;
  abandon?: AbortSignal;
  onEvent?: (e: BackfillEvent) => void;
}

export interface BackfillResult {
  results: WindowResult[];
  /** Windows were left unstarted because of `stop` or a fatal error. */
  interrupted: boolean;
  /** The error that stopped the starting of further windows (access denied, …). */
  fatal?: string;
  /** The record could not be written: --resume would not know these results. */
  recordError?: string;
  record: BackfillRecord;
  exitCode: number;
}

/** Errors that fail every window alike: stop starting more. */
const FATAL_CODES = new Set(['AccessDenied', 'NoCredentials', 'Ownership']);

export async function backfill(deps: RunDeps, req: BackfillRequest): Promise<BackfillResult> {
  for (const w of req.windows) checkOverrideContainers(req.prepared, w.overrides);
  let record: BackfillRecord = { ...req.record, windows: { ...req.record.windows } };
  // one write at a time, in finishing order: the file always holds every finished window
  let writes: Promise<void> = Promise.resolve();
  const save = (w: WindowRecord) => {
    record = {
      ...record,
      updatedAt: new Date(deps.clock.now()).toISOString(),
      windows: { ...record.windows, [w.start]: w },
    };
    const snapshot = record;
    // a failed write must not abandon the windows still running: remember it, report it at the end
    writes = writes
      .then(() => req.persist(snapshot))
      .catch((err: unknown) => {
        recordError ??= message(err);
      });
    return writes;
  };
  let recordError: string | undefined;
  let fatal: BerthError | undefined;
  const limit = pLimit(Math.max(1, req.concurrency));

  const runOne = async (window: WindowRun): Promise<WindowResult> => {
    if (req.skip.has(window.start)) {
      req.onEvent?.({ kind: 'skipped', window });
      return { window, status: 'Skipped', taskArns: [], elapsedMs: 0 };
    }
    if (req.stop?.aborted || fatal) return { window, status: 'NotStarted', taskArns: [], elapsedMs: 0 };
    const began = deps.clock.now();
    const result = await runWindow(deps, req, window, (arns) =>
      req.onEvent?.({ kind: 'started', window, taskArns: arns }),
    ).catch((err: unknown) => {
      if (err instanceof BerthError && FATAL_CODES.has(err.code)) fatal ??= err;
      return { window, status: 'FailedToStart' as const, taskArns: [], error: message(err), elapsedMs: 0 };
    });
    result.elapsedMs = deps.clock.now() - began;
    await save(toRecord(result, deps.clock.now()));
    req.onEvent?.({ kind: 'finished', result });
    return result;
  };

  const results = await Promise.all(req.windows.map((w) => limit(() => runOne(w))));
  await writes;
  const ok = (s: WindowResultStatus) =>
    s === 'Succeeded' || s === 'Skipped' || (!req.wait && s === 'Started');
  const out: BackfillResult = {
    results,
    interrupted: results.some((r) => r.status === 'NotStarted'),
    record,
    exitCode: results.every((r) => ok(r.status)) ? 0 : 1,
  };
  if (fatal) out.fatal = fatal.message;
  if (recordError) out.recordError = recordError;
  return out;
}

async function runWindow(
  deps: RunDeps,
  req: BackfillRequest,
  window: WindowRun,
  onStarted: (arns: string[]) => void,
): Promise<WindowResult> {
  const input = runTaskInput(req.prepared, window.overrides, {
    startedBy: BACKFILL_STARTED_BY,
    clientToken: deps.uuid(),
  });
  const started = await startTasks(deps.ecs, input);
  onStarted(started.taskArns);
  const base = { window, taskArns: started.taskArns, elapsedMs: 0 };
  if (!req.wait) return { ...base, status: 'Started' };
  const target = {
    cluster: req.prepared.settings.cluster,
    container: req.prepared.container,
    prepared: req.prepared,
    taskArns: started.taskArns,
  };
  const waitOpts = {
    ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
    ...(req.abandon ? { signal: req.abandon } : {}),
  };
  let run: Awaited<ReturnType<typeof waitRun>>;
  try {
    run = await waitRun(deps, target, waitOpts);
  } catch (err) {
    // the task runs on; berth only lost sight of it
    return { ...base, status: 'Abandoned', error: `stopped waiting: ${message(err)}` };
  }
  if (run.status === 'timeout') return { ...base, status: 'TimedOut' };
  if (run.status === 'aborted') return { ...base, status: 'Abandoned' };
  const failed = run.outcomes.find((o) => o.exitCode !== 0);
  const out: WindowResult = {
    ...base,
    status: failed ? (failed.result === 'FailedToStart' ? 'FailedToStart' : 'Failed') : 'Succeeded',
    exitCode: run.exitCode,
  };
  const reason = (failed ?? run.outcomes[0])?.stoppedReason;
  if (reason) out.stoppedReason = reason;
  if (started.failures.length > 0) {
    out.status = 'Failed';
    out.error = `${started.failures.length} of the job's tasks did not start: ${started.failures.map((f) => f.reason).join('; ')}`;
  }
  return out;
}

function toRecord(r: WindowResult, now: number): WindowRecord {
  const rec: WindowRecord = {
    index: r.window.index,
    start: r.window.start,
    end: r.window.end,
    status: r.status as WindowStatus,
    taskArns: r.taskArns,
    at: new Date(now).toISOString(),
  };
  if (r.exitCode !== undefined) rec.exitCode = r.exitCode;
  if (r.error !== undefined) rec.error = r.error;
  return rec;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
