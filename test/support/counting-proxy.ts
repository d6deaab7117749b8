// A small HTTP proxy in front of the emulator that counts requests by "service:Operation"
// (every HTTP attempt, retries included) and lets a test drop or answer chosen requests:
// crash tests kill a child after the k-th call, fault tests inject throttling and errors.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyHookResult =
  'pass' | 'drop' | { status: number; body?: string; headers?: Record<string, string> };
/** n = 1-based number of this request since start (or reset); op = "ecs:ListTaskDefinitions". */
export type ProxyHook = (n: number, op: string) => ProxyHookResult | Promise<ProxyHookResult>;

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
        const op = operationOf(req, body.toString('utf8'));
        seen += 1;
        counts.set(op, (counts.get(op) ?? 0) + 1);
        const verdict = hook ? await hook(seen, op) : 'pass';
        if (verdict === 'drop') {
          req.socket.destroy();
          return;
        }
        if (verdict !== 'pass') {
          res.writeHead(verdict.status, { 'content-type': 'application/json', ...verdict.headers });
          res.end(verdict.body ?? '');
          return;
        }
        forward(req, body, upstream, res);
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

function forward(req: http.IncomingMessage, body: Buffer, upstream: URL, res: http.ServerResponse): void {
  const out = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
    },
    (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    },
  );
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
