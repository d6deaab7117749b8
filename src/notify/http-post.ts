// One JSON POST with a deadline. A non-2xx answer is a failure (the dispatcher retries);
// the error names the host only, never the full URL.
import { redactText } from '../source/redact-url.js';
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
    throw new DeliveryError(`POST ${redactWebhookUrl(url)} failed: ${failureReason(err, url)}`);
  }
  // The body is drained so the connection can be reused; its content is not needed.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new DeliveryError(`POST ${redactWebhookUrl(url)}: HTTP ${res.status}`, res.status);
}

/**
 * Why fetch failed, in words that cannot carry the URL: fetch quotes the whole URL (token
 * included) when it cannot parse it or when it holds credentials, so those become fixed
 * texts; network failures are named by their code (ECONNREFUSED, ENOTFOUND, …).
 */
export function failureReason(err: unknown, url: string): string {
  if (!(err instanceof Error)) return 'failed';
  if (err.name === 'TimeoutError') return 'timed out';
  if (err.name === 'AbortError') return 'aborted';
  if (err instanceof TypeError && err.message.includes('URL'))
    return 'not a usable http(s) URL (malformed, or it holds credentials)';
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return redactText(err.message.split(url).join(redactWebhookUrl(url)));
}
