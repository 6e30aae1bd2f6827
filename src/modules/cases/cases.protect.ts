import type { AppContext } from '../../app/context.js';
import { openField, sealField } from '../privacy/field-cipher.js';

/**
 * The one pair every personal field of a case passes through on its way to and from storage: the
 * node's field encryption (AES-256-GCM under the node key), with the case id as associated data
 * so a value copied into another case does not decrypt.
 */
export function protect(ctx: AppContext, caseId: string, value: unknown): string {
  return sealField(ctx, caseId, JSON.stringify(value));
}

export function unprotect<T>(ctx: AppContext, caseId: string, stored: string): T {
  return JSON.parse(openField(ctx, caseId, stored)) as T;
}
