// One JSON POST with a deadline. A non-2xx answer is a failure (the dispatcher retries);
// the error names the host only, never the full URL.
import { redactWebhookUrl } from './redact.js';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export async function postJson(
  url: string,
  body: string,
  opts: { headers?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'berth', ...opts.headers },
      body,
      signal,
    });
  } catch (err) {
    const why =
      err instanceof Error ? (err.name === 'TimeoutError' ? 'timed out' : err.message) : String(err);
    throw new DeliveryError(`POST ${redactWebhookUrl(url)} failed: ${why}`);
  }
  // The body is drained so the connection can be reused; its content is not needed.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new DeliveryError(`POST ${redactWebhookUrl(url)}: HTTP ${res.status}`, res.status);
}
