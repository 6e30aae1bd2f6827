import fc from 'fast-check';
import { composeIBAN, getCountrySpecifications, isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { parseIndicator } from './registry.js';
import { kindProperties, table } from './test-support.js';

describe('iban: messy input as people paste it', () => {
  table('iban', [
    ['GB82WEST12345698765432', 'GB82WEST12345698765432'],
    ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
    ['IBAN GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
    ['IBAN: GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
    ['iban gb82west12345698765432', 'GB82WEST12345698765432'],
    ['gb82-west-1234-5698-7654-32', 'GB82WEST12345698765432'],
    ['GB82.WEST.1234.5698.7654.32', 'GB82WEST12345698765432'],
    ['  GB82\u00a0WEST\u200b1234 5698 7654 32 ', 'GB82WEST12345698765432'],
    ['ＧＢ８２ＷＥＳＴ１２３４５６９８７６５４３２', 'GB82WEST12345698765432'],
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
    ['NL91 ABNA 0417 1643 00', 'NL91ABNA0417164300'],
    ['NO93 8601 1117 947', 'NO9386011117947'],
    ['CH93 0076 2011 6238 5295 7', 'CH9300762011623852957'],
    ['TH12 3456', '!invalid-iban'],
    ['GB82 WEST 1234 5698 7654 33', '!invalid-iban'],
    ['GB83WEST12345698765432', '!invalid-iban'],
    ['DE89 3704 0044 0532 0130 0', '!invalid-iban'],
    ['XX82WEST12345698765432', '!invalid-iban'],
    ['GB82WEST1234569876543€', '!invalid-iban'],
    ['not an iban', '!invalid-iban'],
  ]);

  it('reports country and bank, and displays in print format', () => {
    expect(parseIndicator('gb82 west 1234 5698 7654 32', { kind: 'iban' })).toEqual({
      kind: 'iban',
      canonical: 'GB82WEST12345698765432',
      display: 'GB82 WEST 1234 5698 7654 32',
      facts: { country: 'GB', bank: 'WEST' },
    });
    expect(parseIndicator('DE89370400440532013000', { kind: 'iban' }).facts).toEqual({ country: 'DE', bank: '37040044' });
  });

  it('names the reason for a refusal', () => {
    expect(() => parseIndicator('GB83WEST12345698765432', { kind: 'iban' })).toThrow(/check digits/u);
  });
});

/** Valid IBANs of every registry country: a BBAN matching the country's format, composed. */
const specs = Object.entries(getCountrySpecifications()).filter(([, s]) => s.IBANRegistry && s.bban_regexp);
const validIbans: fc.Arbitrary<string> = fc
  .constantFrom(...specs)
  .chain(([country, spec]) =>
    fc.stringMatching(new RegExp(spec.bban_regexp ?? '')).map((bban) => composeIBAN({ countryCode: country, bban })),
  )
  .filter((iban): iban is string => iban !== null && isValidIBAN(iban));

const messyIbans = fc
  .tuple(validIbans, fc.constantFrom(' ', '-', ''), fc.boolean(), fc.boolean())
  .map(([iban, sep, lower, label]) => {
    const grouped = (iban.match(/.{1,4}/gu) ?? []).join(sep);
    return `${label ? 'IBAN ' : ''}${lower ? grouped.toLowerCase() : grouped}`;
  });

describe('iban: properties', () => {
  kindProperties('iban', validIbans, messyIbans);
});
