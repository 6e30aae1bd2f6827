import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `fx_<prefix>_<secret>`. The prefix finds the row; only a SHA-256 of the
 * secret is stored (the secret has 256 bits of entropy, so a slow hash adds nothing), and the
 * comparison is constant-time.
 */
export interface KeyParts {
  prefix: string;
  secret: string;
}

export function generateKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `fx_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function splitKey(key: string): KeyParts | undefined {
  const match = /^fx_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
