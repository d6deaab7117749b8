// Keys whose values are secrets wherever they appear in a log line (pino redaction paths).
// A safety net: code logs redacted targets, not the secrets themselves.
const SECRET_KEYS = [
  'secret',
  'webhookSecret',
  'token',
  'password',
  'authorization',
  'slackUrl',
  'webhookUrl',
  'url',
  'signature',
];

export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  'headers.authorization',
  'headers["x-hub-signature-256"]',
  '*.headers.authorization',
  '*.headers["x-hub-signature-256"]',
];

export const REDACTED = '[redacted]';
