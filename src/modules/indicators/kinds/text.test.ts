import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiDigits, cleanText, refang, refangLoop } from './text.js';

describe('cleanText', () => {
  it.each([
    ['  +66 81 234 5678  ', '+66 81 234 5678'],
    ['\u200b08\u200c12\u200d34\ufeff5678', '0812345678'],
    ['\u202eevil\u202c.com', 'evil.com'],
    ['\u2066abc\u2069', 'abc'],
    ['soft\u00adhyphen', 'softhyphen'],
    ['ｅｖｉｌ．ｃｏｍ', 'evil.com'],
    ['０８１２３４５６７８', '0812345678'],
    ['๐๑๒๓๔๕๖๗๘๙', '0123456789'],
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['०१२३४५६७८९', '0123456789'],
    ['০১২৩৪৫৬৭৮৯', '0123456789'],
    ['၀၁၂၃၄၅၆၇၈၉', '0123456789'],
    ['០១២៣៤៥៦៧៨៩', '0123456789'],
    ['໐໑໒໓໔໕໖໗໘໙', '0123456789'],
    ['𝟎𝟏𝟐', '012'],
    ['โทร ๐๘๑', 'โทร 081'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('property: is idempotent and leaves no non-ASCII digit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = cleanText(s);
        expect(cleanText(once)).toBe(once);
        expect(/(?![0-9])\p{Nd}/u.test(once)).toBe(false);
      }),
    );
  });

  it('property: maps every decimal digit of every script to its value', () => {
    // Each script's zero, checked against Intl's own reading of the digits.
    const zeros = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810];
    fc.assert(
      fc.property(fc.constantFrom(...zeros), fc.integer({ min: 0, max: 9 }), (zero, d) => {
        expect(asciiDigits(String.fromCodePoint(zero + d))).toBe(String(d));
      }),
    );
  });
});

describe('refang', () => {
  it.each([
    ['hxxps://evil[.]example[.]com/login', 'https://evil.example.com/login'],
    ['hXXp://evil(.)com', 'http://evil.com'],
    ['hxxps[://]evil{.}com', 'https://evil.com'],
    ['hxxp[:]//evil[dot]com', 'http://evil.com'],
    ['evil(dot)com', 'evil.com'],
    ['evil [ . ] com', 'evil . com'],
    ['evil[DOT]com', 'evil.com'],
    ['fxp://files[.]evil[.]com', 'ftp://files.evil.com'],
    ['user[@]evil[.]com', 'user@evil.com'],
    ['user[at]evil[.]com', 'user@evil.com'],
    ['user(at)evil(dot)com', 'user@evil.com'],
    ['a[[.]]b', 'a.b'],
    ['plain.example.com', 'plain.example.com'],
    ['hxxpfoo', 'hxxpfoo'],
  ])('%j → %j', (input, expected) => {
    expect(refang(input)).toBe(expected);
  });

  it('property: the shortcut for `[.]` and `hxxps:` answers what the rewriting rules give', () => {
    const unit = fc.constantFrom('[.]', '[.]', '[', ']', '.', 'h', 'x', 'p', 's', ':', '//', 'a', 'hxxp', 'hxxps:', 'HXXP', 'fxp', '(', ')', '{', '}', 'dot', 'at', '@', ' ', '[:]', '[://]');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.boolean(), (s, braces) => {
        expect(refang(s, { braces })).toBe(refangLoop(s, braces));
      }),
      { numRuns: 5000 },
    );
  });

  it('property: is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '{', '}', '.', 'dot', 'at', '@', ':', '//', 'hxxp', 's', 'a') }), (s) => {
        const once = refang(s);
        expect(refang(once)).toBe(once);
      }),
    );
  });
});
