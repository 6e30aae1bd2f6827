import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBody } from './check.schema.js';
import { isCheckBody } from './check.validate.js';

// Strings around each limit (2, 32, 4096), which zod counts in code points: pairs and lone surrogates too.
const text = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.integer({ min: 30, max: 34 }).map((n) => 'k'.repeat(n)),
  fc.integer({ min: 4094, max: 4098 }).map((n) => '7'.repeat(n)),
  fc.constantFrom('😀', 'x😀', 'xx😀', '😀😀😀', '\ud800x', 'x\udc00\ud800'),
  fc.integer({ min: 2046, max: 2050 }).map((n) => '😀'.repeat(n)),
);
const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.integer(), fc.double(), fc.constant([]), fc.constant({}), fc.array(text, { maxLength: 2 }));
const field = fc.oneof(text, text, junk);
const item = fc.oneof(
  fc.record({ value: field, kind: field, country: field }, { requiredKeys: [] }),
  fc.record({ value: text, kind: text, country: text }, { requiredKeys: ['value'] }),
  fc.dictionary(fc.constantFrom('value', 'kind', 'country', 'items', 'Value', 'toString'), field, { maxKeys: 4 }),
  junk,
);
const body = fc.oneof(
  fc.record({ items: fc.array(item, { maxLength: 4 }) }),
  fc.record({ items: fc.array(fc.record({ value: text }), { maxLength: 3 }) }),
  fc.dictionary(fc.constantFrom('items', 'values', 'item'), fc.oneof(fc.array(item, { maxLength: 3 }), junk), { maxKeys: 2 }),
  junk,
  fc.anything(),
);

describe('the check body validator', () => {
  it('property: accepts exactly what the zod schema accepts', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(isCheckBody(b)).toBe(checkBody.safeParse(b).success);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts a batch as clients send it and refuses the usual mistakes', () => {
    expect(isCheckBody({ items: [{ value: '+66812345678', kind: 'phone' }, { value: '081-234-5678', country: 'TH' }] })).toBe(true);
    expect(isCheckBody({ items: [] })).toBe(false);
    expect(isCheckBody({ values: ['x'] })).toBe(false);
    expect(isCheckBody({ items: [{ value: 5 }] })).toBe(false);
    expect(isCheckBody({ items: [{ value: 'x', country: 'THA' }] })).toBe(false);
    expect(isCheckBody({ items: [{ kind: 'phone' }] })).toBe(false);
  });
});
