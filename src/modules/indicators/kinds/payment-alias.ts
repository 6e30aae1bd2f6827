/**
 * Aliases of instant-payment systems that stand for a bank account: Thailand's PromptPay (a
 * mobile number, a 13-digit national/tax ID or a 15-digit e-wallet ID) and India's UPI (a virtual
 * payment address, `name@bank`). Canonical as `scheme:alias`.
 */
import type { IndicatorKind, ParsedIndicator } from './kind.js';
import { parsePhoneNumber } from './phone.js';
import type { ValidPhoneNumber } from './phone-fast.js';
import { fail, quote } from './support.js';
import { cleanText } from './text.js';

/** `PromptPay`, `Prompt Pay`, `พร้อมเพย์`, `promptpay:` — with an optional colon. */
const PROMPTPAY_LABEL = /^(?:prompt\s*pay|พร้อมเพย์)\s*(?:id|no\.?)?\s*[:：]?\s*/iu;
const UPI_LABEL = /^upi(?:\s*id)?\s*[:：]\s*|^upi\s+/iu;
const UPI_LINK = /^upi:\/\//iu;
/** A UPI VPA: there is no dot after the @, which tells it apart from an email address. */
const VPA = /^[a-z0-9._-]{2,256}@[a-z]{2,64}$/u;

/** Thai national ID / tax ID: 13 digits, the last a mod-11 check over the first twelve. */
export function isThaiId(digits: string): boolean {
  if (!/^\d{13}$/u.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

function promptPay(value: string, raw: string): ParsedIndicator {
  const digits = value.replace(/[\s\-.]/gu, '');
  const result = (canonical: string, type: string, display: string): ParsedIndicator => ({
    kind: 'payment-alias',
    canonical: `promptpay:${canonical}`,
    display: `PromptPay ${display}`,
    facts: { scheme: 'promptpay', type },
  });
  if (/^\d{13}$/u.test(digits)) {
    if (!isThaiId(digits)) fail('payment-alias', 'invalid-promptpay', `${quote(raw)} has a wrong check digit for a Thai ID`);
    return result(digits, 'national-id', digits.replace(/^(\d)(\d{4})(\d{5})(\d{2})(\d)$/u, '$1-$2-$3-$4-$5'));
  }
  if (/^\d{15}$/u.test(digits)) return result(digits, 'e-wallet', digits);
  // PromptPay by phone is for Thai mobile numbers only.
  let number: ValidPhoneNumber;
  try {
    number = parsePhoneNumber(digits, { country: 'TH' });
  } catch {
    return fail('payment-alias', 'invalid-promptpay', `${quote(raw)} is not a PromptPay ID (a Thai mobile number, a 13-digit ID or a 15-digit e-wallet ID)`);
  }
  const type = number.getType();
  if (number.country !== 'TH' || (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE')) {
    fail('payment-alias', 'invalid-promptpay', `${quote(raw)} is not a Thai mobile number`);
  }
  return result(number.number, 'mobile', number.formatInternational());
}

function upi(value: string, raw: string): ParsedIndicator {
  let vpa = value.trim();
  if (UPI_LINK.test(vpa)) {
    // upi://pay?pa=name@bank&pn=Name&am=100: the payee address is `pa`.
    try {
      vpa = new URL(vpa).searchParams.get('pa') ?? '';
    } catch {
      vpa = '';
    }
  }
  vpa = vpa.toLowerCase();
  if (!VPA.test(vpa)) fail('payment-alias', 'invalid-upi', `${quote(raw)} is not a UPI address (name@bank)`);
  return {
    kind: 'payment-alias',
    canonical: `upi:${vpa}`,
    display: `UPI ${vpa}`,
    facts: { scheme: 'upi' },
  };
}

function parseAlias(raw: string): ParsedIndicator {
  const text = cleanText(raw);
  if (PROMPTPAY_LABEL.test(text)) return promptPay(text.replace(PROMPTPAY_LABEL, ''), raw);
  if (UPI_LINK.test(text)) return upi(text, raw);
  if (UPI_LABEL.test(text)) return upi(text.replace(UPI_LABEL, ''), raw);
  // No scheme named: a VPA is UPI; digits can only be PromptPay among the schemes we know.
  if (text.includes('@')) return upi(text, raw);
  if (/^[\d\s\-.+]+$/u.test(text)) return promptPay(text, raw);
  return fail('payment-alias', 'payment-scheme-required', `${quote(raw)} does not say which payment system it belongs to; write promptpay:… or upi:…`);
}

/** `PromptPay …`, `promptpay:…`, `upi:…`, `upi://pay?…`: claimed in the explicit stage. */
export function namesScheme(raw: string): boolean {
  const text = cleanText(raw);
  return /^(?:prompt\s*pay|พร้อมเพย์)/iu.test(text) || UPI_LINK.test(text) || UPI_LABEL.test(text);
}

/** A bare UPI address (`name@okaxis`); checked after email, which has a dot after the @. */
export function looksLikeVpa(raw: string): boolean {
  return VPA.test(cleanText(raw).toLowerCase());
}

export const paymentAlias: IndicatorKind = {
  name: 'payment-alias',
  description:
    'An instant-payment alias that stands for an account: promptpay:<Thai mobile in E.164 | 13-digit ID | 15-digit e-wallet ID> or upi:<name@bank>.',
  detect(raw) {
    return namesScheme(raw) || looksLikeVpa(raw);
  },
  parse: parseAlias,
  isCanonical(value) {
    if (value.startsWith('upi:')) return VPA.test(value.slice(4));
    if (!value.startsWith('promptpay:')) return false;
    const id = value.slice('promptpay:'.length);
    if (/^\d{15}$/u.test(id)) return true;
    if (/^\d{13}$/u.test(id)) return isThaiId(id);
    if (!/^\+66\d{9}$/u.test(id)) return false;
    try {
      return promptPay(id, id).canonical === value;
    } catch {
      return false;
    }
  },
};
