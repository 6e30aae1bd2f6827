import { describe, expect, it } from 'vitest';
import { canSeeIntakePersonal } from './intake.policy.js';
import type { Principal } from './policy.js';
import { ROLES } from './roles.js';

const as = (orgId: string, role: Principal['role']): Principal => ({ orgId, role, actorId: `${orgId}-${role}`, country: 'TH', groups: [] });

describe('canSeeIntakePersonal', () => {
  it('lets only the node operator\'s admins, analysts and intake officers read what the public wrote', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, [canSeeIntakePersonal(as('aoc', role), 'aoc'), canSeeIntakePersonal(as('bank', role), 'aoc')]]));
    expect(table).toEqual({ admin: [true, false], analyst: [true, false], intake: [true, false], viewer: [false, false], machine: [false, false] });
  });

  it('lets nobody read them on a node without an operator', () => {
    expect(canSeeIntakePersonal(as('aoc', 'admin'), undefined)).toBe(false);
  });
});
