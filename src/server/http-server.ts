// The controller's HTTP face (node:http, no framework): liveness, readiness, metrics, the
// status and drift APIs, and the git host webhook.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { renderDrift, type DriftFormat } from '../controller/drift-format.js';
import type { DriftReport } from '../controller/drift-report.js';
import type { ControllerStatus } from '../controller/status.js';
import type { RunsView } from '../run-health/watcher.js';
import { handleGithubWebhook, type WebhookSettings } from './github-webhook.js';
import { renderStatusPage } from './status-page/render.js';

/** What the server needs from the controller. */
export interface ControllerView {
  readonly ready: boolean;
  status(): ControllerStatus;
  driftReport(): DriftReport;
  trigger(kind: 'webhook', detail?: string): Promise<unknown>;
}

export interface ServerDeps {
  controller: ControllerView;
  registry: Registry;
  webhook: WebhookSettings;
  log: Logger;
  /** The run watcher (run health): /api/runs and the runs on the status page. */
  runs?: { view(): RunsView };
  now?: () => number;
}

/** The status page runs no script and loads nothing: the browser may not either. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export function createHttpServer(deps: ServerDeps): Server {
  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/': {
      GET: (_q, res) => {
        const html = renderStatusPage({
          status: deps.controller.status(),
          drift: deps.controller.driftReport(),
          runs: deps.runs?.view(),
          now: new Date((deps.now ?? Date.now)()),
        });
        res.setHeader('content-security-policy', PAGE_CSP);
        res.setHeader('x-content-type-options', 'nosniff');
        send(res, 200, 'text/html; charset=utf-8', html);
      },
    },
    '/api/runs': {
      GET: (_q, res) =>
        deps.runs ? json(res, 200, deps.runs.view()) : json(res, 404, { error: 'run health is not enabled' }),
    },
    '/healthz': { GET: (_q, res) => json(res, 200, { status: 'ok' }) },
    '/readyz': {
      GET: (_q, res) => {
        const s = deps.controller.status();
        json(res, deps.controller.ready ? 200 : 503, { ready: s.ready, lastCycle: s.lastCycle });
      },
    },
    '/metrics': {
      GET: async (_q, res) => send(res, 200, deps.registry.contentType, await deps.registry.metrics()),
    },
    '/api/status': { GET: (_q, res) => json(res, 200, deps.controller.status()) },
    '/api/drift': {
      GET: (_q, res, url) => {
        const format = (url.searchParams.get('format') ?? 'json') as DriftFormat;
        if (!['json', 'text', 'markdown'].includes(format))
          return json(res, 400, { error: 'format: json | text | markdown' });
        const type =
          format === 'json' ? 'application/json' : format === 'markdown' ? 'text/markdown' : 'text/plain';
        send(res, 200, `${type}; charset=utf-8`, renderDrift(deps.controller.driftReport(), format));
      },
    },
    '/webhook/github': {
      POST: async (req, res) => {
        const answer = await handleGithubWebhook(req, deps.webhook);
        const event = req.headers['x-github-event'] ?? null;
        const delivery = req.headers['x-github-delivery'] ?? null;
        if (answer.status === 401 || answer.status === 413)
          deps.log.warn({ event, delivery, status: answer.status }, 'webhook refused');
        else deps.log.info({ event, delivery, status: answer.status }, 'webhook');
        if (answer.trigger !== undefined) void deps.controller.trigger('webhook', answer.trigger);
        // A refused oversized body may still be arriving: do not keep the connection.
        if (answer.status === 413) res.setHeader('connection', 'close');
        if (answer.status === 204) send(res, 204, 'text/plain', '');
        else json(res, answer.status, answer.body);
      },
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    const handler = route?.[req.method ?? 'GET'];
    if (!route) return json(res, 404, { error: 'not found' });
    if (!handler) {
      res.setHeader('allow', Object.keys(route).join(', '));
      return json(res, 405, { error: 'method not allowed' });
    }
    Promise.resolve(handler(req, res, url)).catch((err: unknown) => {
      deps.log.error(
        { path: url.pathname, error: err instanceof Error ? err.message : String(err) },
        'request failed',
      );
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  // Slow clients must not hold connections open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  return server;
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

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body, null, 2) + '\n');
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
