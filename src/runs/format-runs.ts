// `berth runs` output: a line per run (result, start, duration, exit code, who started it, task),
// with the stop reason and log links beneath; or the same records as a versioned JSON document.
import type { RunRecord } from '../model/runs.js';

export const RUNS_JSON_KIND = 'berth.runs';

export interface JobRuns {
  job: string;
  runs: RunRecord[];
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '-';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(s).padStart(2, '0')}s`
      : `${s}s`;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-');
const shortTask = (arn: string | null) => (arn ? arn.slice(arn.lastIndexOf('/') + 1) : '-');

export function renderRunsText(jobs: JobRuns[]): string {
  const out: string[] = [];
  for (const j of jobs) {
    out.push(`${j.job}:${j.runs.length === 0 ? ' no recent runs' : ''}`);
    // Column names, so that a row of dashes (a run not started yet) still reads.
    if (j.runs.length > 0)
      out.push(
        `  ${['result'.padEnd(16), 'started'.padEnd(21), 'took'.padStart(7), 'exit'.padEnd(8), 'by'.padEnd(9), 'task'].join('  ')}`,
      );
    for (const r of j.runs) {
      const cells = [
        r.result.padEnd(16),
        when(r.startedAt ?? r.createdAt).padEnd(21),
        formatDuration(r.durationSeconds).padStart(7),
        `exit ${r.exitCode ?? '-'}`.padEnd(8),
        r.trigger.padEnd(9),
        shortTask(r.taskArn),
      ];
      out.push(`  ${cells.join('  ')}`);
      const failed = r.containers.filter((c) => c.exitCode !== null && c.exitCode !== 0);
      for (const c of failed)
        out.push(`      ${c.name}: exit ${c.exitCode}${c.reason ? ` (${c.reason})` : ''}`);
      if (r.result !== 'Succeeded' && (r.stopCode || r.stoppedReason))
        out.push(`      stopped: ${[r.stopCode, r.stoppedReason].filter(Boolean).join(': ')}`);
      if (r.error) out.push(`      error: ${r.error}`);
      for (const l of r.logs) if (l.url) out.push(`      logs ${l.container}: ${l.url}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function renderRunsJson(jobs: JobRuns[], now: Date): string {
  return `${JSON.stringify({ kind: RUNS_JSON_KIND, formatVersion: 1, at: now.toISOString(), jobs }, null, 2)}\n`;
}
