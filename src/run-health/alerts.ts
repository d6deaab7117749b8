// Run findings as alerts (pure). Fingerprints name the task or the fire time, never the time of
// the check: a failed run is one alert however many observations see it, a run past its
// maxDuration one alert for as long as it runs.
import { contentHash } from '../desired/hash.js';
import type { RunRecord } from '../model/runs.js';
import type { Alert } from '../notify/alert.js';
import { formatDuration } from '../runs/index.js';
import type { RunFinding } from './findings.js';

interface Head {
  owner: string | null;
  revision: string | null;
  now: Date;
}

const taskId = (arn: string | null) => (arn ? arn.slice(arn.lastIndexOf('/') + 1) : 'no task');

function runLines(r: RunRecord): string[] {
  const lines = [
    `task ${taskId(r.taskArn)} started by ${r.startedBy ?? 'unknown'} (${r.trigger})`,
    ...(r.startedAt ? [`started ${r.startedAt}${r.stoppedAt ? `, stopped ${r.stoppedAt}` : ''}`] : []),
  ];
  for (const c of r.containers.filter((x) => x.exitCode !== null && x.exitCode !== 0))
    lines.push(`${c.name}: exit ${c.exitCode}${c.reason ? ` (${c.reason})` : ''}`);
  if (r.stopCode || r.stoppedReason)
    lines.push(`stopped: ${[r.stopCode, r.stoppedReason].filter(Boolean).join(': ')}`);
  if (r.error) lines.push(`error: ${r.error}`);
  for (const l of r.logs) if (l.url) lines.push(`logs ${l.container}: ${l.url}`);
  return lines;
}

export function runAlert(f: RunFinding, head: Head): Alert {
  const base = { owner: head.owner, job: f.job, revision: head.revision, at: head.now.toISOString() };
  switch (f.kind) {
    case 'run-failed':
      return {
        ...base,
        kind: f.kind,
        severity: 'error',
        title:
          f.run.result === 'FailedToStart'
            ? `Run of ${f.job} failed to start`
            : `Run of ${f.job} failed: exit ${f.run.exitCode ?? '?'}`,
        lines: runLines(f.run),
        fingerprint: contentHash([f.kind, f.run.taskArn]),
        data: { run: f.run },
      };
    case 'run-invocation-failed':
      return {
        ...base,
        kind: f.kind,
        severity: 'error',
        title: `Scheduler could not start ${f.job}`,
        lines: runLines(f.run),
        fingerprint: contentHash([f.kind, f.job, f.run.createdAt, f.run.error]),
        data: { run: f.run },
      };
    case 'run-missed':
      return {
        ...base,
        kind: f.kind,
        severity: 'error',
        title: `Missed run of ${f.job}: nothing started for ${f.fireTime}`,
        lines: [
          `the schedule fired at ${f.fireTime} by its expression; no task started by it within ${f.graceMinutes} min`,
          'check the schedule (state, role, dead-letter queue) and the cluster',
        ],
        fingerprint: contentHash([f.kind, f.job, f.fireTime]),
        data: { fireTime: f.fireTime },
      };
    case 'run-overran':
      return {
        ...base,
        kind: f.kind,
        severity: 'warning',
        title: `Run of ${f.job} exceeds maxDuration ${formatDuration(Math.round(f.maxDurationMs / 1000))}${f.stopping ? ': stopping it' : ''}`,
        lines: [`running for ${formatDuration(f.run.durationSeconds)}`, ...runLines(f.run)],
        fingerprint: contentHash([f.kind, f.run.taskArn]),
        data: { run: f.run, maxDurationMs: f.maxDurationMs, stopping: f.stopping },
      };
    case 'run-overlap':
      return {
        ...base,
        kind: f.kind,
        severity: 'warning',
        title: `${f.job} fired at ${f.fireTime} while the previous run is still running`,
        lines: ['Scheduler starts the new run anyway; two runs of the job overlap', ...runLines(f.running)],
        fingerprint: contentHash([f.kind, f.job, f.fireTime]),
        data: { fireTime: f.fireTime, running: f.running },
      };
  }
}
