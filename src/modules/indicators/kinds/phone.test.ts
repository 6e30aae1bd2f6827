import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { parseIndicator } from './registry.js';
import { kindProperties, table } from './test-support.js';

describe('phone: messy input as people paste it', () => {
  table('phone', [
    ['+66812345678', '+66812345678'],
    ['+66 81 234 5678', '+66812345678'],
    ['+66-81-234-5678', '+66812345678'],
    ['+66.81.234.5678', '+66812345678'],
    ['(+66) 081-234-5678', '+66812345678'],
    ['+66 (0) 81 234 5678', '+66812345678'],
    ['+66 081 234 5678', '+66812345678'],
    ['tel:+66-81-234-5678', '+66812345678'],
    ['TEL:+66812345678', '+66812345678'],
    ['tel:+66812345678;ext=12', '+66812345678'],
    ['callto:+66812345678', '+66812345678'],
    ['0812345678', '+66812345678', { country: 'TH' }],
    ['081-234-5678', '+66812345678', { country: 'TH' }],
    ['081 234 5678', '+66812345678', { country: 'TH' }],
    ['(081) 234-5678', '+66812345678', { country: 'TH' }],
    ['  0812345678\n', '+66812345678', { country: 'TH' }],
    ['081\u200b234\u200b5678', '+66812345678', { country: 'TH' }],
    ['\u202a081-234-5678\u202c', '+66812345678', { country: 'TH' }],
    ['๐๘๑-๒๓๔-๕๖๗๘', '+66812345678', { country: 'TH' }],
    ['+๖๖ ๘๑ ๒๓๔ ๕๖๗๘', '+66812345678'],
    ['０８１２３４５６７８', '+66812345678', { country: 'TH' }],
    ['٠٨١٢٣٤٥٦٧٨', '+66812345678', { country: 'TH' }],
    ['۰۸۱۲۳۴۵۶۷۸', '+66812345678', { country: 'TH' }],
    ['०८१२३४५६७८', '+66812345678', { country: 'TH' }],
    ['০৮১২৩৪৫৬৭৮', '+66812345678', { country: 'TH' }],
    ['၀၈၁၂၃၄၅၆၇၈', '+66812345678', { country: 'TH' }],
    ['០៨១២៣៤៥៦៧៨', '+66812345678', { country: 'TH' }],
    ['໐໘໑໒໓໔໕໖໗໘', '+66812345678', { country: 'TH' }],
    ['0066812345678', '+66812345678', { country: 'TH' }],
    ['0066 81 234 5678', '+66812345678'],
    ['001 66 81 234 5678', '+66812345678', { country: 'TH' }],
    ['011 1 212 555 0100', '+12125550100'],
    ['011 66 81 234 5678', '+66812345678', { country: 'US' }],
    ['โทร 081-234-5678', '+66812345678', { country: 'TH' }],
    ['เบอร์โทร: 0812345678', '+66812345678', { country: 'TH' }],
    ['Tel. 02-123-4567', '+6621234567', { country: 'TH' }],
    ['Phone: +44 20 7946 0958', '+442079460958'],
    ['020 7946 0958', '+442079460958', { country: 'GB' }],
    ['+1 (212) 555-0100', '+12125550100'],
    ['212.555.0100', '+12125550100', { country: 'US' }],
    ['+1 800 555 0199', '+18005550199'],
    ['+91 98765 43210', '+919876543210'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['+855 12 345 678', '+85512345678'],
    ['+81 90-1234-5678', '+819012345678'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+84 91 234 56 78', '+84912345678'],
    ['+63 917 123 4567', '+639171234567'],
    ['+800 1234 5678', '+80012345678'],
    // Refused: not possible or not valid, no country for a national number, not a number at all.
    ['0812345678', '!invalid-phone'],
    ['081234567', '!invalid-phone', { country: 'TH' }],
    ['+6681234567', '!invalid-phone'],
    ['+66 1234', '!invalid-phone'],
    ['+959 7 1234 5678', '!invalid-phone'],
    ['1-800-FLOWERS', '!invalid-phone', { country: 'US' }],
    ['call me at 0812345678', '!invalid-phone', { country: 'TH' }],
    ['0812345678 / 0898765432', '!invalid-phone', { country: 'TH' }],
    ['+0 123 456', '!invalid-phone'],
    ['12', '!invalid-phone', { country: 'TH' }],
    ['+', '!invalid-phone'],
    ['tel:', '!invalid-phone'],
    ['', '!empty'],
    ['   \u200b ', '!empty'],
  ]);
});

describe('phone: display and facts', () => {
  it('formats internationally and reports country and type', () => {
    expect(parseIndicator('0812345678', { kind: 'phone', country: 'TH' })).toEqual({
      kind: 'phone',
      canonical: '+66812345678',
      display: '+66 81 234 5678',
      facts: { country: 'TH', type: 'MOBILE' },
    });
    expect(parseIndicator('+1 800 555 0199', { kind: 'phone' }).facts).toEqual({ country: 'US', type: 'TOLL_FREE' });
    expect(parseIndicator('+66 2 123 4567', { kind: 'phone' }).facts).toEqual({ country: 'TH', type: 'FIXED_LINE' });
    // Non-geographic numbers have no country.
    expect(parseIndicator('+800 1234 5678', { kind: 'phone' }).facts).toEqual({ type: 'TOLL_FREE' });
  });

  it('accepts the country in any case and refuses unknown ones', () => {
    expect(parseIndicator('0812345678', { kind: 'phone', country: 'th' }).canonical).toBe('+66812345678');
    expect(() => parseIndicator('0812345678', { kind: 'phone', country: 'Thailand' })).toThrow(/country/u);
  });
});

/** Valid numbers of every country: the example number with its last digits varied. */
const validNumbers: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...getCountries()), fc.nat(999))
  .map(([country, n]) => {
    const example = getExampleNumber(country, examples)?.number;
    if (!example) return undefined;
    const varied = example.slice(0, -3) + String(n).padStart(3, '0');
    const number = parsePhoneNumberFromString(varied);
    return number?.isValid() ? number.number : example;
  })
  .filter((v): v is string => v !== undefined);

/** The same numbers written nationally, with separators and Thai digits. */
const messyNumbers: fc.Arbitrary<string> = fc
  .tuple(validNumbers, fc.constantFrom(' ', '-', '.', ''), fc.boolean())
  .map(([e164, sep, thai]) => {
    const number = parsePhoneNumberFromString(e164);
    const text = (number?.formatInternational() ?? e164).replace(/ /gu, sep);
    return thai ? text.replace(/\d/gu, (d) => String.fromCodePoint(0x0e50 + Number(d))) : text;
  });

describe('phone: properties', () => {
  kindProperties('phone', validNumbers, messyNumbers);

  it('property: a national number with its country parses like its international form', () => {
    fc.assert(
      fc.property(validNumbers, (e164) => {
        const number = parsePhoneNumberFromString(e164);
        if (!number?.country) return;
        const national = number.formatNational();
        expect(parseIndicator(national, { kind: 'phone', country: number.country }).canonical).toBe(e164);
      }),
    );
  });
});
