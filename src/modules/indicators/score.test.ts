import { describe, expect, it } from 'vitest';
import { computeScore, isFoundFalsePositive, type OrgEvidence, recency, trust } from './score.js';

const now = new Date('2026-11-01T00:00:00Z');
const fresh = now.toISOString();

function reporter(orgId: string, extra: Partial<OrgEvidence> = {}): OrgEvidence {
  return {
    orgId,
    reports: 1,
    lastAssertedAt: fresh,
    blockedAt: null,
    seenAt: null,
    falsePositive: false,
    assertedCount: 0,
    falsePositiveCount: 0,
    ...extra,
  };
}

describe('score', () => {
  it('gives 49, 74 and 86 for one, two and three fresh independent reporters', () => {
    expect(computeScore([reporter('a')], 'active', now)).toBe(49);
    expect(computeScore([reporter('a'), reporter('b')], 'active', now)).toBe(74);
    expect(computeScore([reporter('a'), reporter('b'), reporter('c')], 'active', now)).toBe(86);
  });

  it('halves the weight of a report after the 90-day half-life', () => {
    expect(recency('2026-08-03T00:00:00Z', now)).toBeCloseTo(0.5, 5);
    expect(computeScore([reporter('a', { lastAssertedAt: '2026-08-03T00:00:00Z' })], 'active', now)).toBe(28);
  });

  it('weights an organisation by its track record once it has one', () => {
    expect(trust(4, 4)).toBe(1);
    expect(trust(10, 5)).toBe(0.5);
    expect(trust(10, 10)).toBe(0.1);
    const doubtful = reporter('a', { assertedCount: 10, falsePositiveCount: 5 });
    expect(computeScore([doubtful], 'active', now)).toBe(28);
  });

  it('raises the score for blocks and lowers it for false-positive feedback', () => {
    const base = computeScore([reporter('a')], 'active', now);
    const blocked = computeScore([reporter('a'), { ...reporter('b', { reports: 0, lastAssertedAt: null }), blockedAt: fresh }], 'active', now);
    const denied = computeScore([reporter('a'), { ...reporter('b', { reports: 0, lastAssertedAt: null }), falsePositive: true }], 'active', now);
    expect(blocked).toBeGreaterThan(base);
    expect(denied).toBe(0);
  });

  it('counts several reports by one organisation less than independent reporters', () => {
    const one = computeScore([reporter('a', { reports: 4 })], 'active', now);
    const two = computeScore([reporter('a'), reporter('b')], 'active', now);
    expect(one).toBeLessThan(two);
  });

  it('scores allowed indicators 0 and halves disputed ones', () => {
    expect(computeScore([reporter('a'), reporter('b')], 'allowed', now)).toBe(0);
    expect(computeScore([reporter('a'), reporter('b')], 'disputed', now)).toBe(37);
  });

  it('finds an indicator false positive when deniers match reporters', () => {
    expect(isFoundFalsePositive([reporter('a')], 'active')).toBe(false);
    expect(isFoundFalsePositive([reporter('a'), reporter('b', { reports: 0, falsePositive: true })], 'active')).toBe(true);
    expect(isFoundFalsePositive([reporter('a')], 'allowed')).toBe(true);
  });
});
