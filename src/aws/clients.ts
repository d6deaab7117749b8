// SDK clients built from the standard AWS configuration only: the region from options or the
// SDK chain (AWS_REGION, profile), the default credential chain, and endpoints the SDK itself
// reads (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL_SCHEDULER, profile endpoint_url).
import { ECSClient } from '@aws-sdk/client-ecs';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { addCountingMiddleware, type CallCounts } from './counting-middleware.js';
import { stackOf } from './middleware-stack.js';
import { addRateLimitMiddleware, type RateLimiter } from './rate-limit.js';

export interface AwsOptions {
  region?: string;
  profile?: string;
  /** SDK attempts per call, first included (standard retry: backoff with jitter). */
  maxAttempts?: number;
  /** Requests per second by "service:Operation" | "service:*" | "*" (see rate-limit.ts). */
  rateLimits?: Partial<Record<string, number>>;
  /** Longest one HTTP attempt may take before it fails as a (retried) timeout. */
  requestTimeoutMs?: number;
  /** Credentials to sign with instead of the default chain (an assumed role's, see sts.ts). */
  credentials?: () => Promise<{
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    expiration?: Date;
  }>;
  /** Added to every request's User-Agent (e.g. berth/1.4.0), so AWS-side logs name berth. */
  userAgent?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_USER_AGENT = 'berth';

/**
 * A dead endpoint fails in seconds, not at the OS's TCP timeout; a hung one fails at the request
 * timeout. Without throwOnRequestTimeout the SDK only logs a breached requestTimeout (and waits on).
 */
export function requestHandlerOptions(opts: AwsOptions) {
  return {
    connectionTimeout: 10_000,
    requestTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true,
  };
}

/**
 * The one SDK client configuration every berth client is built from (ECS, Scheduler, STS,
 * lookups, references, the lease table): region (an explicit `region` wins over the options'),
 * profile, credentials, retry, timeouts and user agent. The endpoint is left to the SDK, which
 * reads AWS_ENDPOINT_URL[_<SERVICE>] and the profile's endpoint_url itself.
 */
export function clientConfig(opts: AwsOptions, region?: string) {
  const chosen = region ?? opts.region;
  return {
    ...(chosen ? { region: chosen } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    // Standard, not adaptive: the SDK's adaptive limiter paces a whole client (every ECS
    // operation) from one throttle; rate-limit.ts adapts each operation on its own.
    retryMode: 'standard',
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: requestHandlerOptions(opts),
    customUserAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
  };
}

export type ClientConfig = ReturnType<typeof clientConfig>;

export interface Clients {
  ecs: ECSClient;
  scheduler: SchedulerClient;
}

export function createClients(opts: AwsOptions, counts: CallCounts, limiter: RateLimiter): Clients {
  const config = clientConfig(opts);
  const ecs = new ECSClient(config);
  const scheduler = new SchedulerClient(config);
  for (const [service, client] of [
    ['ecs', ecs],
    ['scheduler', scheduler],
  ] as const) {
    addCountingMiddleware(stackOf(client), service, counts);
    addRateLimitMiddleware(stackOf(client), service, limiter);
  }
  return { ecs, scheduler };
}

/** Where a client sends requests: the configured endpoint URL (credentials stripped) or "aws". */
export async function configuredEndpoint(client: ECSClient | SchedulerClient): Promise<string> {
  const url = await client.config.serviceConfiguredEndpoint?.();
  if (!url) return 'aws';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'custom';
  }
}
