// A small HTTP proxy in front of the emulator that counts requests by "service:Operation"
// (every HTTP attempt, retries included) and lets a test drop or answer chosen requests:
// crash tests kill a child after the k-th call, fault tests inject throttling and errors
// (test/support/fault-injector.ts), before or after the request reached the emulator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A fault in stages: optionally send the request upstream first (the write happens, its answer
 * is held back), optionally wait (ended early when the client hangs up), then pass, drop the
 * connection or answer instead.
 */
export interface ProxyStaged {
  upstreamFirst?: boolean;
  delayMs?: number;
  then: 'pass' | 'drop' | ProxyAnswer;
}

export type ProxyHookResult = 'pass' | 'drop' | ProxyAnswer | ProxyStaged;

/** What a hook may look at besides the operation (e.g. which schedule a DeleteSchedule names). */
export interface ProxyRequest {
  method: string;
  /** Path and query. */
  url: string;
  body: string;
  /** Request headers (lower-case names; repeated ones joined by ", "). */
  headers: Record<string, string>;
}

/** n = 1-based number of this request since start (or reset); op = "ecs:ListTaskDefinitions". */
export type ProxyHook = (
  n: number,
  op: string,
  request: ProxyRequest,
) => ProxyHookResult | Promise<ProxyHookResult>;

export interface CountingProxy {
  url: string;
  counts(): Record<string, number>;
  total(): number;
  reset(): void;
  setHook(fn: ProxyHook | undefined): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const counts = new Map<string, number>();
  let seen = 0;
  let hook: ProxyHook | undefined;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        const op = operationOf(req, text);
        seen += 1;
        counts.set(op, (counts.get(op) ?? 0) + 1);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const request = { method: req.method ?? 'GET', url: req.url ?? '/', body: text, headers };
        const verdict = hook ? await hook(seen, op, request) : 'pass';
        if (typeof verdict === 'object' && 'then' in verdict) {
          await staged(verdict, req, body, upstream, res);
          return;
        }
        if (verdict === 'pass') forward(req, body, upstream, res);
        else finish(verdict, req, res);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => {
      counts.clear();
      seen = 0;
    },
    setHook: (fn) => {
      hook = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Drops the connection or writes an answer. */
function finish(verdict: 'drop' | ProxyAnswer, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (verdict === 'drop') {
    req.socket.destroy();
    return;
  }
  res.writeHead(verdict.status, { 'content-type': 'application/json', ...verdict.headers });
  res.end(verdict.body ?? '');
}

async function staged(
  verdict: ProxyStaged,
  req: http.IncomingMessage,
  body: Buffer,
  upstream: URL,
  res: http.ServerResponse,
): Promise<void> {
  const held = verdict.upstreamFirst ? await exchange(req, body, upstream) : undefined;
  if (verdict.delayMs) await waitUnlessClosed(res, verdict.delayMs);
  // The client gave up meanwhile (its own timeout): nothing left to answer.
  if (res.destroyed || req.socket.destroyed) return;
  if (verdict.then !== 'pass') finish(verdict.then, req, res);
  else if (held) finish(held, req, res);
  else forward(req, body, upstream, res);
}

/** Resolves after ms, or at once when the client closes the connection. */
function waitUnlessClosed(res: http.ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}

/** Sends the request upstream and reads the whole answer (502 when upstream fails). */
function exchange(req: http.IncomingMessage, body: Buffer, upstream: URL): Promise<ProxyAnswer> {
  return new Promise((resolve) => {
    const out = http.request(upstreamOptions(req, upstream), (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers)) {
          // The body is re-sent whole: framing headers are recomputed.
          if (v === undefined || k === 'transfer-encoding' || k === 'connection') continue;
          headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        resolve({ status: r.statusCode ?? 502, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    out.on('error', () => resolve({ status: 502, body: '' }));
    out.end(body);
  });
}

function upstreamOptions(req: http.IncomingMessage, upstream: URL): http.RequestOptions {
  return {
    host: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers: { ...req.headers, host: upstream.host },
  };
}

function forward(req: http.IncomingMessage, body: Buffer, upstream: URL, res: http.ServerResponse): void {
  const out = http.request(upstreamOptions(req, upstream), (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  out.end(body);
}

/** The operation a request asks for, from how each protocol names it. */
export function operationOf(req: http.IncomingMessage, body: string): string {
  // SigV4: Credential=<key>/<date>/<region>/<service>/aws4_request
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    // JSON-RPC (ECS): "AmazonEC2ContainerServiceV20141113.ListTaskDefinitions"
    const op = target.split('.').pop() ?? target;
    return `${service ?? (target.startsWith('AmazonEC2ContainerService') ? 'ecs' : 'unknown')}:${op}`;
  }
  const url = new URL(req.url ?? '/', 'http://proxy');
  const action = new URLSearchParams(body).get('Action') ?? url.searchParams.get('Action');
  // Query protocol (EC2): Action=DescribeSubnets in the form body.
  if (action) return `${service ?? 'ec2'}:${action}`;
  const restOp = schedulerOperation(req.method ?? 'GET', url.pathname);
  if (restOp) return `${service ?? 'scheduler'}:${restOp}`;
  return `${service ?? 'unknown'}:${req.method} ${url.pathname}`;
}

/** REST-JSON (Scheduler): method + path → operation. */
function schedulerOperation(method: string, pathname: string): string | undefined {
  const m = /^\/(schedules|schedule-groups|tags)(?:\/(.+))?$/.exec(pathname);
  if (!m) return undefined;
  if (m[1] === 'tags') {
    return { GET: 'ListTagsForResource', POST: 'TagResource', DELETE: 'UntagResource' }[method];
  }
  const noun = m[1] === 'schedules' ? 'Schedule' : 'ScheduleGroup';
  if (!m[2]) return method === 'GET' ? `List${noun}s` : undefined;
  return { GET: `Get${noun}`, POST: `Create${noun}`, PUT: `Update${noun}`, DELETE: `Delete${noun}` }[method];
}
