// What the soak test watches of a controller child process: its RSS (/proc), its own /metrics,
// its live heap after a full collection (the inspector), /healthz polled throughout, and the
// destructive AWS calls the fault proxy let through.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { FaultInjector } from '../../support/fault-injector.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Resident set size of a process, from /proc/<pid>/status (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

/** Cycles run (skipped ones excluded) and heap used, from the controller's own /metrics. */
export async function controllerMetrics(base: string): Promise<{ cycles: number; heapMiB: number }> {
  const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(3_000) })).text();
  let cycles = 0;
  for (const m of text.matchAll(/^berth_reconcile_total\{outcome="(\w+)"\} (\d+)/gm))
    if (m[1] !== 'skipped') cycles += Number(m[2]);
  const heap = Number(/^nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1] ?? NaN);
  return { cycles, heapMiB: heap / 2 ** 20 };
}

/**
 * The controller's live heap: a full collection, then process.memoryUsage().heapUsed, through the
 * child's inspector (started with --inspect=127.0.0.1:PORT; the Chrome DevTools Protocol over the
 * WebSocket /json/list names). Heap used as /metrics reports it includes garbage V8 has not
 * collected yet, which grows and shrinks with V8's own schedule; after a full collection only what
 * the process still holds is left, so a leak shows and V8's laziness does not.
 */
export async function liveHeapMiB(inspectPort: number): Promise<number> {
  const targets = (await (
    await fetch(`http://127.0.0.1:${inspectPort}/json/list`, { signal: AbortSignal.timeout(3_000) })
  ).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error('the controller has no inspector target');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const replies = new Map<number, (m: unknown) => void>();
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as { id?: number };
    if (m.id !== undefined) replies.get(m.id)?.(m);
  };
  let next = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++next;
      replies.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const r = (await call('Runtime.evaluate', {
      expression: 'process.memoryUsage().heapUsed',
      returnByValue: true,
    })) as { result?: { result?: { value?: number } } };
    const used = r.result?.result?.value;
    if (typeof used !== 'number') throw new Error(`unexpected inspector reply ${JSON.stringify(r)}`);
    return used / 2 ** 20;
  } finally {
    ws.close();
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export interface HealthPoll {
  polls: number;
  /** Answers other than 200 (status code or error name). */
  non200: string[];
  maxMs: number;
  stop(): Promise<void>;
}

/**
 * GET /healthz every 200 ms until stopped. Until `started()` is true only successes count:
 * a refused connection before the server listens is start-up, not an outage.
 */
export function pollHealth(base: string, started: () => boolean): HealthPoll {
  let polling = true;
  const out = { polls: 0, non200: [] as string[], maxMs: 0 };
  const loop = (async () => {
    while (polling) {
      const t0 = Date.now();
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(3_000) }).then(
        (res) => String(res.status),
        (err: unknown) => (err instanceof Error ? err.name : 'error'),
      );
      if (started() || r === '200') {
        out.polls += 1;
        out.maxMs = Math.max(out.maxMs, Date.now() - t0);
        if (r !== '200') out.non200.push(r);
      }
      await sleep(200);
    }
  })();
  return Object.assign(out, {
    stop: async () => {
      polling = false;
      await loop;
    },
  });
}

export interface DestructiveCalls {
  /** Job of every DeleteSchedule request (every attempt). */
  deleteSchedule: string[];
  /** Every revision a DeregisterTaskDefinition or DeleteTaskDefinitions request named. */
  deregister: { job: string; revision: number; afterFirstSync: boolean }[];
}

/** Records destructive requests as they pass the proxy, by job (name without `prefix`). */
export function recordDestructiveCalls(
  inj: FaultInjector,
  prefix: string,
  afterFirstSync: () => boolean,
): DestructiveCalls {
  const out: DestructiveCalls = { deleteSchedule: [], deregister: [] };
  const jobOf = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  inj.observe((op, body, url) => {
    if (op === 'scheduler:DeleteSchedule') {
      const name = decodeURIComponent(new URL(url, 'http://proxy').pathname.split('/').pop() ?? '');
      out.deleteSchedule.push(jobOf(name));
    } else if (op === 'ecs:DeregisterTaskDefinition' || op === 'ecs:DeleteTaskDefinitions') {
      const doc = JSON.parse(body) as { taskDefinition?: string; taskDefinitions?: string[] };
      for (const arn of doc.taskDefinitions ?? [doc.taskDefinition ?? '']) {
        const m = /task-definition\/([^:]+):(\d+)$/.exec(arn);
        if (m?.[1])
          out.deregister.push({ job: jobOf(m[1]), revision: Number(m[2]), afterFirstSync: afterFirstSync() });
      }
    }
  });
  return out;
}
