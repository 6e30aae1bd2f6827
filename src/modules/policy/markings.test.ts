import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../errors/problems.js';
import { DEFAULT_MARKING, markingColumns, markingOf, resolveMarking } from './markings.js';
import { canSee, canSeePersonal, publicPrincipal } from './visibility.js';

describe('markings', () => {
  it('fills a left-out distribution from the organisation default, narrowed to what the TLP allows', () => {
    expect(resolveMarking(undefined, DEFAULT_MARKING)).toEqual(DEFAULT_MARKING);
    expect(resolveMarking({ tlp: 'red' }, DEFAULT_MARKING)).toEqual({ tlp: 'red', distribution: 'organisation', groups: [] });
    expect(resolveMarking({ tlp: 'clear' }, { tlp: 'green', distribution: 'public', groups: [] })).toEqual({ tlp: 'clear', distribution: 'public', groups: [] });
    expect(resolveMarking({ tlp: 'amber+strict', groups: ['g2', 'g1', 'g1'] }, DEFAULT_MARKING)).toEqual({ tlp: 'amber+strict', distribution: 'groups', groups: ['g1', 'g2'] });
  });

  it('refuses what cannot be honoured', () => {
    const refuse = (input: Parameters<typeof resolveMarking>[0]) => expect(() => resolveMarking(input, DEFAULT_MARKING)).toThrow(ProblemError);
    refuse({ tlp: 'red', distribution: 'community' });
    refuse({ tlp: 'green', distribution: 'public' });
    refuse({ tlp: 'amber', distribution: 'groups' });
    refuse({ tlp: 'green', distribution: 'community', groups: ['g1'] });
  });

  it('stores a marking in columns and reads it back', () => {
    const marking = { tlp: 'red' as const, distribution: 'groups' as const, groups: ['g1', 'g2'] };
    const columns = markingColumns(marking);
    expect(columns).toEqual({ tlp: 'red', distribution: 'groups', share_groups: ',g1,g2,', audience: 'groups' });
    expect(markingOf(columns)).toEqual(marking);
  });
});

describe('canSee', () => {
  const row = (tlp: string, distribution: string, groups = '') => ({ org_id: 'A', ...markingColumns({ tlp: tlp as 'red', distribution: distribution as 'groups', groups: groups ? groups.split(',') : [] }) });
  const analyst = (orgId: string, groups: string[] = []) => ({ orgId, role: 'analyst' as const, actorId: 'k', country: 'TH', groups });

  it('shows a group-marked object to the owner and the group, not to others or the public', () => {
    const r = row('amber', 'groups', 'g1');
    expect(canSee(analyst('A'), r)).toBe(true);
    expect(canSee(analyst('B', ['g1']), r)).toBe(true);
    expect(canSee(analyst('C', ['g2']), r)).toBe(false);
    expect(canSee(publicPrincipal, r)).toBe(false);
  });

  it('keeps RED from viewers and machines even in the owner organisation', () => {
    const r = row('red', 'organisation');
    expect(canSee({ ...analyst('A'), role: 'viewer' }, r)).toBe(false);
    expect(canSee({ ...analyst('A'), role: 'machine' }, r)).toBe(false);
    expect(canSee(analyst('A'), r)).toBe(true);
  });

  it('lets only the owner and named groups read personal data, even of a community object', () => {
    const r = row('green', 'community');
    expect(canSee(analyst('B'), r)).toBe(true);
    expect(canSeePersonal(analyst('B'), r)).toBe(false);
    expect(canSeePersonal(analyst('A'), r)).toBe(true);
    expect(canSeePersonal({ ...analyst('A'), role: 'viewer' }, r)).toBe(false);
  });
});
