// Seeded, AWS-shaped faults between berth and the emulator, on top of the counting proxy.
// Each request draws from a PRNG keyed by (seed, operation, k-th request of that operation), so
// the k-th RegisterTaskDefinition of a run always meets the same fault however requests of
// different operations interleave. A fault can strike before the request reaches the emulator
// or after it (the write happened, the client sees an error): the case that tests idempotency.
import { startCountingProxy, type CountingProxy, type ProxyHookResult } from './counting-proxy.js';
import { prng } from './prng.js';

export const FAULT_KINDS = ['throttle', 'internal', 'unavailable', 'reset', 'slow', 'timeout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultPhase = 'before' | 'after';

export interface FaultSettings {
  seed: number;
  /** Chance per request of each kind (their sum is the fault rate, at most 1). */
  rates: Partial<Record<FaultKind, number>>;
  /** Share of non-throttle faults struck after the emulator did the work (default 0.5). */
  afterShare?: number;
  /** Extra latency of a slow response (default 300 ms). */
  slowMs?: number;
  /** How long a timeout holds the request: must exceed the client's request timeout (default 5 s). */
  holdMs?: number;
  /** Which operations may fail (default: every ecs:* and scheduler:* request). */
  applies?: (op: string) => boolean;
}

export interface Fault {
  op: string;
  /** k-th request of this operation since start (or reset), 1-based. */
  k: number;
  kind: FaultKind;
  phase: FaultPhase;
}

/** `total` spread evenly over `kinds`: mixedRates(0.2) = 1/30 of each of the six kinds. */
export function mixedRates(
  total: number,
  kinds: readonly FaultKind[] = FAULT_KINDS,
): Record<FaultKind, number> {
  const out = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  for (const k of kinds) out[k] = total / kinds.length;
  return out;
}

const defaultApplies = (op: string) => op.startsWith('ecs:') || op.startsWith('scheduler:');

/** The pure part: which fault (if any) the k-th request of `op` meets. */
export function decideFault(settings: FaultSettings, op: string, k: number): Fault | undefined {
  if (!(settings.applies ?? defaultApplies)(op)) return undefined;
  const next = prng(fnv1a(`${settings.seed}\u0000${op}\u0000${k}`));
  const draw = next();
  const kindDraw = next();
  let acc = 0;
  for (const kind of FAULT_KINDS) {
    acc += settings.rates[kind] ?? 0;
    if (draw < acc) {
      // AWS throttles before doing any work; the others can strike on either side.
      const after = kind !== 'throttle' && kindDraw < (settings.afterShare ?? 0.5);
      return { op, k, kind, phase: after ? 'after' : 'before' };
    }
  }
  return undefined;
}

/** What the proxy does for a fault, in the wire shape of the operation's protocol. */
export function faultResponse(fault: Fault, settings: FaultSettings): ProxyHookResult {
  const upstreamFirst = fault.phase === 'after';
  switch (fault.kind) {
    case 'throttle':
      return awsError(
        fault.op,
        fault.op.startsWith('scheduler:') ? 429 : 400,
        'ThrottlingException',
        'Rate exceeded',
      );
    case 'internal':
      return { upstreamFirst, then: awsError(fault.op, 500, 'InternalFailure', 'Internal failure') };
    case 'unavailable':
      return { upstreamFirst, then: awsError(fault.op, 503, 'ServiceUnavailable', 'Service unavailable') };
    case 'reset':
      return { upstreamFirst, then: 'drop' };
    case 'slow':
      return { upstreamFirst, delayMs: settings.slowMs ?? 300, then: 'pass' };
    case 'timeout':
      return { upstreamFirst, delayMs: settings.holdMs ?? 5_000, then: 'drop' };
  }
}

export interface AwsErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An AWS error as each protocol sends it. JSON-RPC (ECS, DynamoDB): the SDK reads the code
 * from the body's __type first; REST-JSON (Scheduler): from the x-amzn-errortype header first.
 * Both are set, so the SDK names the error (ThrottlingException → retried as a throttle).
 */
export function awsError(op: string, status: number, code: string, message: string): AwsErrorAnswer {
  const rest = op.startsWith('scheduler:');
  return {
    status,
    headers: {
      'content-type': rest ? 'application/json' : 'application/x-amz-json-1.1',
      'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazon.coral.service/`,
      'x-amzn-requestid': '00000000-0000-4000-8000-000000000000',
    },
    body: JSON.stringify(rest ? { message, Message: message } : { __type: code, message }),
  };
}

export interface FaultInjector {
  url: string;
  /** The counting proxy underneath (requests by operation, every attempt). */
  proxy: CountingProxy;
  /** Injected faults by "kind:phase", e.g. {"reset:after": 3, "throttle:before": 7}. */
  counts(): Record<string, number>;
  /** Injected faults by kind, every kind present. */
  byKind(): Record<FaultKind, number>;
  total(): number;
  /** Every fault injected since start (or reset), in order. */
  log(): readonly Fault[];
  /** Requests seen by operation (every attempt, faulted ones included). */
  requests(): Record<string, number>;
  /** Changes the rates from now on (e.g. {} for a fault-free check). */
  setRates(rates: Partial<Record<FaultKind, number>>): void;
  /** Sees every request (with its fault, if any): for assertions on what was asked. */
  observe(fn: ((op: string, body: string, url: string, fault: Fault | undefined) => void) | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFaultInjector(target: string, initial: FaultSettings): Promise<FaultInjector> {
  const proxy = await startCountingProxy(target);
  const settings: FaultSettings = { ...initial, rates: { ...initial.rates } };
  const perOp = new Map<string, number>();
  let faults: Fault[] = [];
  let observer: Parameters<FaultInjector['observe']>[0];

  proxy.setHook((_n, op, request) => {
    const k = (perOp.get(op) ?? 0) + 1;
    perOp.set(op, k);
    const fault = decideFault(settings, op, k);
    observer?.(op, request.body, request.url, fault);
    if (!fault) return 'pass';
    faults.push(fault);
    return faultResponse(fault, settings);
  });

  const tally = (key: (f: Fault) => string) => {
    const out: Record<string, number> = {};
    for (const f of faults) out[key(f)] = (out[key(f)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  };

  return {
    url: proxy.url,
    proxy,
    counts: () => tally((f) => `${f.kind}:${f.phase}`),
    byKind: () => ({ ...mixedRates(0), ...tally((f) => f.kind) }) as Record<FaultKind, number>,
    total: () => faults.length,
    log: () => faults,
    requests: () => proxy.counts(),
    setRates: (rates) => {
      settings.rates = { ...rates };
    },
    observe: (fn) => {
      observer = fn;
    },
    reset: () => {
      perOp.clear();
      faults = [];
      proxy.reset();
    },
    close: () => proxy.close(),
  };
}

/** 32-bit FNV-1a: a stable seed from a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
