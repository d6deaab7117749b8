// The HTTP views of a controller of several environments. Each environment answers exactly as a
// controller of one would, under ?env=NAME; without ?env an index covers every environment.
// /readyz is ready once any environment is (the process serves, and the webhook reaches every
// environment); /readyz?env=NAME is one environment's readiness.
import type { ServerResponse } from 'node:http';
import { renderDrift, type DriftFormat } from '../controller/drift-format.js';
import type { DriftReport } from '../controller/drift-report.js';
import type { ControllerStatus, CycleOutcome } from '../controller/status.js';
import type { RunsView } from '../run-health/watcher.js';
import type { ControllerView } from './http-server.js';
import { envelope } from '../report/json-envelope.js';
import { json, page, send, type Handler } from './respond.js';
import { renderEnvironmentsPage } from './status-page/environments.js';
import { renderStatusPage } from './status-page/render.js';

export interface EnvironmentView {
  controller: ControllerView;
  runs?: { view(): RunsView };
}

export interface FleetView {
  environments: ReadonlyMap<string, EnvironmentView>;
  /** A push: every environment runs a cycle (after one fetch). */
  trigger(kind: 'webhook', detail?: string): Promise<unknown>;
}

/** One environment's line of the /api/status index. */
export interface EnvironmentSummary {
  environment: string;
  account: string | null;
  ready: boolean;
  leader: boolean | null;
  outcome: CycleOutcome | null;
  error: string | null;
  revision: string | null;
  reconciledRevision: string | null;
  syncedRevision: string | null;
  lastSyncedAt: string | null;
  lastSuccessAt: string | null;
  drifted: number;
  differing: number | null;
}

export function driftFormat(url: URL): DriftFormat | undefined {
  const format = (url.searchParams.get('format') ?? 'json') as DriftFormat;
  return ['json', 'text', 'markdown'].includes(format) ? format : undefined;
}

export function driftType(format: DriftFormat): string {
  const type =
    format === 'json' ? 'application/json' : format === 'markdown' ? 'text/markdown' : 'text/plain';
  return `${type}; charset=utf-8`;
}

export function fleetRoutes(
  fleet: FleetView,
  now: () => number,
): Record<string, Partial<Record<string, Handler>>> {
  const envs = fleet.environments;
  /** The environment ?env names; undefined without ?env; null (answered 404) when unknown. */
  const chosen = (url: URL, res: ServerResponse): [string, EnvironmentView] | undefined | null => {
    const name = url.searchParams.get('env');
    if (name === null) return undefined;
    const view = envs.get(name);
    if (view) return [name, view];
    json(res, 404, { error: `no environment "${name}"`, environments: [...envs.keys()] });
    return null;
  };
  const each = <T>(f: (v: EnvironmentView) => T): Record<string, T> =>
    Object.fromEntries([...envs].map(([name, v]) => [name, f(v)]));

  return {
    '/': {
      GET: (_q, res, url) => {
        const one = chosen(url, res);
        if (one === null) return;
        if (one === undefined) {
          const statuses = new Map([...envs].map(([name, v]) => [name, v.controller.status()]));
          return page(res, renderEnvironmentsPage({ environments: statuses, now: new Date(now()) }));
        }
        const [env, { controller, runs }] = one;
        page(
          res,
          renderStatusPage({
            status: controller.status(),
            drift: controller.driftReport(),
            runs: runs?.view(),
            now: new Date(now()),
            env,
          }),
        );
      },
    },
    '/api/status': {
      GET: (_q, res, url) => {
        const one = chosen(url, res);
        if (one === null) return;
        if (one) return json(res, 200, one[1].controller.status());
        const environments = [...envs].map(([name, v]) => summary(name, v.controller.status()));
        json(
          res,
          200,
          envelope('berth.status-index', { ready: environments.some((e) => e.ready), environments }),
        );
      },
    },
    '/api/drift': {
      GET: (_q, res, url) => {
        const format = driftFormat(url);
        if (!format) return json(res, 400, { error: 'format: json | text | markdown' });
        const one = chosen(url, res);
        if (one === null) return;
        if (one)
          return send(res, 200, driftType(format), renderDrift(one[1].controller.driftReport(), format));
        const reports = each((v) => v.controller.driftReport());
        send(res, 200, driftType(format), renderDrifts(reports, format));
      },
    },
    '/api/runs': {
      GET: (_q, res, url) => {
        const one = chosen(url, res);
        if (one === null) return;
        const runs = one ? one[1].runs : [...envs.values()][0]?.runs;
        if (!runs) return json(res, 404, { error: 'run health is not enabled' });
        if (one) return json(res, 200, runs.view());
        json(res, 200, envelope('berth.runs-index', { environments: each((v) => v.runs?.view() ?? null) }));
      },
    },
    '/readyz': {
      GET: (_q, res, url) => {
        const one = chosen(url, res);
        if (one === null) return;
        if (one) {
          const s = one[1].controller.status();
          return json(res, one[1].controller.ready ? 200 : 503, { ready: s.ready, lastCycle: s.lastCycle });
        }
        const environments = each((v) => {
          const s = v.controller.status();
          return { ready: v.controller.ready, outcome: s.lastCycle?.outcome ?? null };
        });
        const ready = Object.values(environments).some((e) => e.ready);
        json(res, ready ? 200 : 503, { ready, environments });
      },
    },
  };
}

function summary(environment: string, s: ControllerStatus): EnvironmentSummary {
  return {
    environment,
    account: s.account,
    ready: s.ready,
    leader: s.leader ?? null,
    outcome: s.lastCycle?.outcome ?? null,
    error: s.lastCycle?.error ?? s.sourceError?.message ?? null,
    revision: s.revision,
    reconciledRevision: s.reconciledRevision,
    syncedRevision: s.syncedRevision,
    lastSyncedAt: s.lastSyncedAt,
    lastSuccessAt: s.lastSuccessAt,
    drifted: s.drifted,
    differing: s.lastCycle?.differing ?? null,
  };
}

/** Every environment's drift: one JSON document keyed by environment, or one section each. */
function renderDrifts(reports: Record<string, DriftReport>, format: DriftFormat): string {
  if (format === 'json')
    return JSON.stringify(envelope('berth.drift-index', { environments: reports }), null, 2) + '\n';
  return Object.entries(reports)
    .map(
      ([env, r]) => `${format === 'markdown' ? '## ' : '== '}environment ${env}\n\n${renderDrift(r, format)}`,
    )
    .join('\n');
}
