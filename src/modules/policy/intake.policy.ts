import type { Principal } from './policy.js';
import type { Role } from './roles.js';

/** Roles that read what members of the public wrote and how to reach them. */
const INTAKE_PERSONAL_READERS: readonly Role[] = ['admin', 'analyst', 'intake'];

/**
 * A public report is addressed to the node's operator (the organisation that runs it), so only its
 * admins, analysts and intake officers read the reporter's story and contact. Reviewers of other
 * organisations see the queue's anonymous facts only.
 *
 * @example
 * canSeeIntakePersonal({ orgId: 'aoc', role: 'intake', … }, 'aoc')  // → true
 * canSeeIntakePersonal({ orgId: 'bank', role: 'analyst', … }, 'aoc') // → false
 */
export function canSeeIntakePersonal(principal: Principal, nodeOwnerOrgId: string | undefined): boolean {
  return nodeOwnerOrgId !== undefined && principal.orgId === nodeOwnerOrgId && INTAKE_PERSONAL_READERS.includes(principal.role);
}
