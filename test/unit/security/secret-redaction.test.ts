// Leaks found by the end-to-end secrets scan's probes, each pinned by a test that fails without
// its fix: fetch quotes a malformed or credentialed alert URL (token included) in its error;
// a bad alert URL is refused at start-up without being echoed; and the controller's logger
// masks every value it knows to be secret, wherever a future log line might put it.
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { controllerSettings, knownSecrets } from '../../../src/config/controller.js';
import { createLogger } from '../../../src/log/logger.js';
import { failureReason, postJson } from '../../../src/notify/http-post.js';

const TOKEN = 'xoxb-TOKEN-7f3a9c2e41d0';

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function deliveryError(url: string): Promise<string> {
  try {
    await postJson(url, '{}', { timeoutMs: 5_000 });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('delivery unexpectedly succeeded');
}

describe('alert delivery errors never quote the URL', () => {
  it('a malformed URL (fetch: "Failed to parse URL from <url>") is named, not quoted', async () => {
    const message = await deliveryError(`hooks.slack.com/services/T000/B000/${TOKEN}`);
    expect(message).not.toContain(TOKEN);
    expect(message).toBe('POST *** failed: not a usable http(s) URL (malformed, or it holds credentials)');
  });

  it('a URL with user:password@ (fetch quotes it) is named, not quoted', async () => {
    const message = await deliveryError(`https://alerts:${TOKEN}@alerts.example.com/in`);
    expect(message).not.toContain(TOKEN);
    expect(message).toContain('not a usable http(s) URL');
  });

  it('an unreachable host is named by its error code; the token in the path stays out', async () => {
    const port = await closedPort();
    const message = await deliveryError(`http://127.0.0.1:${port}/services/${TOKEN}?token=${TOKEN}`);
    expect(message).toBe(`POST http://127.0.0.1:${port}/*** failed: ECONNREFUSED`);
  });

  it('any other error text has the URL cut out', () => {
    const url = `https://hooks.example.com/x/${TOKEN}`;
    expect(failureReason(new Error(`socket closed while talking to ${url}`), url)).toBe(
      'socket closed while talking to https://hooks.example.com/***',
    );
    expect(failureReason(Object.assign(new Error('x'), { name: 'TimeoutError' }), url)).toBe('timed out');
  });
});

describe('alert URLs are checked at start-up, without echoing them', () => {
  for (const [name, value] of [
    ['BERTH_SLACK_WEBHOOK_URL', `hooks.slack.com/services/T/B/${TOKEN}`],
    ['BERTH_ALERT_WEBHOOK_URL', `ftp://alerts.example.com/${TOKEN}`],
    ['BERTH_ALERT_WEBHOOK_URL', `https://user:${TOKEN}@alerts.example.com/in`],
  ] as const) {
    it(`${name}=${value.slice(0, 12)}… is refused`, () => {
      let message = '';
      try {
        controllerSettings({}, { HOME: '/h', [name]: value });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain(`${name} is not an http(s) URL`);
      expect(message).not.toContain(TOKEN);
    });
  }
});

describe('the controller logger masks the secrets it was given', () => {
  const env = {
    HOME: '/h',
    BERTH_REPO_URL: `https://x-access-token:${encodeURIComponent('ghs_abc/def+ghi123')}@github.com/o/jobs.git`,
    BERTH_WEBHOOK_SECRET: 'hook-secret-123456',
    BERTH_ALERT_WEBHOOK_SECRET: 'alert-hmac-123456',
    BERTH_SLACK_WEBHOOK_URL: `https://hooks.slack.com/services/T000/B000/${TOKEN}`,
    BERTH_ALERT_WEBHOOK_URL: `https://alerts.example.com/in?token=${TOKEN}`,
  };

  it('knows the webhook and alert secrets, the alert URLs with their secret parts, the git credential', () => {
    const secrets = knownSecrets(controllerSettings({}, env));
    expect(secrets).toEqual(
      expect.arrayContaining([
        'hook-secret-123456',
        'alert-hmac-123456',
        env.BERTH_SLACK_WEBHOOK_URL,
        `/services/T000/B000/${TOKEN}`,
        `token=${TOKEN}`,
        'ghs_abc/def+ghi123',
      ]),
    );
    // Fragments too short to be secrets are not masked (they would garble ordinary words).
    expect(secrets.every((s) => s.length >= 8)).toBe(true);
  });

  it('masks them in messages, fields, nested objects and errors, raw or URL-encoded', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    const log = createLogger({
      level: 'debug',
      destination,
      secrets: knownSecrets(controllerSettings({}, env)),
    });
    log.info(`posting to ${env.BERTH_SLACK_WEBHOOK_URL}`);
    log.warn({ detail: { path: `/services/T000/B000/${TOKEN}` } }, 'odd');
    log.error({ err: new Error('signature with hook-secret-123456 failed') }, 'boom');
    log.debug({ q: encodeURIComponent('ghs_abc/def+ghi123') }, 'encoded');
    const text = lines.join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('hook-secret-123456');
    expect(text).not.toContain('ghs_abc');
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
    expect(lines).toHaveLength(4);
    // Errors keep their message (masked), they do not turn into {}.
    expect(JSON.parse(lines[2]!).err).toMatchObject({
      type: 'Error',
      message: 'signature with [redacted] failed',
    });
  });
});
