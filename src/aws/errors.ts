// SDK and network errors → BerthError with a stable code, a one-line message and a hint.
// Messages name the operation and never carry credentials.
import { BerthError } from '../model/errors.js';
import type { ErrorCode } from '../model/errors.js';
import type { RequestLike } from './middleware-stack.js';

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const THROTTLE = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'SlowDown',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NotFoundException',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
]);
const CONFLICT = new Set(['ConflictException', 'ResourceInUseException']);
const BAD_SIGNATURE = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
]);
const ACCESS = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', ...BAD_SIGNATURE]);
const VALIDATION = new Set([
  'ValidationException',
  'InvalidParameterException',
  'ClientException',
  'ServiceQuotaExceededException',
  'LimitExceededException',
]);
const ECS_NOT_FOUND = /unable to describe task definition|does not exist|not found/i;

/** AWS said "slow down": a throttling error code, or HTTP 429 whatever the code. */
export function isThrottlingError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as SdkErrorLike;
  return THROTTLE.has(e.name ?? '') || e.$metadata?.httpStatusCode === 429;
}

const endpoints = new WeakMap<object, string>();

/** Keeps the URL an attempt went to (scheme, host, port only) for the Unreachable hint. */
export function rememberEndpoint(err: unknown, request: RequestLike | undefined): void {
  if (typeof err !== 'object' || err === null || !request?.hostname) return;
  const port = request.port ? `:${request.port}` : '';
  endpoints.set(err, `${request.protocol ?? 'https:'}//${request.hostname}${port}`);
}

export interface ErrorContext {
  /** "ecs:DescribeTaskDefinition" */
  op: string;
  region?: string;
  /** ARN or name the call was about (for the wrong-region hint). */
  subject?: string;
}

export function toBerthError(err: unknown, ctx: ErrorContext): BerthError {
  if (err instanceof BerthError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SdkErrorLike;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const raw = oneLine(e.message ?? name);
  const text = raw.replace(SDK_PARSE_ADVICE, '');
  const make = (code: ErrorCode, message: string, hint?: string, transient?: boolean) =>
    new BerthError(code, `${ctx.op}: ${message}`, {
      cause: err,
      ...(hint ? { hint } : {}),
      ...(transient === undefined ? {} : { transient }),
    });

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(text)) {
    return make(
      'NoCredentials',
      'no AWS credentials found',
      'set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
    );
  }
  if (/region is missing/i.test(text)) {
    return make(
      'Invalid',
      'no AWS region configured',
      'set AWS_REGION, a region in the AWS profile, or spec.region in berth.yaml',
    );
  }
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_NAMES.has(name)) {
    const endpoint = endpoints.get(e as object) ?? 'the AWS endpoint';
    return make(
      'Unreachable',
      `cannot reach ${endpoint} (${e.code ?? name})`,
      unreachableHint(endpoint, e.code, ctx.region),
    );
  }
  if (isThrottlingError(e)) {
    return make(
      'Throttled',
      `throttled by AWS: ${text}`,
      'lower --concurrency or the rate limits; berth retried with backoff',
    );
  }
  if (NOT_FOUND.has(name) || (name === 'ClientException' && ECS_NOT_FOUND.test(text)) || status === 404) {
    return make('NotFound', text, regionHint(ctx));
  }
  if (CONFLICT.has(name) || status === 409) return make('Conflict', text);
  if (ACCESS.has(name) || status === 403) {
    const hint = BAD_SIGNATURE.has(name)
      ? 'the credentials are not valid here: check AWS_PROFILE and the region (opt-in regions must be enabled)'
      : 'the credentials lack permission for this call';
    return make('AccessDenied', text, hint);
  }
  if (VALIDATION.has(name) || (status !== undefined && status >= 400 && status < 500)) {
    return make('Validation', text, regionHint(ctx));
  }
  if (status !== undefined && status >= 500) {
    return make(
      'Internal',
      `AWS server error (HTTP ${status}): ${text}`,
      text === raw
        ? undefined
        : 'the endpoint answered with a page that is not an AWS response (a proxy, or an emulator that failed); retry, and check AWS_ENDPOINT_URL if it is set',
      true,
    );
  }
  return make('Internal', text);
}

export type Caller = <T>(operation: string, subject: string | undefined, fn: () => Promise<T>) => Promise<T>;

/** Runs SDK calls of one service and maps whatever they throw (region resolved only on failure). */
export function makeCaller(service: string, region: () => Promise<string>): Caller {
  return async (operation, subject, fn) => {
    try {
      return await fn();
    } catch (err) {
      const r = await region().catch(() => undefined);
      throw toBerthError(err, {
        op: `${service}:${operation}`,
        ...(r ? { region: r } : {}),
        ...(subject ? { subject } : {}),
      });
    }
  };
}

function unreachableHint(endpoint: string, code: string | undefined, region: string | undefined): string {
  if (code === 'ENOTFOUND' && endpoint.includes('amazonaws.com')) {
    return `no AWS endpoint at ${endpoint}: is the region${region ? ` "${region}"` : ''} spelled right?`;
  }
  return `check that ${endpoint} is up and reachable (AWS_ENDPOINT_URL, proxy, network)`;
}

/** An ARN from another region than the client's is a common cause of "not found". */
function regionHint(ctx: ErrorContext): string | undefined {
  const arnRegion = /^arn:aws[\w-]*:[\w-]+:([\w-]+):/.exec(ctx.subject ?? '')?.[1];
  if (arnRegion && ctx.region && arnRegion !== ctx.region) {
    return `${ctx.subject} is in region ${arnRegion} but berth is using ${ctx.region}`;
  }
  return undefined;
}

const MAX_MESSAGE = 300;

/**
 * The SDK's advice when a body does not parse (an HTML page from a proxy or an emulator): an SDK
 * field to inspect, which means nothing to someone at a terminal.
 */
const SDK_PARSE_ADVICE =
  / ?Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\.?/;

function oneLine(s: string): string {
  const flat = redact(s.replace(/\s+/g, ' ').trim());
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

/** Access key ids and anything shaped like a secret assignment never reach a message. */
function redact(s: string): string {
  return s
    .replace(/\b(AKIA|ASIA)[0-9A-Z]{12,}\b/g, '$1****')
    .replace(/(secret[_-]?access[_-]?key|session[_-]?token|signature)\s*[=:]\s*\S+/gi, '$1=****');
}
