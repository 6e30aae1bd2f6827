import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../errors/problems.js';
import { fromMinorUnits, toMinorUnits } from './money.js';

describe('money', () => {
  it('converts decimal strings to minor units per currency', () => {
    expect(toMinorUnits('125000.00', 'THB')).toBe(12_500_000);
    expect(toMinorUnits('125000', 'thb')).toBe(12_500_000);
    expect(toMinorUnits('1,250', 'JPY')).toBe(1250);
    expect(toMinorUnits('0.125', 'BHD')).toBe(125);
    expect(toMinorUnits('19.90', 'USD')).toBe(1990);
    expect(toMinorUnits('19.900', 'USD')).toBe(1990);
  });

  it('refuses what is not an exact amount', () => {
    for (const [amount, currency] of [['19.999', 'USD'], ['-5', 'USD'], ['1e5', 'USD'], ['', 'USD'], ['12', 'XXY'], ['1.5', 'JPY'], ['99999999999999999999', 'USD']]) {
      expect(() => toMinorUnits(amount, currency)).toThrow(ProblemError);
    }
  });

  it('round-trips every minor amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('THB', 'JPY', 'BHD', 'USD', 'VND'), (minor, currency) => {
        expect(toMinorUnits(fromMinorUnits(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});
