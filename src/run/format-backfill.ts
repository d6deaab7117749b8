// `berth backfill` output: the window list of a dry run, per-window lines, the final summary.
import type { BackfillResult, WindowResult } from './backfill.js';
import type { WindowRun } from './backfill-plan.js';
import { describeOverrides, redactOverrides } from './display.js';
import { formatElapsed } from './duration.js';

export interface BackfillMeta {
  job: string;
  from: string;
  to: string;
  every: string;
  timezone: string;
  container: string;
  sensitive: readonly string[];
}

export function windowLabel(w: WindowRun): string {
  const width = String(w.total).length;
  return `${String(w.index).padStart(width)}/${w.total}  [${w.start}, ${w.end})${w.clipped ? ' (clipped)' : ''}`;
}

export function formatHeader(meta: BackfillMeta, windows: WindowRun[], note: string): string {
  return `Backfill ${meta.job}: ${windows.length} window${windows.length === 1 ? '' : 's'} of ${meta.every} from ${meta.from} to ${meta.to} (${meta.timezone})${note ? ` — ${note}` : ''}\n`;
}

export function formatDryRun(meta: BackfillMeta, windows: WindowRun[], skip: Set<string>): string {
  const lines = [formatHeader(meta, windows, 'dry run, nothing started').trimEnd()];
  for (const w of windows) {
    const overrides = describeOverrides(redactOverrides(w.overrides, meta.sensitive));
    lines.push(
      `  ${windowLabel(w)}${skip.has(w.start) ? '  (succeeded before: skipped with --resume)' : ''}`,
    );
    for (const o of overrides) lines.push(`      ${o}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatWindowResult(r: WindowResult): string {
  const parts = [windowLabel(r.window), r.status];
  if (r.exitCode !== undefined) parts.push(`exit ${r.exitCode}`);
  if (r.elapsedMs > 0) parts.push(formatElapsed(r.elapsedMs));
  if (r.error) parts.push(r.error);
  else if (r.stoppedReason && r.status !== 'Succeeded') parts.push(r.stoppedReason);
  return parts.join('  ');
}

export function formatSummary(
  meta: BackfillMeta,
  result: BackfillResult,
  recordFile: string,
  resumeCommand: string,
): string {
  const count = (s: string) => result.results.filter((r) => r.status === s).length;
  const counts = [
    'Succeeded',
    'Started',
    'Failed',
    'FailedToStart',
    'TimedOut',
    'Abandoned',
    'Skipped',
    'NotStarted',
  ]
    .map((s) => [s, count(s)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const lines = [`Backfill ${meta.job}: ${counts.join(', ')} (${result.results.length} windows)`];
  for (const r of result.results) {
    if (r.status === 'NotStarted' || r.status === 'Skipped') continue;
    lines.push(`  ${formatWindowResult(r)}`);
    for (const arn of r.taskArns) lines.push(`      ${arn}`);
  }
  if (result.fatal) lines.push(`stopped starting windows: ${result.fatal}`);
  if (result.recordError) lines.push(`warning: the record could not be written (${result.recordError})`);
  lines.push(`record: ${recordFile}`);
  if (result.exitCode !== 0) lines.push(`to run the windows that did not succeed: ${resumeCommand}`);
  return `${lines.join('\n')}\n`;
}

export function backfillJson(
  meta: BackfillMeta,
  result: BackfillResult,
  recordFile: string,
): Record<string, unknown> {
  return {
    job: meta.job,
    from: meta.from,
    to: meta.to,
    every: meta.every,
    timezone: meta.timezone,
    record: recordFile,
    interrupted: result.interrupted,
    ...(result.fatal ? { fatal: result.fatal } : {}),
    ...(result.recordError ? { recordError: result.recordError } : {}),
    exitCode: result.exitCode,
    windows: result.results.map((r) => ({
      index: r.window.index,
      start: r.window.start,
      end: r.window.end,
      status: r.status,
      taskArns: r.taskArns,
      ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(r.stoppedReason ? { stoppedReason: r.stoppedReason } : {}),
      elapsedMs: r.elapsedMs,
    })),
  };
}

export function dryRunJson(
  meta: BackfillMeta,
  windows: WindowRun[],
  skip: Set<string>,
): Record<string, unknown> {
  return {
    job: meta.job,
    from: meta.from,
    to: meta.to,
    every: meta.every,
    timezone: meta.timezone,
    dryRun: true,
    windows: windows.map((w) => ({
      index: w.index,
      start: w.start,
      end: w.end,
      clipped: w.clipped,
      skip: skip.has(w.start),
      overrides: redactOverrides(w.overrides, meta.sensitive),
    })),
  };
}
