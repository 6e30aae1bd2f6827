import { ProblemError } from '../../errors/problems.js';
import { authorize, type Principal } from './policy.js';

/** What the policy needs to know about a request: who sent it, who received it, who else they let see it. */
export interface RequestParties {
  fromOrg: string | null;
  toOrg: string;
  sharedWith: readonly string[];
}

export type RequestRelation = 'sender' | 'recipient' | 'authorised';

/**
 * A request is visible to its sender, its recipient and the organisations they authorise, never
 * to anyone else: not even a node administrator of another organisation.
 */
export function requestRelation(principal: Principal, request: RequestParties): RequestRelation | undefined {
  if (request.fromOrg === principal.orgId) return 'sender';
  if (request.toOrg === principal.orgId) return 'recipient';
  if (request.sharedWith.includes(principal.orgId)) return 'authorised';
  return undefined;
}

/** Throws not-found (not forbidden) for a request the principal may not see, so ids leak nothing. */
export function authorizeRequestRead(principal: Principal, request: RequestParties, id: string): RequestRelation {
  authorize(principal, 'request:read');
  const relation = requestRelation(principal, request);
  if (!relation) throw new ProblemError('not-found', `no request ${id}`);
  return relation;
}

/** The organisations whose people may see requests: for filtering lists and streams in one place. */
export function requestAudience(request: RequestParties): string[] {
  return [...new Set([request.fromOrg, request.toOrg, ...request.sharedWith].filter((o): o is string => o !== null))];
}
