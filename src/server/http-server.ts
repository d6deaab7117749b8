// The controller's HTTP face (node:http, no framework): liveness, readiness, metrics, the
// status and drift APIs, and the git host webhook.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { renderDrift } from '../controller/drift-format.js';
import type { DriftReport } from '../controller/drift-report.js';
import type { ControllerStatus } from '../controller/status.js';
import { RecentDeliveries } from './deliveries.js';
import type { RunsView } from '../run-health/watcher.js';
import { driftFormat, driftType, fleetRoutes, type FleetView } from './fleet-routes.js';
import { handleGithubWebhook, type WebhookSettings } from './github-webhook.js';
import { json, page, send, type Handler } from './respond.js';
import { renderStatusPage } from './status-page/render.js';

/** What the server needs from the controller. */
export interface ControllerView {
  readonly ready: boolean;
  status(): ControllerStatus;
  driftReport(): DriftReport;
  trigger(kind: 'webhook', detail?: string): Promise<unknown>;
}

export interface ServerDeps {
  /** A controller of one environment (or none); exactly one of controller and fleet. */
  controller?: ControllerView;
  /** A controller of several environments: the per-environment routes of fleet-routes.ts. */
  fleet?: FleetView;
  registry: Registry;
  webhook: WebhookSettings;
  log: Logger;
  /** Longest a request may take to arrive, headers and body (default 30 s). */
  requestTimeoutMs?: number;
  /** Longest the headers may take (default 15 s). */
  headersTimeoutMs?: number;
  /** The run watcher (run health): /api/runs and the runs on the status page. */
  runs?: { view(): RunsView };
  now?: () => number;
}

export function createHttpServer(deps: ServerDeps): Server {
  const deliveries = new RecentDeliveries();
  const now = deps.now ?? Date.now;
  const target = deps.fleet ?? deps.controller;
  if (!target || (deps.fleet && deps.controller))
    throw new Error('createHttpServer: pass either controller or fleet');
  const views = deps.fleet
    ? fleetRoutes(deps.fleet, now)
    : controllerRoutes(deps.controller!, deps.runs, now);
  const routes: Record<string, Partial<Record<string, Handler>>> = {
    ...views,
    '/healthz': { GET: (_q, res) => json(res, 200, { status: 'ok' }) },
    '/metrics': {
      GET: async (_q, res) => send(res, 200, deps.registry.contentType, await deps.registry.metrics()),
    },
    '/webhook/github': {
      POST: async (req, res) => {
        const answer = await handleGithubWebhook(req, deps.webhook);
        const event = req.headers['x-github-event'] ?? null;
        const delivery = req.headers['x-github-delivery'] ?? null;
        // A redelivery of an accepted push is acknowledged, but starts no second cycle.
        if (answer.trigger !== undefined && typeof delivery === 'string' && !deliveries.firstTime(delivery)) {
          deps.log.info({ event, delivery, status: 200 }, 'webhook: duplicate delivery ignored');
          return json(res, 200, { accepted: false, duplicate: true, delivery });
        }
        if (answer.status === 401 || answer.status === 413)
          deps.log.warn({ event, delivery, status: answer.status }, 'webhook refused');
        else deps.log.info({ event, delivery, status: answer.status }, 'webhook');
        // Every environment of a controller of several: the source is fetched once for all.
        if (answer.trigger !== undefined) void target.trigger('webhook', answer.trigger);
        // A refused oversized body may still be arriving: do not keep the connection.
        if (answer.status === 413) res.setHeader('connection', 'close');
        if (answer.status === 204) send(res, 204, 'text/plain', '');
        else json(res, answer.status, answer.body);
      },
    },
  };

  const requestTimeout = deps.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(deps.headersTimeoutMs ?? 15_000, requestTimeout);
  const server = createServer(
    {
      // Node checks the two timeouts below only this often (default every 30 s, which let a
      // slow body run to ~55 s against a 30 s limit): check often enough to keep them.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
      requestTimeout,
      headersTimeout,
    },
    (req, res) => {
      // Nothing a client sends may reach the process's top level: any failure is its 4xx/5xx.
      const failed = (err: unknown, path: string) => {
        deps.log.error({ path, error: err instanceof Error ? err.message : String(err) }, 'request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
        else res.end();
      };
      try {
        const url = requestUrl(req.url);
        if (!url) return json(res, 400, { error: 'bad request target' });
        const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
        if (!route) return json(res, 404, { error: 'not found' });
        const method = req.method ?? 'GET';
        const handler = Object.hasOwn(route, method) ? route[method] : undefined;
        if (!handler) {
          res.setHeader('allow', Object.keys(route).join(', '));
          return json(res, 405, { error: 'method not allowed' });
        }
        Promise.resolve()
          .then(() => handler(req, res, url))
          .catch((err: unknown) => failed(err, url.pathname));
      } catch (err) {
        failed(err, '(unparsed)');
      }
    },
  );
  // A malformed request line or header never reaches the handler: Node's own clientError
  // answer (400, 408, 431) and closing the connection is right for it.
  return server;
}

/** The routes that show one controller: today's answers, unchanged. */
function controllerRoutes(
  controller: ControllerView,
  runs: { view(): RunsView } | undefined,
  now: () => number,
): Record<string, Partial<Record<string, Handler>>> {
  return {
    '/': {
      GET: (_q, res) =>
        page(
          res,
          renderStatusPage({
            status: controller.status(),
            drift: controller.driftReport(),
            runs: runs?.view(),
            now: new Date(now()),
          }),
        ),
    },
    '/api/runs': {
      GET: (_q, res) =>
        runs ? json(res, 200, runs.view()) : json(res, 404, { error: 'run health is not enabled' }),
    },
    '/readyz': {
      GET: (_q, res) => {
        const s = controller.status();
        json(res, controller.ready ? 200 : 503, { ready: s.ready, lastCycle: s.lastCycle });
      },
    },
    '/api/status': { GET: (_q, res) => json(res, 200, controller.status()) },
    '/api/drift': {
      GET: (_q, res, url) => {
        const format = driftFormat(url);
        if (!format) return json(res, 400, { error: 'format: json | text | markdown' });
        send(res, 200, driftType(format), renderDrift(controller.driftReport(), format));
      },
    },
  };
}

/** The request target as a URL, or undefined when it is not one (`//[`, `http://[`, …). */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
