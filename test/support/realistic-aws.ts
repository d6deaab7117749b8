// AWS as a client meets it, in front of the emulator: every call takes 30–100 ms (a configurable
// distribution; the emulator's own time comes on top), and every operation draws from the
// account's token bucket with the documented quotas (src/aws/quotas.ts). A call over quota is
// answered as AWS answers it, before any work is done: ThrottlingException in the operation's
// protocol (ECS and EventBridge: JSON 1.1, HTTP 400 with __type; Scheduler: REST-JSON, HTTP 429
// with x-amzn-ErrorType; the shapes of fault-injector.ts, which tests check against the SDK).
// One proxy is one account: concurrent clients share its buckets, as they share AWS's.
// ECS listings are paged as AWS pages them (at most 100 per page, nextToken), where the emulator
// answers everything at once: calls counted here are what AWS would count.
import { AWS_QUOTAS, type Quota } from '../../src/aws/quotas.js';
import { AccountBuckets, type BucketStats } from './account-buckets.js';
import {
  startCountingProxy,
  type CountingProxy,
  type ProxyAnswer,
  type ProxyHookResult,
  type ProxyRequest,
} from './counting-proxy.js';
import { awsError } from './fault-injector.js';
import { prng } from './prng.js';

/** Milliseconds of one call: uniform between min and max, or any distribution drawn from `rand`. */
export type Latency = { minMs: number; maxMs: number } | ((op: string, rand: () => number) => number);

export const DEFAULT_LATENCY: Latency = { minMs: 30, maxMs: 100 };

export interface RealisticSettings {
  latency?: Latency;
  /** Entries over the documented quotas; null = never throttled. */
  quotas?: Record<string, Quota | null>;
  seed?: number;
}

export interface RealisticAws {
  url: string;
  /** Requests by operation, every attempt, throttled ones included. */
  proxy: CountingProxy;
  /** Passed and throttled requests by operation. */
  stats(): Record<string, BucketStats>;
  throttled(): number;
  /** Counts cleared, buckets full again. */
  reset(): void;
  close(): Promise<void>;
}

export async function startRealisticAws(
  target: string,
  settings: RealisticSettings = {},
): Promise<RealisticAws> {
  const proxy = await startCountingProxy(target);
  const rand = prng(settings.seed ?? 1);
  const latency = settings.latency ?? DEFAULT_LATENCY;
  const draw =
    typeof latency === 'function'
      ? (op: string) => latency(op, rand)
      : () => latency.minMs + rand() * (latency.maxMs - latency.minMs);
  const buckets = new AccountBuckets({ ...AWS_QUOTAS, ...settings.quotas });

  proxy.setHook(async (_n, op, request): Promise<ProxyHookResult> => {
    const total = Math.max(0, draw(op));
    // Half the time on the way in (the bucket is AWS's, checked on arrival), half on the way back.
    const there = total / 2;
    await new Promise((resolve) => setTimeout(resolve, there));
    if (!buckets.take(op)) return { delayMs: total - there, then: throttle(op) };
    const listing = PAGED[op];
    return { delayMs: total - there, then: listing ? await onePage(target, request, listing) : 'pass' };
  });

  return {
    url: proxy.url,
    proxy,
    stats: () => buckets.counts(),
    throttled: () => buckets.throttled(),
    reset: () => {
      proxy.reset();
      buckets.reset();
    },
    close: () => proxy.close(),
  };
}

/** ECS listings AWS pages by at most 100, and the field holding the items. */
const PAGED: Record<string, string> = {
  'ecs:ListTaskDefinitions': 'taskDefinitionArns',
  'ecs:ListTaskDefinitionFamilies': 'families',
};
export const PAGE_SIZE = 100;

/** Asks the emulator for everything, answers one page of it (the token is the offset). */
async function onePage(target: string, request: ProxyRequest, field: string): Promise<ProxyAnswer> {
  const input = JSON.parse(request.body || '{}') as { nextToken?: string; maxResults?: number };
  const offset = input.nextToken ? Number(Buffer.from(input.nextToken, 'base64url').toString()) : 0;
  const size = Math.min(Math.max(1, input.maxResults ?? PAGE_SIZE), PAGE_SIZE);
  const { nextToken: _t, maxResults: _m, ...rest } = input;
  // The body changes: its length and the hop-by-hop headers are the new request's own.
  const {
    host: _h,
    'content-length': _l,
    connection: _c,
    'transfer-encoding': _e,
    ...headers
  } = request.headers;
  const res = await fetch(new URL(request.url, target), {
    method: 'POST',
    headers,
    body: JSON.stringify(rest),
  });
  const text = await res.text();
  if (!res.ok)
    return { status: res.status, body: text, headers: { 'content-type': 'application/x-amz-json-1.1' } };
  let all = (JSON.parse(text) as Record<string, string[]>)[field] ?? [];
  // The emulator ignores ListTaskDefinitionFamilies' status (it names a family whose revisions
  // are all INACTIVE): filtered here as AWS does, from its listing of ACTIVE revisions.
  const status = (input as { status?: string }).status;
  if (field === 'families' && (status === 'ACTIVE' || status === 'INACTIVE')) {
    const active = await activeFamilies(target, headers);
    all = all.filter((f) => active.has(f) === (status === 'ACTIVE'));
  }
  const page = all.slice(offset, offset + size);
  const next =
    offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ [field]: page, ...(next ? { nextToken: next } : {}) }),
  };
}

/** Families with an ACTIVE revision, from one uncounted listing of the emulator's. */
async function activeFamilies(target: string, headers: Record<string, unknown>): Promise<Set<string>> {
  const res = await fetch(new URL('/', target), {
    method: 'POST',
    headers: {
      ...(headers as Record<string, string>),
      'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListTaskDefinitions',
    },
    body: JSON.stringify({ status: 'ACTIVE' }),
  });
  const arns = ((await res.json()) as { taskDefinitionArns?: string[] }).taskDefinitionArns ?? [];
  return new Set(arns.map((a) => /task-definition\/([^:/]+):\d+$/.exec(a)?.[1] ?? ''));
}

/** ThrottlingException as the operation's protocol sends it. */
export function throttle(op: string) {
  return awsError(op, op.startsWith('scheduler:') ? 429 : 400, 'ThrottlingException', 'Rate exceeded');
}
