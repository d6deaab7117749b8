// The status page of a controller of several environments (`/`): one row per environment with
// its account, readiness, leadership and last cycle, each linking to that environment's page
// (`/?env=NAME`, the page a single-environment controller shows at `/`). Pure, like render.ts.
import type { ControllerStatus } from '../../controller/status.js';
import { utcTime } from '../../schedule-times/index.js';
import { esc } from './escape.js';
import { STYLE } from './style.js';

export function renderEnvironmentsPage(input: {
  environments: ReadonlyMap<string, ControllerStatus>;
  now: Date;
}): string {
  const rows = [...input.environments].map(([name, s]) => {
    const cycle = s.lastCycle;
    const outcome = cycle
      ? `<span class="${cycle.outcome === 'synced' ? 'ok' : cycle.outcome === 'failed' ? 'bad' : 'muted'}">${esc(cycle.outcome)}</span>${cycle.error ? ` — ${esc(cycle.error)}` : ''}`
      : '<span class="muted">none yet</span>';
    const href = esc(`/?env=${encodeURIComponent(name)}`);
    return `<tr><td><a href="${href}">${esc(name)}</a></td><td>${esc(s.account ?? '')}</td><td>${s.ready ? '<span class="ok">yes</span>' : '<span class="warn">no</span>'}</td><td>${s.leader === false ? '<span class="warn">no</span>' : 'yes'}</td><td><code>${esc((s.reconciledRevision ?? '').slice(0, 12))}</code></td><td>${s.drifted}</td><td>${outcome}</td></tr>`;
  });
  const owner = [...input.environments.values()].find((s) => s.owner)?.owner ?? '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30">
<title>berth · ${esc(owner || 'controller')}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>berth <span class="muted">${esc(owner)} · ${input.environments.size} environments</span></h1>
</header>
<main>
<table class="jobs">
<thead><tr><th>Environment</th><th>Account</th><th>Ready</th><th>Leader</th><th>Revision in force</th><th>Drifted jobs</th><th>Last cycle</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</main>
<footer class="muted">Rendered ${esc(utcTime(input.now))}; refreshes every 30 s. JSON: <a href="/api/status">/api/status</a> · <a href="/api/drift">/api/drift</a> · <a href="/metrics">/metrics</a></footer>
</body>
</html>
`;
}
