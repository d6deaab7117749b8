// GitHub's webhook signature: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw
// body with the shared secret. Compared in constant time; a header of the wrong length is
// rejected before the comparison (timingSafeEqual needs equal lengths, and length is public).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

export function expectedSignature(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifySignature(
  secret: string,
  body: Buffer,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== 'string' || secret === '') return false;
  const want = Buffer.from(expectedSignature(secret, body), 'utf8');
  const got = Buffer.from(header.trim(), 'utf8');
  if (got.length !== want.length) return false;
  return timingSafeEqual(got, want);
}
