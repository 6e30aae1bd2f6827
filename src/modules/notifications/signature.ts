import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a webhook body: HMAC-SHA256 over the exact bytes sent, hex, prefixed with
 * the algorithm, in the `x-fraudx-signature` header.
 *
 * signBody('s3cret', '{"a":1}') // 'sha256=…64 hex digits…'
 */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver runs: compares in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
