import fc from 'fast-check';
import { getCountries } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { detectKind, parseIndicator } from './registry.js';
import { kindProperties, table } from './test-support.js';
import { THAI_BANKS, findThaiBank } from './thai-banks.js';

describe('bank-account: messy input as people paste it', () => {
  table('bank-account', [
    ['KBANK 123-4-56789-0', 'TH:004:1234567890'],
    ['kbank 1234567890', 'TH:004:1234567890'],
    ['K-Bank: 123-4-56789-0', 'TH:004:1234567890'],
    ['Kasikornbank 123 4 56789 0', 'TH:004:1234567890'],
    ['กสิกรไทย 1234567890', 'TH:004:1234567890'],
    ['ธนาคารกสิกรไทย 123-4-56789-0', 'TH:004:1234567890'],
    ['ธ.กสิกรไทย เลขที่บัญชี 123-4-56789-0', 'TH:004:1234567890'],
    ['กสิกร ๑๒๓-๔-๕๖๗๘๙-๐', 'TH:004:1234567890'],
    ['SCB: 123-456789-0', 'TH:014:1234567890'],
    ['ไทยพาณิชย์ 123-456789-0', 'TH:014:1234567890'],
    ['Siam Commercial Bank a/c 1234567890', 'TH:014:1234567890'],
    ['BBL 123-4-56789-0', 'TH:002:1234567890'],
    ['กรุงเทพ 1234567890', 'TH:002:1234567890'],
    ['KTB 123-4-56789-0', 'TH:006:1234567890'],
    ['Krungsri 123-4-56789-0', 'TH:025:1234567890'],
    ['กรุงศรี 1234567890', 'TH:025:1234567890'],
    ['ttb 123-4-56789-0', 'TH:011:1234567890'],
    ['TMB 1234567890', 'TH:011:1234567890'],
    ['ออมสิน 0201-2345-6789', 'TH:030:020123456789'],
    ['GSB 020123456789', 'TH:030:020123456789'],
    ['ธ.ก.ส. 0200-1234-5678', 'TH:034:020012345678'],
    ['BAAC 020012345678', 'TH:034:020012345678'],
    ['ธอส 001234567890', 'TH:033:001234567890'],
    ['KKP 1234567890', 'TH:069:1234567890'],
    ['CIMB Thai 1234567890', 'TH:022:1234567890'],
    ['UOB 1234567890', 'TH:024:1234567890'],
    ['TISCO 1234567890', 'TH:067:1234567890'],
    ['LH Bank 1234567890', 'TH:073:1234567890'],
    ['Kasikornbank (004) 123-4-56789-0', 'TH:004:1234567890'],
    ['th:004:1234567890', 'TH:004:1234567890'],
    ['TH:004:123-4-56789-0', 'TH:004:1234567890'],
    ['TH : KBANK : 1234567890', 'TH:004:1234567890'],
    ['004-1-23456-789-0', 'TH:004:1234567890', { country: 'TH' }],
    ['014 1234567890', 'TH:014:1234567890', { country: 'TH' }],
    ['HSBC 123456789', 'TH:031:123456789', { country: 'TH' }],
    // Thai refusals: wrong length for the bank, unknown bank, no bank at all.
    ['KBANK 123-4-56789', '!invalid-bank-account'],
    ['GSB 1234567890', '!invalid-bank-account'],
    ['TH:999:1234567890', '!unknown-bank'],
    ['Nowhere Bank 1234567890', '!unknown-bank', { country: 'TH' }],
    ['1234567890', '!unknown-bank', { country: 'TH' }],
    ['1234567890', '!bank-country-required'],
    ['KBANK 12345abcde', '!unknown-bank', { country: 'TH' }],
    // Other countries: the bank code and account as given, normalised.
    ['GB:200000:12345678', 'GB:200000:12345678'],
    ['gb:20-00-00:1234 5678', 'GB:200000:12345678'],
    ['20-00-00 12345678', 'GB:200000:12345678', { country: 'GB' }],
    ['NWBKGB2L 12345678', 'GB:NWBKGB2L:12345678', { country: 'GB' }],
    ['021000021 / 123456789', 'US:021000021:123456789', { country: 'US' }],
    ['US:021000021:000123456789', 'US:021000021:000123456789'],
    ['IN:HDFC0001234:50100123456789', 'IN:HDFC0001234:50100123456789'],
    ['SG:DBSSSGSG:123-456789-0', 'SG:DBSSSGSG:1234567890'],
    ['KH:ABAAKHPP:000123456', 'KH:ABAAKHPP:000123456'],
    ['XX:ABC:12345678', '!invalid-bank-account'],
    ['GB:200000:ABCDEFGH', '!invalid-bank-account'],
    ['GB:!:12345678', '!invalid-bank-account'],
    ['12345678', '!invalid-bank-account', { country: 'GB' }],
  ]);

  it('displays Thai accounts with the bank name and the usual grouping', () => {
    expect(parseIndicator('กสิกรไทย 1234567890', { kind: 'bank-account' })).toEqual({
      kind: 'bank-account',
      canonical: 'TH:004:1234567890',
      display: 'Kasikornbank (004) 123-4-56789-0',
      facts: { country: 'TH', bank: '004', bankName: 'Kasikornbank' },
    });
    expect(parseIndicator('GB:200000:12345678').facts).toEqual({ country: 'GB', bank: '200000' });
  });

  it('detects only when a bank is recognisable', () => {
    expect(detectKind('KBANK 123-4-56789-0')).toBe('bank-account');
    expect(detectKind('กสิกรไทย 1234567890')).toBe('bank-account');
    expect(detectKind('TH:004:1234567890')).toBe('bank-account');
    expect(detectKind('1234567890')).toBeUndefined();
    expect(detectKind('004-1-23456-789-0')).toBeUndefined();
    expect(detectKind('Hello 1234567890')).toBeUndefined();
  });

  it('has a well-formed table of Thai banks', () => {
    const codes = THAI_BANKS.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const bank of THAI_BANKS) {
      expect(bank.code).toMatch(/^\d{3}$/u);
      for (const name of [bank.short, bank.en, bank.th, ...(bank.aliases ?? [])]) expect(findThaiBank(name)?.code).toBe(bank.code);
    }
  });
});

const thaiAccounts = fc
  .tuple(fc.constantFrom(...THAI_BANKS), fc.stringMatching(/^\d{20}$/u), fc.integer({ min: 6, max: 20 }))
  .map(([bank, digits, n]) => `TH:${bank.code}:${digits.slice(0, bank.lengths?.[0] ?? n)}`);
const otherAccounts = fc
  .tuple(
    fc.constantFrom(...getCountries().filter((c) => c !== 'TH')),
    fc.stringMatching(/^[A-Z0-9]{2,11}$/u),
    fc.stringMatching(/^[A-Z0-9]{3,20}$/u),
    fc.nat(9),
  )
  .map(([cc, bank, account, d]) => `${cc}:${bank}:${account}${d}`);
const validAccounts = fc.oneof(thaiAccounts, otherAccounts);

/** Thai accounts as pasted: any of the bank's names, then the number in groups. */
const pastedAccounts: fc.Arbitrary<string> = fc
  .tuple(thaiAccounts, fc.nat(), fc.constantFrom(' ', ': ', ' เลขที่บัญชี ', ' a/c '))
  .map(([canonical, pick, sep]) => {
    const [, code = '', account = ''] = canonical.split(':');
    const bank = THAI_BANKS.find((b) => b.code === code);
    const names = bank ? [bank.short, bank.en, bank.th, ...(bank.aliases ?? [])] : [code];
    const grouped = account.replace(/^(\d{3})(\d)/u, '$1-$2-');
    return `${names[pick % names.length] ?? code}${sep}${grouped}`;
  });

describe('bank-account: properties', () => {
  kindProperties('bank-account', validAccounts, pastedAccounts);
});
