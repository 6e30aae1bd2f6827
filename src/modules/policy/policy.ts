import { ProblemError } from '../../errors/problems.js';
import type { Role } from './roles.js';

/** Who is asking: every service function takes one first. */
export interface Principal {
  orgId: string;
  role: Role;
  /** The API key or user behind the request, for the audit trail. */
  actorId: string;
  /** The organisation's country, the default for national numbers and accounts. */
  country: string;
  /** The sharing groups the organisation belongs to; left out, none. */
  groups?: readonly string[];
  /** A member organisation of this node (the default), a federated partner, or the public. */
  audience?: 'member' | 'partner' | 'public';
  /** An API key scoped to the check API only (read-only). */
  scope?: 'full' | 'check';
}

/** Everything a principal can try to do. Reads of individual objects go through the same module. */
export type Action =
  | 'report:create'
  | 'report:read'
  | 'indicator:read'
  | 'indicator:import'
  | 'sighting:create'
  | 'check:query'
  | 'network:read'
  | 'org:read'
  | 'org:manage'
  | 'key:manage'
  | 'intake:review'
  | 'request:send'
  | 'request:act'
  | 'request:read'
  | 'request:configure'
  | 'group:read'
  | 'group:manage'
  | 'marking:change'
  | 'personal:erase'
  | 'user:manage'
  | 'audit:read';

// One table answers "may this role do this". Machines are API clients of payment and call
// systems: they check and report sightings, they do not browse reports.
const GRANTS: Record<Action, readonly Role[]> = {
  'report:create': ['admin', 'analyst', 'intake', 'machine'],
  'report:read': ['admin', 'analyst', 'intake', 'viewer'],
  'indicator:read': ['admin', 'analyst', 'intake', 'viewer', 'machine'],
  'indicator:import': ['admin', 'analyst'],
  'sighting:create': ['admin', 'analyst', 'machine'],
  'check:query': ['admin', 'analyst', 'intake', 'viewer', 'machine'],
  'network:read': ['admin', 'analyst', 'intake', 'viewer'],
  'org:read': ['admin', 'analyst', 'intake', 'viewer'],
  'org:manage': ['admin'],
  'key:manage': ['admin'],
  'intake:review': ['admin', 'analyst', 'intake'],
  // Cooperation requests: banks' and exchanges' systems send and answer them too. Which request a
  // principal may see or move is decided per request in requests.policy.ts.
  'request:send': ['admin', 'analyst', 'machine'],
  'request:act': ['admin', 'analyst', 'machine'],
  'request:read': ['admin', 'analyst', 'intake', 'viewer', 'machine'],
  'request:configure': ['admin'],
  // Trust: sharing groups, markings, personal data and accounts. Which object a principal may
  // see is decided per object by visibility.ts; these say who may try.
  'group:read': ['admin', 'analyst', 'intake', 'viewer'],
  'group:manage': ['admin', 'analyst'],
  'marking:change': ['admin', 'analyst'],
  'personal:erase': ['admin', 'analyst'],
  'user:manage': ['admin'],
  'audit:read': ['admin'],
};

export function can(principal: Principal, action: Action): boolean {
  return GRANTS[action].includes(principal.role);
}

export function authorize(principal: Principal, action: Action): void {
  if (!can(principal, action)) {
    throw new ProblemError('forbidden', `the ${principal.role} role may not ${action.replace(':', ' ')}`);
  }
}

/** The grants as a table, for the docs and the policy tests. */
export function grantTable(): Record<Action, readonly Role[]> {
  return GRANTS;
}
