// Generic JSON webhook: the alert as JSON, optionally signed like GitHub signs its webhooks
// (X-Berth-Signature-256: sha256=<hex HMAC of the body>) so receivers can verify the sender.
import { createHmac } from 'node:crypto';
import type { Alert, Notifier } from './alert.js';
import { postJson } from './http-post.js';
import { redactWebhookUrl } from './redact.js';

export const ALERT_JSON_KIND = 'berth.alert';
export const SIGNATURE_HEADER = 'x-berth-signature-256';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export class WebhookNotifier implements Notifier {
  readonly name = 'webhook';
  readonly target: string;

  constructor(
    private readonly url: string,
    private readonly opts: { secret?: string; timeoutMs?: number } = {},
  ) {
    this.target = redactWebhookUrl(url);
  }

  async send(alert: Alert, signal?: AbortSignal): Promise<void> {
    const body = JSON.stringify({ kind: ALERT_JSON_KIND, formatVersion: 1, alert });
    const headers: Record<string, string> = {
      'x-berth-event': alert.kind,
      'x-berth-fingerprint': alert.fingerprint,
    };
    if (this.opts.secret) headers[SIGNATURE_HEADER] = signBody(this.opts.secret, body);
    await postJson(this.url, body, {
      headers,
      ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
      ...(signal ? { signal } : {}),
    });
  }
}
