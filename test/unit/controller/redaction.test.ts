import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.js';
import { redactWebhookUrl } from '../../../src/notify/redact.js';
import { redactText, redactUrl } from '../../../src/source/redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['https://user:ghp_secret123@github.com/acme/jobs.git', 'https://***:***@github.com/acme/jobs.git'],
    ['https://ghp_secret123@github.com/acme/jobs.git', 'https://***@github.com/acme/jobs.git'],
    ['https://x-access-token:t%40k@host:8443/r.git', 'https://***:***@host:8443/r.git'],
    ['https://github.com/acme/jobs.git', 'https://github.com/acme/jobs.git'],
    ['ssh://git@github.com/acme/jobs.git', 'ssh://git@github.com/acme/jobs.git'],
    ['ssh://git:pw@github.com/acme/jobs.git', 'ssh://***:***@github.com/acme/jobs.git'],
    ['git@github.com:acme/jobs.git', 'git@github.com:acme/jobs.git'],
    ['file:///srv/git/jobs.git', 'file:///srv/git/jobs.git'],
  ])('%s → %s', (url, want) => {
    expect(redactUrl(url)).toBe(want);
  });

  it('masks every URL inside a message (git quotes them in errors)', () => {
    const msg =
      "fatal: unable to access 'https://bot:tok@git.example.com/a.git/': 403; also http://u:p@proxy:3128";
    const out = redactText(msg);
    expect(out).not.toMatch(/tok|bot|u:p/);
    expect(out).toContain("'https://***:***@git.example.com/a.git/'");
    expect(out).toContain('http://***:***@proxy:3128');
  });
});

describe('redactWebhookUrl', () => {
  it('keeps scheme and host only: the path is the secret', () => {
    expect(redactWebhookUrl('https://hooks.slack.com/services/T000/B000/XXXXSECRET')).toBe(
      'https://hooks.slack.com/***',
    );
    expect(redactWebhookUrl('not a url')).toBe('***');
  });
});

describe('logger', () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    return { lines, log: createLogger({ level: 'debug', destination }) };
  }

  it('writes one JSON line per event with level label and time', () => {
    const { lines, log } = capture();
    log.info({ job: 'a' }, 'job applied');
    const doc = JSON.parse(lines[0]!);
    expect(doc).toMatchObject({ level: 'info', name: 'berth', job: 'a', msg: 'job applied' });
    expect(doc.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('never writes secrets: known keys by path, credentials in URLs anywhere', () => {
    const { lines, log } = capture();
    log.info(
      { webhookSecret: 's3cr3t', alerts: { slackUrl: 'https://hooks.slack.com/services/T/B/X' } },
      'settings',
    );
    log.error(
      { error: "fatal: could not read from 'https://bot:ghp_tok@github.com/a.git'" },
      'source unavailable',
    );
    log.warn('fetch https://u:pw@example.com failed');
    log.error({ err: new Error('clone https://x:tok@h/r.git failed') }, 'boom');
    const text = lines.join('\n');
    expect(text).not.toMatch(/s3cr3t|services\/T|ghp_tok|u:pw|x:tok/);
    expect(text).toContain('[redacted]');
    expect(text).toContain('https://***:***@github.com/a.git');
    expect(lines).toHaveLength(4);
  });
});
