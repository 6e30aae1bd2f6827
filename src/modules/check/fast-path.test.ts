import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tryParseValue } from '../indicators/parse.js';
import { IndicatorParseError, KIND_NAMES } from '../indicators/kinds/kind.js';
import { canonicalFast, parseIndicator } from '../indicators/kinds/registry.js';
import { hosts, messyText } from '../indicators/kinds/test-support.js';

/** What the full parse answers: kind and canonical, or the error code. */
function full(value: string, kind: string | undefined, country: string | undefined): string {
  try {
    const p = parseIndicator(value, { kind, country });
    return `${p.kind} ${p.canonical}`;
  } catch (e) {
    if (e instanceof IndicatorParseError) return `!${e.code}`;
    throw e;
  }
}

function checked(value: string, kind: string | undefined, country: string | undefined): string {
  const outcome = tryParseValue(value, kind, country);
  return 'error' in outcome ? `!${outcome.error.code}` : `${outcome.parsed.kind} ${outcome.parsed.canonical}`;
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`, 'u'));
/** Values as a bank or telco sends them: mostly canonical already, some as typed. */
const values: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('+668', '+8551', '+659', '+639', '+6281', '+1415'), digits(7)).map(([p, d]) => p + d),
  digits(10).map((d) => `TH:004:${d}`),
  hosts,
  hosts.map((h) => `https://${h}/login`),
  fc.tuple(fc.stringMatching(/^[a-z0-9._]{1,12}$/u), hosts).map(([l, h]) => `${l}@${h}`),
  fc.ipV4(),
  fc.ipV6(),
  fc.stringMatching(/^[a-z][a-z0-9_]{4,20}$/u).map((n) => `telegram:${n}`),
  digits(10).map((d) => `promptpay:+66${d.slice(1)}`),
  messyText,
);

describe('the check fast path for canonical input', () => {
  it('property: a check item reads the same through the fast path as through the full parse', () => {
    fc.assert(
      fc.property(values, fc.constantFrom(undefined, ...KIND_NAMES), fc.constantFrom(undefined, 'TH', 'US'), (value, kind, country) => {
        expect(checked(value, kind, country)).toBe(full(value, kind, country));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the fast path for canonical numbers, accounts, handles and addresses', () => {
    for (const v of ['+66812345678', 'TH:004:1234567890', 'telegram:scammer', 'a@example.com', '192.0.2.1']) {
      expect(canonicalFast(v)?.canonical).toBe(v);
    }
    const domain = parseIndicator('Evil.Example.com', { kind: 'domain' }).canonical;
    expect(canonicalFast(domain, 'domain')?.canonical).toBe(domain);
  });
});
