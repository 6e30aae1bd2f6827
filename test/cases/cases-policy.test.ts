import { describe, expect, it } from 'vitest';
import { type CaseAction, canOnCase, caseListScope } from '../../src/modules/policy/cases.policy.js';
import { ROLES, type Role } from '../../src/modules/policy/roles.js';

const CASE = { ownerOrgId: 'aoc', partnerOrgIds: ['ngo'] };
const who = (orgId: string, role: Role) => ({ orgId, role, actorId: 'k', country: 'TH' });

// role × relation to the case → the actions allowed, as a fixed table.
const EXPECTED: Record<'team' | 'partner' | 'other', Record<Role, CaseAction[]>> = {
  team: { admin: ['case:create', 'case:read', 'case:assist', 'case:manage'], analyst: ['case:create', 'case:read', 'case:assist', 'case:manage'], intake: ['case:create', 'case:read', 'case:assist', 'case:manage'], viewer: [], machine: [] },
  partner: { admin: ['case:create', 'case:read', 'case:assist'], analyst: ['case:create', 'case:read', 'case:assist'], intake: ['case:create', 'case:read', 'case:assist'], viewer: [], machine: [] },
  other: { admin: ['case:create'], analyst: ['case:create'], intake: ['case:create'], viewer: [], machine: [] },
};
const ORG = { team: 'aoc', partner: 'ngo', other: 'bank' } as const;
const ACTIONS: CaseAction[] = ['case:create', 'case:read', 'case:assist', 'case:manage'];

describe('need-to-know for victim cases', () => {
  for (const relation of ['team', 'partner', 'other'] as const) {
    it.each([...ROLES])(`${relation} %s may do exactly what the table says`, (role) => {
      const allowed = ACTIONS.filter((a) => canOnCase(who(ORG[relation], role), CASE, a));
      expect(allowed).toEqual(EXPECTED[relation][role]);
    });
  }

  it('lists cases for case-working roles only', () => {
    expect(caseListScope(who('bank', 'analyst'))).toEqual({ orgId: 'bank' });
    expect(caseListScope(who('aoc', 'viewer'))).toBeNull();
    expect(caseListScope(who('aoc', 'machine'))).toBeNull();
  });
});
