// Alert delivery: notifier interface, Slack and generic webhook sinks, dedupe, rate limit, retry.
import type { Notifier } from './alert.js';
import { SlackNotifier } from './slack.js';
import { WebhookNotifier } from './webhook.js';

export type { Alert, AlertKind, AlertSeverity, Notifier } from './alert.js';
export {
  AlertDispatcher,
  type AlertSink,
  type DeliveryResult,
  type DispatcherOptions,
} from './dispatcher.js';
export { SlackNotifier } from './slack.js';
export { WebhookNotifier, signBody, SIGNATURE_HEADER as ALERT_SIGNATURE_HEADER } from './webhook.js';
export { redactWebhookUrl } from './redact.js';

export function notifiersFrom(s: {
  slackUrl?: string | undefined;
  webhookUrl?: string | undefined;
  webhookSecret?: string | undefined;
}): Notifier[] {
  const out: Notifier[] = [];
  if (s.slackUrl) out.push(new SlackNotifier(s.slackUrl));
  if (s.webhookUrl)
    out.push(new WebhookNotifier(s.webhookUrl, s.webhookSecret ? { secret: s.webhookSecret } : {}));
  return out;
}
