import type { Principal } from './policy.js';
import type { Role } from './roles.js';

/**
 * Need-to-know for victim cases, the most sensitive data on a node: a case is seen only by its
 * case team (people of the organisation that holds it) and by the partners named on it. Nobody
 * else learns that it exists — not other organisations, not viewers, not machines, not the public.
 */
export type CaseAccess = 'team' | 'partner' | 'none';
export type CaseAction = 'case:create' | 'case:read' | 'case:assist' | 'case:manage';

/** Roles that work on cases at all; viewers and machine clients never do. */
const CASE_ROLES: readonly Role[] = ['admin', 'analyst', 'intake'];

/** Partners read a case and work its referrals and repatriation; only the team screens, changes status, names partners and erases. */
const CASE_GRANTS: Record<Exclude<CaseAction, 'case:create'>, readonly CaseAccess[]> = {
  'case:read': ['team', 'partner'],
  'case:assist': ['team', 'partner'],
  'case:manage': ['team'],
};

export interface CaseAccessFacts {
  ownerOrgId: string;
  partnerOrgIds: readonly string[];
}

export function caseAccessOf(principal: Principal, c: CaseAccessFacts): CaseAccess {
  if (!CASE_ROLES.includes(principal.role)) return 'none';
  if (principal.orgId === c.ownerOrgId) return 'team';
  return c.partnerOrgIds.includes(principal.orgId) ? 'partner' : 'none';
}

/**
 * @example
 * canOnCase({ orgId: 'ngo', role: 'analyst', … }, { ownerOrgId: 'aoc', partnerOrgIds: ['ngo'] }, 'case:read')   // → true
 * canOnCase({ orgId: 'ngo', role: 'analyst', … }, { ownerOrgId: 'aoc', partnerOrgIds: ['ngo'] }, 'case:manage') // → false
 */
export function canOnCase(principal: Principal, c: CaseAccessFacts, action: CaseAction): boolean {
  if (action === 'case:create') return CASE_ROLES.includes(principal.role);
  return CASE_GRANTS[action].includes(caseAccessOf(principal, c));
}

/** The organisation whose cases (held or named on) a list may show, or null when it may show none. */
export function caseListScope(principal: Principal): { orgId: string } | null {
  return CASE_ROLES.includes(principal.role) ? { orgId: principal.orgId } : null;
}
