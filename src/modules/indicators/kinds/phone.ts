/**
 * Phone numbers, canonical in E.164 (`+66812345678`). libphonenumber-js with its full ("max")
 * metadata decides whether a number is possible and valid and what type it is.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { IndicatorKind, ParseContext, ParsedIndicator } from './kind.js';
import { fastPhoneNumber, type ValidPhoneNumber } from './phone-fast.js';
import { facts, fail, quote } from './support.js';
import { cleanText } from './text.js';

/** `tel:` and `callto:` links: the explicit form, claimed before any other kind is tried. */
const TEL_URI = /^(?:tel|callto|sms):/iu;
/** Labels people write before a number: `Tel.`, `Phone:`, `Mobile`, `โทร`, `เบอร์`. */
const LABEL =
  /^(?:tel(?:ephone)?|phone|mobile|mob|cell|call|โทร(?:ศัพท์)?|เบอร์(?:โทร(?:ศัพท์)?)?|มือถือ)\s*(?:no\.?|number)?\s*[.:#]?\s*/iu;
/** What may remain: digits with the usual separators, brackets and one leading plus. */
const NUMBER_TEXT = /^\(?\+?[\d\s().\-/]*$/u;
/** E.164: a plus, a country code that never starts with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{5,14}$/u;

/** Strips the label or tel: link and any RFC 3966 parameters (`;ext=`, `;phone-context=`). */
function numberText(raw: string): string {
  let s = cleanText(raw);
  if (TEL_URI.test(s)) s = s.replace(TEL_URI, '').replace(/^\/\//u, '').split(/[;?]/u)[0] ?? '';
  else s = s.replace(LABEL, '');
  // `(+66) 081…`: libphonenumber wants the plus first.
  return s.trim().replace(/^\(\s*(\+\d{1,4})\s*\)/u, '$1 ');
}

// A batch or an import gives every value the same country: the last answer is kept.
let lastCountry: string | undefined;
let lastCountryCode: CountryCode | undefined;

function countryOf(ctx: ParseContext): CountryCode | undefined {
  const given = ctx.country;
  if (given === undefined) return undefined;
  if (given !== lastCountry) {
    const cc = given.toUpperCase();
    lastCountryCode = isSupportedCountry(cc) ? cc : undefined;
    lastCountry = given;
  }
  return lastCountryCode;
}

/**
 * The readings of a number to try, best first. `00` and `011` are the international call prefixes
 * of most of the world and of North America; libphonenumber only honours the one of the default
 * country (Thailand dials 001), so an `00…` number pasted in Thailand would otherwise be misread
 * as national. A national number never starts with `00`, so the international reading goes first.
 */
function readings(text: string): string[] {
  const digits = text.replace(/\D/gu, '');
  const out: string[] = [];
  if (!text.includes('+')) {
    if (digits.startsWith('00')) out.push(`+${digits.slice(2)}`);
    if (digits.startsWith('011')) out.push(`+${digits.slice(3)}`);
  }
  out.push(text);
  return out;
}

/** The valid number `text` reads as; undefined when none. */
function readNumber(text: string, defaultCountry: CountryCode | undefined): ValidPhoneNumber | undefined {
  // The fast path answers only where `readings` has the one reading, the text itself.
  const fast = fastPhoneNumber(text, defaultCountry);
  if (fast !== undefined) return fast ?? undefined;
  for (const candidate of readings(text)) {
    const number = parsePhoneNumberFromString(candidate, { defaultCountry, extract: false });
    if (number?.isPossible() === true && number.isValid()) return number;
  }
  return undefined;
}

/** Digits with the usual separators, between `min` and 18 of them. */
function numberShaped(text: string, min: number): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return NUMBER_TEXT.test(text) && digits >= min && digits <= 18;
}

/**
 * Parses a phone number to a valid number (libphonenumber's, or the same from the fast path) or
 * throws `invalid-phone`. Shared with the handle kind (WhatsApp) and the payment-alias kind
 * (PromptPay by mobile number).
 */
export function parsePhoneNumber(raw: string, ctx: ParseContext): ValidPhoneNumber {
  const text = numberText(raw);
  if (!numberShaped(text, 4)) fail('phone', 'invalid-phone', `${quote(raw)} is not a phone number`);
  const defaultCountry = countryOf(ctx);
  const number = readNumber(text, defaultCountry);
  if (number) return number;
  const hint =
    defaultCountry === undefined && !text.includes('+')
      ? '; give it in international form (+…) or give the country'
      : '';
  return fail('phone', 'invalid-phone', `${quote(raw)} is not a valid phone number${hint}`);
}

/** Display and facts cost more than the parse itself (formatting, the type's patterns): made on first read. */
function toParsed(number: ValidPhoneNumber): ParsedIndicator {
  let display: string | undefined;
  let known: Record<string, string> | undefined;
  return {
    kind: 'phone',
    canonical: number.number,
    get display() {
      return (display ??= number.formatInternational());
    },
    get facts() {
      return (known ??= facts({ country: number.country, type: number.getType() }));
    },
  };
}

export const phone: IndicatorKind = {
  name: 'phone',
  description:
    'A telephone number, stored in E.164 form (+66812345678); it must be a valid number by the libphonenumber metadata.',
  detect(raw) {
    return numberShaped(numberText(raw), 5);
  },
  parse(raw, ctx) {
    return toParsed(parsePhoneNumber(raw, ctx));
  },
  isCanonical(value) {
    if (!E164.test(value)) return false;
    // Validity needs the metadata, but an E.164 string is the cheapest input it reads.
    const fast = fastPhoneNumber(value, undefined);
    if (fast !== undefined) return fast?.number === value;
    const number = parsePhoneNumberFromString(value, { extract: false });
    return number?.number === value && number.isPossible() && number.isValid();
  },
};

/**
 * `detect` then `parse`, as the detection stage of valid numbers runs them, without making the
 * error detection would drop: undefined when the value is no valid number.
 */
export function claimPhone(raw: string, ctx: ParseContext): ParsedIndicator | undefined {
  const text = numberText(raw);
  if (!numberShaped(text, 5)) return undefined;
  const number = readNumber(text, countryOf(ctx));
  return number ? toParsed(number) : undefined;
}

/** `tel:` / `callto:` links: claimed in the first, explicit stage of detection. */
export function isTelUri(raw: string): boolean {
  return TEL_URI.test(cleanText(raw));
}
