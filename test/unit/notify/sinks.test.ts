import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/notify/http-post.js';
import { SlackNotifier, slackMessage } from '../../../src/notify/slack.js';
import { WebhookNotifier } from '../../../src/notify/webhook.js';
import { alert } from './support.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

let server: Server;
let base: string;
let received: Received[];
let status: number;

beforeEach(async () => {
  received = [];
  status = 200;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        path: req.url ?? '',
      });
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe('WebhookNotifier', () => {
  it('posts the alert as JSON, signed with HMAC-SHA256 over the exact body', async () => {
    const n = new WebhookNotifier(`${base}/in/TOKEN123`, { secret: 'shh' });
    await n.send(alert());
    const r = received[0]!;
    expect(r.path).toBe('/in/TOKEN123');
    expect(JSON.parse(r.body)).toMatchObject({
      kind: 'berth.alert',
      formatVersion: 1,
      alert: { kind: 'drift-detected', job: 'a' },
    });
    const want = `sha256=${createHmac('sha256', 'shh').update(r.body).digest('hex')}`;
    expect(r.headers['x-berth-signature-256']).toBe(want);
    expect(r.headers['x-berth-event']).toBe('drift-detected');
    expect(n.target).toBe(`${base}/***`);
  });

  it('sends no signature without a secret', async () => {
    await new WebhookNotifier(`${base}/in`).send(alert());
    expect(received[0]!.headers['x-berth-signature-256']).toBeUndefined();
  });

  it('fails on a non-2xx answer without naming the secret path', async () => {
    status = 500;
    const err = await new WebhookNotifier(`${base}/in/TOKEN123`).send(alert()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).status).toBe(500);
    expect((err as Error).message).not.toContain('TOKEN123');
  });
});

describe('SlackNotifier', () => {
  it('posts a text fallback and blocks', async () => {
    await new SlackNotifier(`${base}/services/T/B/X`).send(alert());
    const doc = JSON.parse(received[0]!.body);
    expect(doc.text).toBe('Drift in a: reported, not changed');
    expect(doc.blocks[0].text.text).toBe(':warning: *Drift in a: reported, not changed*');
    expect(doc.blocks[1].text.text).toContain('/ScheduleExpression');
  });

  it('escapes Slack control characters and caps long details', () => {
    const m = slackMessage(
      alert({ title: 'a <b> & c', lines: Array.from({ length: 500 }, () => 'x'.repeat(20)) }),
    );
    expect((m.blocks[0] as { text: { text: string } }).text.text).toContain('a &lt;b&gt; &amp; c');
    expect((m.blocks[1] as { text: { text: string } }).text.text.length).toBeLessThan(3000);
  });
});
