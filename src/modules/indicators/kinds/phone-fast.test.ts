import fc from 'fast-check';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { fastPhoneNumber } from './phone-fast.js';

const COUNTRIES = getCountries();

/** What the phone kind takes from the library: a number only when it is possible and valid. */
function library(text: string, defaultCountry: CountryCode | undefined) {
  const number = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (number?.isPossible() !== true || !number.isValid()) return null;
  return { number: number.number, country: number.country, type: number.getType(), display: number.formatInternational() };
}

function fast(text: string, defaultCountry: CountryCode | undefined) {
  const number = fastPhoneNumber(text, defaultCountry);
  if (!number) return number;
  return { number: number.number, country: number.country, type: number.getType(), display: number.formatInternational() };
}

/** Digits near real numbers (each country's example mobile with some digits changed), or random ones. */
const nationalDigits: fc.Arbitrary<[CountryCode, string]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...COUNTRIES), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 })), { maxLength: 3 }), fc.constantFrom(0, 0, 0, 0, -1, 1, 2)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...COUNTRIES), fc.constant([]), fc.integer({ min: -3, max: 3 })) },
).map(([country, changes, grow]): [CountryCode, string] => {
  const digits = [...(examples[country] ?? '123456')];
  // Changes fall on the last digits mostly: the leading ones decide the type and the format.
  for (const [at, d] of changes) digits[digits.length - 1 - (at % digits.length)] = String(d);
  const base = digits.join('');
  return [country, grow < 0 ? base.slice(0, grow) : base + '7'.repeat(grow)];
});
const randomDigits = fc.tuple(fc.constantFrom(...COUNTRIES), fc.stringMatching(/^\d{1,16}$/u));

/** The number written as people do: international, with the national prefix, or bare; split by spaces or dashes. */
const written: fc.Arbitrary<[string, CountryCode | undefined]> = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: nationalDigits }, { weight: 1, arbitrary: randomDigits }),
    fc.constantFrom('+cc', '+cc', '+cc0', '0', '0', '', '00', '+', 'cc'),
    fc.constantFrom('', ' ', '-', '  ', ' - ', '.'),
    fc.nat({ max: 4 }),
    fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined, freq: 2 }),
  )
  .map(([[country, digits], head, separator, every, other]): [string, CountryCode | undefined] => {
    const prefix = head.replace('cc', getCountryCallingCode(country));
    const split = every === 0 ? digits : (digits.match(new RegExp(`.{1,${every + 1}}`, 'gu')) ?? []).join(separator);
    // Mostly the number's own country, as a caller gives it; sometimes another or none.
    return [`${prefix}${split}`, other === undefined ? country : head.startsWith('+') ? undefined : other];
  });

describe('phone fast path', () => {
  it('property: whenever it answers, it answers what libphonenumber-js does', () => {
    fc.assert(
      fc.property(written, ([text, country]) => {
        const answer = fast(text, country);
        if (answer !== undefined) expect(answer).toEqual(library(text, country));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers for the common shapes: Thai national and international numbers, valid or not', () => {
    expect(fast('081-234-5678', 'TH')).toEqual({ number: '+66812345678', country: 'TH', type: 'MOBILE', display: '+66 81 234 5678' });
    expect(fast('+62 8156 080136', 'TH')).toEqual(library('+62 8156 080136', 'TH'));
    expect(fast('+65 9794 83586', 'TH')).toBeNull();
    expect(fast('+0812345678', undefined)).toBeNull();
    // Shapes it leaves to the library: other punctuation, international prefixes, shared calling codes.
    expect(fast('(081) 234-5678', 'TH')).toBeUndefined();
    expect(fast('0066812345678', 'TH')).toBeUndefined();
    expect(fast('+1 202 555 0123', undefined)).toBeUndefined();
  });
});
