// The read-only status page at `/`: one server-rendered HTML document, no script, no build
// step. Jobs with their sync status, drift, next run and last runs (result, duration, exit
// code, log links); the controller's revision and last cycle at the top. Pure: the caller
// passes the status, the drift report, the runs and the time.
import type { DriftReport } from '../../controller/drift-report.js';
import type { ControllerStatus } from '../../controller/status.js';
import type { RunRecord } from '../../model/runs.js';
import type { JobRunsView, RunsView } from '../../run-health/watcher.js';
import { formatDuration } from '../../runs/index.js';
import { localTime, utcTime } from '../../schedule-times/index.js';
import { esc, safeHref } from './escape.js';
import { STYLE } from './style.js';

export interface StatusPageInput {
  status: ControllerStatus;
  drift: DriftReport;
  runs: RunsView | undefined;
  now: Date;
  /** Runs shown per job in the table. */
  lastRuns?: number;
  /** The environment this page shows, in a controller of several (links keep it; a link back to all). */
  env?: string;
}

const RESULT_CLASS: Record<string, string> = {
  Succeeded: 'ok',
  Running: 'run',
  Pending: 'run',
  Failed: 'bad',
  FailedToStart: 'bad',
  InvocationFailed: 'bad',
};
const SYNC_CLASS: Record<string, string> = {
  InSync: 'ok',
  Drifted: 'warn',
  OutOfSync: 'warn',
  Missing: 'warn',
};

export function renderStatusPage(input: StatusPageInput): string {
  const { status, drift, runs } = input;
  const driftByJob = new Map(drift.jobs.map((d) => [d.job, d]));
  const runsByJob = new Map((runs?.jobs ?? []).map((j) => [j.job, j]));
  const names = [...new Set([...status.jobs.map((j) => j.job), ...runsByJob.keys()])].sort();
  const q = input.env === undefined ? '' : esc(`?env=${encodeURIComponent(input.env)}`);
  const rows = names.map((name) => {
    const sync = status.jobs.find((j) => j.job === name);
    return jobRow(
      name,
      sync?.status ?? 'Unknown',
      driftByJob.get(name)?.changes.length ?? 0,
      runsByJob.get(name),
      input,
    );
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30">
<title>berth · ${esc(status.owner ?? 'controller')}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>berth <span class="muted">${esc(status.owner ?? '')}${input.env === undefined ? '' : ` · ${esc(input.env)}`}</span></h1>
${summary(status, drift, runs, input.now)}
</header>
<main>
<table class="jobs">
<thead><tr><th>Job</th><th>Sync</th><th>Drift</th><th>Schedule</th><th>Next run</th><th>Last runs</th></tr></thead>
<tbody>
${rows.join('\n') || '<tr><td colspan="6" class="muted">No jobs yet.</td></tr>'}
</tbody>
</table>
${details(names, runsByJob, input)}
</main>
<footer class="muted">Rendered ${esc(utcTime(input.now))}; refreshes every 30 s. ${input.env === undefined ? '' : '<a href="/">All environments</a> · '}JSON: <a href="/api/status${q}">/api/status${q}</a> · <a href="/api/runs${q}">/api/runs${q}</a> · <a href="/api/drift${q}">/api/drift${q}</a> · <a href="/metrics">/metrics</a></footer>
</body>
</html>
`;
}

function summary(s: ControllerStatus, drift: DriftReport, runs: RunsView | undefined, now: Date): string {
  const cycle = s.lastCycle;
  const items = [
    ['Source', esc(s.source)],
    ['Revision in force', code(s.reconciledRevision)],
    ['Synced revision', code(s.syncedRevision)],
    ['Head', code(s.revision)],
    [
      'Last cycle',
      cycle
        ? `<span class="${cycle.outcome === 'synced' ? 'ok' : cycle.outcome === 'failed' ? 'bad' : 'muted'}">${esc(cycle.outcome)}</span> ${esc(ago(cycle.startedAt, now))}${cycle.error ? ` — ${esc(cycle.error)}` : ''}`
        : '<span class="muted">none yet</span>',
    ],
    ['Ready', s.ready ? '<span class="ok">yes</span>' : '<span class="warn">no</span>'],
    ['Drifted jobs', drift.drifted > 0 ? `<span class="warn">${drift.drifted}</span>` : '0'],
    ...(s.leader === false ? [['Leader', '<span class="warn">no (standing by)</span>']] : []),
    ...(runs?.error ? [['Runs', `<span class="bad">${esc(runs.error)}</span>`]] : []),
    ...(s.invalid
      ? [
          [
            'Invalid head',
            `<span class="bad">${esc(s.invalid.revision.slice(0, 12))}: ${s.invalid.diagnostics.length} problem(s)</span>`,
          ],
        ]
      : []),
    ...(s.sourceError ? [['Source error', `<span class="bad">${esc(s.sourceError.message)}</span>`]] : []),
  ];
  return `<dl class="summary">${items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

function jobRow(
  name: string,
  sync: string,
  driftCount: number,
  jr: JobRunsView | undefined,
  input: StatusPageInput,
): string {
  const runs = (jr?.runs ?? []).slice(0, input.lastRuns ?? 5);
  const schedule = jr?.expression
    ? `<code>${esc(jr.expression)}</code><br><span class="muted">${esc(jr.timezone ?? 'UTC')}</span>`
    : '<span class="muted">none</span>';
  const next = jr?.nextRun
    ? `${esc(localTime(new Date(jr.nextRun), jr.timezone ?? 'UTC'))}<br><span class="muted">${esc(utcTime(new Date(jr.nextRun)))}</span>`
    : '<span class="muted">—</span>';
  return `<tr id="job-${esc(name)}">
<td><a href="#runs-${esc(name)}">${esc(name)}</a></td>
<td><span class="${SYNC_CLASS[sync] ?? 'muted'}">${esc(sync)}</span></td>
<td>${driftCount > 0 ? `<span class="warn">${driftCount} field${driftCount === 1 ? '' : 's'}</span>` : '<span class="muted">none</span>'}</td>
<td>${schedule}</td>
<td>${next}</td>
<td>${runs.map(runBadge).join(' ') || '<span class="muted">no runs seen</span>'}</td>
</tr>`;
}

function runBadge(r: RunRecord): string {
  const label = `${r.result}${r.exitCode !== null && r.exitCode !== 0 ? ` (exit ${r.exitCode})` : ''} · ${formatDuration(r.durationSeconds)}`;
  const title = `${r.startedAt ?? r.createdAt ?? ''} ${r.trigger}`;
  const href = safeHref(r.logs[0]?.url);
  const body = `<span class="badge ${RESULT_CLASS[r.result] ?? 'muted'}" title="${esc(title)}">${esc(label)}</span>`;
  return href ? `<a href="${href}" rel="noopener noreferrer">${body}</a>` : body;
}

function details(names: string[], runsByJob: Map<string, JobRunsView>, input: StatusPageInput): string {
  return names
    .map((name) => {
      const runs = runsByJob.get(name)?.runs ?? [];
      if (runs.length === 0) return '';
      return `<section id="runs-${esc(name)}">
<h2>${esc(name)}</h2>
<table class="runs">
<thead><tr><th>Result</th><th>Started</th><th>Duration</th><th>Exit code</th><th>Started by</th><th>Stop reason</th><th>Task</th><th>Logs</th></tr></thead>
<tbody>
${runs.map((r) => runRow(r, input.now)).join('\n')}
</tbody>
</table>
</section>`;
    })
    .join('\n');
}

function runRow(r: RunRecord, now: Date): string {
  const started = r.startedAt ?? r.createdAt;
  const exits = r.containers
    .filter((c) => c.exitCode !== null)
    .map((c) => `${esc(c.name)}: ${esc(c.exitCode)}`)
    .join('<br>');
  const logs = r.logs
    .map((l) => {
      const href = safeHref(l.url);
      return href ? `<a href="${href}" rel="noopener noreferrer">${esc(l.container)}</a>` : esc(l.container);
    })
    .join(' ');
  const reason = [r.stopCode, r.stoppedReason, r.error].filter(Boolean).join(': ');
  return `<tr>
<td><span class="badge ${RESULT_CLASS[r.result] ?? 'muted'}">${esc(r.result)}</span></td>
<td>${started ? `${esc(utcTime(new Date(started)))}<br><span class="muted">${esc(ago(started, now))}</span>` : '—'}</td>
<td>${esc(formatDuration(r.durationSeconds))}</td>
<td>${exits || esc(r.exitCode ?? '—')}</td>
<td>${esc(r.trigger)}<br><span class="muted">${esc(r.startedBy ?? '')}</span></td>
<td>${esc(reason) || '<span class="muted">—</span>'}</td>
<td><code>${esc(r.taskArn ? r.taskArn.slice(r.taskArn.lastIndexOf('/') + 1) : '—')}</code></td>
<td>${logs || '<span class="muted">—</span>'}</td>
</tr>`;
}

function code(v: string | null): string {
  return v ? `<code title="${esc(v)}">${esc(v.slice(0, 12))}</code>` : '<span class="muted">—</span>';
}

function ago(iso: string, now: Date): string {
  const s = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  return s >= 0 ? `${formatDuration(s)} ago` : `in ${formatDuration(-s)}`;
}
