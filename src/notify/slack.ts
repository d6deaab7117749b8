// Slack incoming webhook: a message with the title in bold and the details as a list.
import type { Alert, Notifier } from './alert.js';
import { postJson } from './http-post.js';
import { redactWebhookUrl } from './redact.js';

const ICON: Record<Alert['severity'], string> = {
  info: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};
/** Slack cuts a text block at 3000 characters; leave room for the title. */
const MAX_TEXT = 2800;

export class SlackNotifier implements Notifier {
  readonly name = 'slack';
  readonly target: string;

  constructor(
    private readonly url: string,
    private readonly opts: { timeoutMs?: number } = {},
  ) {
    this.target = redactWebhookUrl(url);
  }

  async send(alert: Alert, signal?: AbortSignal): Promise<void> {
    await postJson(this.url, JSON.stringify(slackMessage(alert)), {
      ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
      ...(signal ? { signal } : {}),
    });
  }
}

/** Slack's mrkdwn treats &, < and > specially. */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackMessage(alert: Alert): { text: string; blocks: unknown[] } {
  const title = `${ICON[alert.severity]} *${escape(alert.title)}*`;
  const context = [
    alert.owner && `owner \`${alert.owner}\``,
    alert.environment &&
      `environment \`${alert.environment}\`${alert.account ? ` (account ${alert.account})` : ''}`,
    alert.revision && `revision \`${alert.revision.slice(0, 12)}\``,
  ]
    .filter(Boolean)
    .join(' · ');
  let details = alert.lines.map((l) => `• ${escape(l)}`).join('\n');
  if (details.length > MAX_TEXT) details = details.slice(0, MAX_TEXT) + '\n…';
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: title } }];
  if (details) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: details } });
  if (context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  return { text: `${alert.title}`, blocks };
}
