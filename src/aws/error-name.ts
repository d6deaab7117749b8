// The SDK's own error name behind a mapped BerthError, for the few answers that mean "absent"
// in one service's dialect (ECR's ImageNotFoundException, SQS's QueueDoesNotExist, …).
import { BerthError } from '../model/errors.js';

export function sdkErrorName(err: unknown): string | undefined {
  const cause = err instanceof BerthError ? err.cause : err;
  if (typeof cause !== 'object' || cause === null) return undefined;
  const e = cause as { name?: unknown; Code?: unknown; code?: unknown };
  const name = [e.name, e.Code, e.code].find((x) => typeof x === 'string' && x !== 'Error');
  return name as string | undefined;
}

/** Runs `fn`; NotFound, or an error whose SDK name is one of `absent`, becomes `fallback`. */
export async function orWhenAbsent<T>(fn: () => Promise<T>, fallback: T, absent: string[] = []): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BerthError && err.code === 'NotFound') return fallback;
    const name = sdkErrorName(err);
    if (name !== undefined && absent.includes(name)) return fallback;
    throw err;
  }
}
