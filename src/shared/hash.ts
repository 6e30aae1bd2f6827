import { createHash } from 'node:crypto';

/** A short, stable key for deduplication: SHA-256 of the parts, base64url. */
export function stableKey(...parts: readonly (string | number | null | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\u001f')).digest('base64url');
}
