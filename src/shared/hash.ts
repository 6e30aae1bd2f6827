import { hash } from 'node:crypto';

/**
 * A short, stable key for deduplication: SHA-256 of the parts joined by U+001F, base64url. Stored
 * keys depend on it, so the form never changes. `crypto.hash` in one call: an import keys every
 * row, and a Hash object per key took nearly twice as long.
 */
export function stableKey(...parts: readonly (string | number | null | undefined)[]): string {
  let text = '';
  for (let i = 0; i < parts.length; i++) text += (i === 0 ? '' : '\u001f') + String(parts[i] ?? '');
  return hash('sha256', text, 'base64url');
}
