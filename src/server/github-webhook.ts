// POST /webhook/github: a push to the watched branch starts a cycle now instead of at the next
// poll. The signature is checked on the raw body before anything is parsed; other events and
// other branches are acknowledged and ignored, so GitHub does not mark the hook as failing.
import type { IncomingMessage } from 'node:http';
import { BodyTooLarge, readBody } from './body.js';
import { SIGNATURE_HEADER, verifySignature } from './webhook-verify.js';

export interface WebhookSettings {
  /** Shared secret; without it every delivery is refused unless `insecure`. */
  secret: string | undefined;
  /** Accept unsigned deliveries when no secret is set (explicit opt-out, trusted networks only). */
  insecure: boolean;
  maxBodyBytes: number;
  /** Branch whose pushes trigger a cycle; undefined: any push. */
  branch: string | undefined;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Set when a cycle should start: the pushed commit. */
  trigger?: string;
}

export async function handleGithubWebhook(req: IncomingMessage, s: WebhookSettings): Promise<WebhookAnswer> {
  let body: Buffer;
  try {
    body = await readBody(req, s.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLarge) return { status: 413, body: { error: err.message } };
    throw err;
  }
  // A configured secret is always checked: `insecure` only opens an endpoint that has none.
  if (s.secret ? !verifySignature(s.secret, body, req.headers[SIGNATURE_HEADER]) : !s.insecure) {
    return {
      status: 401,
      body: { error: s.secret ? 'missing or invalid signature' : 'webhook secret not configured' },
    };
  }
  const event = req.headers['x-github-event'];
  if (event !== 'push') return { status: 204, body: {} };

  const payload = parsePayload(body, String(req.headers['content-type'] ?? ''));
  if (!payload) return { status: 400, body: { error: 'body is not a push event payload' } };
  const ref = typeof payload.ref === 'string' ? payload.ref : '';
  if (s.branch !== undefined && ref !== `refs/heads/${s.branch}`) return { status: 204, body: {} };
  const after = typeof payload.after === 'string' ? payload.after : 'unknown';
  return { status: 202, body: { accepted: true, ref, after }, trigger: after };
}

/**
 * What the start-up log says about POST /webhook/github. A secret is required: without one
 * every delivery is refused (the controller still polls git), unless the operator explicitly
 * accepts unsigned deliveries.
 */
export function webhookNotice(s: Pick<WebhookSettings, 'secret' | 'insecure'>): {
  level: 'info' | 'warn';
  message: string;
} {
  if (s.secret && s.insecure)
    return {
      level: 'warn',
      message:
        'webhook: --webhook-insecure ignored because BERTH_WEBHOOK_SECRET is set; deliveries must be signed',
    };
  if (s.secret)
    return { level: 'info', message: 'webhook: deliveries must carry a valid X-Hub-Signature-256' };
  if (s.insecure)
    return {
      level: 'warn',
      message:
        'webhook: accepting UNSIGNED deliveries (--webhook-insecure): anyone who can reach this port can start cycles',
    };
  return {
    level: 'warn',
    message:
      'webhook disabled: every delivery is refused (401) until BERTH_WEBHOOK_SECRET is set (or --webhook-insecure); git is still polled',
  };
}

/** GitHub sends JSON, or a form with the JSON in `payload` (content type x-www-form-urlencoded). */
function parsePayload(body: Buffer, contentType: string): Record<string, unknown> | undefined {
  try {
    const text = contentType.includes('application/x-www-form-urlencoded')
      ? (new URLSearchParams(body.toString('utf8')).get('payload') ?? '')
      : body.toString('utf8');
    const doc: unknown = JSON.parse(text);
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc)
      ? (doc as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
