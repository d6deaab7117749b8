// POST /webhook/github: a push to the watched branch starts a cycle now instead of at the next
// poll. The signature is checked on the raw body before anything is parsed; other events and
// other branches are acknowledged and ignored, so GitHub does not mark the hook as failing.
import type { IncomingMessage } from 'node:http';
import { BodyTooLarge, readBody } from './body.js';
import { SIGNATURE_HEADER, verifySignature } from './webhook-verify.js';

export interface WebhookSettings {
  /** Shared secret; without it every delivery is refused unless `insecure`. */
  secret: string | undefined;
  /** Accept unsigned deliveries (explicit opt-out, for trusted networks only). */
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
  if (!s.insecure && !(s.secret && verifySignature(s.secret, body, req.headers[SIGNATURE_HEADER]))) {
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
