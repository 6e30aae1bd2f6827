import { ProblemError } from '../errors/problems.js';

/** Opaque paging cursors: base64url of a small JSON tuple, checked on the way back in. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
      return parts as (string | number)[];
    }
  } catch {
    // Falls through to the problem below.
  }
  throw new ProblemError('invalid-cursor', 'the cursor was not made by this endpoint; start again without one');
}
