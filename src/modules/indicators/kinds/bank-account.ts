/**
 * Domestic bank accounts (for IBAN countries, the iban kind is better), canonical as
 * `CC:BANK:ACCOUNT`: ISO 3166-1 alpha-2 country, the bank's domestic code, the account number.
 *
 * Thailand is modelled fully: BANK is the 3-digit Bank of Thailand code, found from the code or
 * any name people write (`KBANK`, `กสิกรไทย`, `ธ.ไทยพาณิชย์`), and the account is digits of the
 * length the bank issues. Elsewhere BANK is the code as given (BIC, sort code, routing number, …)
 * and ACCOUNT the account as given, both upper case without separators.
 */
import type { IndicatorKind, ParseContext, ParsedIndicator } from './kind.js';
import { fail, isCountryCode, quote } from './support.js';
import { cleanText } from './text.js';
import { findThaiBank, thaiBankByCode, type ThaiBank } from './thai-banks.js';

/** `th:004:1234567890`, `GB:200000:12345678` (the spacing around the colons is forgiven). */
const EXPLICIT = /^([a-z]{2})\s*:\s*([^:]+?)\s*:\s*([^:]+)$/iu;
/** Name, then the account: digits with spaces or dashes, `KBANK 123-4-56789-0`. */
const NAME_THEN_DIGITS = /^(.*?)[\s:：#,]*(\d(?:[\s-]*\d)*)$/u;
/** Words between the bank and the number: `a/c`, `account no.`, `เลขที่บัญชี`. */
const ACCOUNT_WORDS = /[\s:：#,]*(?:a\/c|acc(?:oun)?t?\.?(?:\s*(?:no\.?|number))?|no\.?|เลขที่บัญชี|เลขบัญชี|บัญชี|บช\.?)[\s:：#.]*$/iu;

interface Parts {
  country: string;
  bank: string;
  account: string;
}

/** Finds a Thai bank and an account number in free text; undefined when no bank is named. */
function thaiParts(text: string): Parts | undefined {
  const m = NAME_THEN_DIGITS.exec(text);
  if (!m) return undefined;
  const name = (m[1] ?? '').replace(ACCOUNT_WORDS, '').trim();
  const account = m[2] ?? '';
  if (name === '') {
    // `004-1-23456-789-0`: a bank code, a separator, then the account.
    const coded = /^(\d{3})[\s-]+(\d[\d\s-]*)$/u.exec(account);
    const bank = coded ? thaiBankByCode(coded[1] ?? '') : undefined;
    return bank ? { country: 'TH', bank: bank.code, account: coded?.[2] ?? '' } : undefined;
  }
  // `Kasikornbank (004)`: a name with the code in brackets.
  const bank = findThaiBank(name) ?? thaiBankByCode(/\((\d{3})\)$/u.exec(name)?.[1] ?? '');
  return bank ? { country: 'TH', bank: bank.code, account } : undefined;
}

/** `account` is digits only (checked by `build`). */
function thaiDisplay(bank: ThaiBank, account: string): string {
  const grouped =
    account.length === 10 ? `${account.slice(0, 3)}-${account.slice(3, 4)}-${account.slice(4, 9)}-${account.slice(9)}` : account;
  return `${bank.en} (${bank.code}) ${grouped}`;
}

/** Validates the parts and builds the record; the one place canonical forms are made. */
function build({ country, bank, account }: Parts, raw: string): ParsedIndicator {
  if (!isCountryCode(country)) fail('bank-account', 'invalid-bank-account', `${quote(raw)} names an unknown country`);
  if (country === 'TH') {
    const thai = findThaiBank(bank);
    if (!thai) return fail('bank-account', 'unknown-bank', `${quote(raw)} names no bank known in Thailand`);
    const digits = account.replace(/[\s\-.]/gu, '');
    const lengths = thai.lengths;
    const fits = /^\d+$/u.test(digits) && (lengths ? lengths.includes(digits.length) : digits.length >= 6 && digits.length <= 20);
    if (!fits) {
      const want = lengths ? `${lengths.join(' or ')} digits` : '6 to 20 digits';
      fail('bank-account', 'invalid-bank-account', `${quote(raw)} is not a ${thai.en} account number (${want})`);
    }
    return {
      kind: 'bank-account',
      canonical: `TH:${thai.code}:${digits}`,
      display: thaiDisplay(thai, digits),
      facts: { country, bank: thai.code, bankName: thai.en },
    };
  }
  const code = bank.replace(/[\s\-./_]/gu, '').toUpperCase();
  const number = account.replace(/[\s\-./_]/gu, '').toUpperCase();
  if (!/^[A-Z0-9]{2,20}$/u.test(code)) fail('bank-account', 'invalid-bank-account', `${quote(raw)} has no usable bank code`);
  if (!/^[A-Z0-9]{4,34}$/u.test(number) || !/\d/u.test(number)) {
    fail('bank-account', 'invalid-bank-account', `${quote(raw)} has no usable account number`);
  }
  return {
    kind: 'bank-account',
    canonical: `${country}:${code}:${number}`,
    display: `${country} ${code} ${number}`,
    facts: { country, bank: code },
  };
}

function partsOf(raw: string, ctx: ParseContext): Parts {
  const text = cleanText(raw);
  const explicit = EXPLICIT.exec(text);
  if (explicit) {
    return { country: (explicit[1] ?? '').toUpperCase(), bank: explicit[2] ?? '', account: explicit[3] ?? '' };
  }
  const country = ctx.country?.toUpperCase();
  if (country === undefined || country === 'TH') {
    const thai = thaiParts(text);
    if (thai) return thai;
    if (country === 'TH') fail('bank-account', 'unknown-bank', `${quote(raw)} names no bank known in Thailand`);
    return fail('bank-account', 'bank-country-required', `${quote(raw)} does not say its country; write it as CC:bank:account or give the country`);
  }
  // Elsewhere: the bank's code, then the account (`NWBKGB2L 12345678`, `20-00-00 / 12345678`).
  const generic = /^(\S+)[\s:/]+(.+)$/u.exec(text);
  if (!generic) return fail('bank-account', 'invalid-bank-account', `${quote(raw)} is not a bank code followed by an account number`);
  return { country, bank: generic[1] ?? '', account: generic[2] ?? '' };
}

export const bankAccount: IndicatorKind = {
  name: 'bank-account',
  description:
    'A domestic bank account, stored as CC:BANK:ACCOUNT (country, bank code, account number); Thai banks by their Bank of Thailand code.',
  detect(raw, ctx) {
    const text = cleanText(raw);
    const explicit = EXPLICIT.exec(text);
    if (explicit) return isCountryCode((explicit[1] ?? '').toUpperCase());
    // Only a recognisable bank makes a number an account: bare digits are anyone's.
    const country = ctx.country?.toUpperCase();
    return (country === undefined || country === 'TH') && /[^\d\s\-.:]/u.test(text) && thaiParts(text) !== undefined;
  },
  parse(raw, ctx) {
    return build(partsOf(raw, ctx), raw);
  },
  isCanonical(value) {
    const m = /^([A-Z]{2}):([A-Z0-9]{2,20}):([A-Z0-9]{4,34})$/u.exec(value);
    if (!m) return false;
    try {
      return build({ country: m[1] ?? '', bank: m[2] ?? '', account: m[3] ?? '' }, value).canonical === value;
    } catch {
      return false;
    }
  },
};
