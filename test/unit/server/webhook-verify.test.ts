import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectedSignature, verifySignature } from '../../../src/server/webhook-verify.js';

const body = Buffer.from('{"ref":"refs/heads/main"}');
const good = `sha256=${createHmac('sha256', 'sekret').update(body).digest('hex')}`;

describe('verifySignature', () => {
  it('accepts the GitHub signature of the exact body', () => {
    expect(expectedSignature('sekret', body)).toBe(good);
    expect(verifySignature('sekret', body, good)).toBe(true);
  });

  it('rejects a wrong secret, a changed body, and a changed digit', () => {
    expect(verifySignature('other', body, good)).toBe(false);
    expect(verifySignature('sekret', Buffer.from('{"ref":"refs/heads/evil"}'), good)).toBe(false);
    const flipped = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    expect(verifySignature('sekret', body, flipped)).toBe(false);
  });

  it('rejects headers of the wrong length without throwing (timingSafeEqual needs equal lengths)', () => {
    for (const h of ['', 'sha256=', 'sha256=abc', good + '00', good.replace('sha256=', 'sha1=')]) {
      expect(verifySignature('sekret', body, h)).toBe(false);
    }
  });

  it('rejects a missing or repeated header, and an empty secret', () => {
    expect(verifySignature('sekret', body, undefined)).toBe(false);
    expect(verifySignature('sekret', body, [good, good])).toBe(false);
    expect(verifySignature('', body, `sha256=${createHmac('sha256', '').update(body).digest('hex')}`)).toBe(
      false,
    );
  });
});
