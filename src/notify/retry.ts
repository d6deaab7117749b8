// A few attempts with growing, jittered pauses; then the caller logs and moves on.

export interface RetryOptions {
  attempts: number;
  /** Pause after the first failure; doubles after each further one. */
  delayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  signal?: AbortSignal;
}

export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions,
): Promise<{ ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number }> {
  let error: unknown;
  const attempts = Math.max(1, opts.attempts);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return { ok: true, value: await fn(attempt), attempts: attempt };
    } catch (err) {
      error = err;
      if (attempt === attempts || opts.signal?.aborted) return { ok: false, error, attempts: attempt };
      const base = opts.delayMs * 2 ** (attempt - 1);
      await opts.sleep(Math.round(base / 2 + (opts.random() * base) / 2), opts.signal);
    }
  }
  return { ok: false, error, attempts };
}
