// Incoming-webhook URLs are credentials: the path (Slack) or a query token is the secret.
// Logs and status show the scheme and host only.

export function redactWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/***`;
  } catch {
    return '***';
  }
}
