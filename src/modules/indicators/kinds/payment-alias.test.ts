import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { isThaiId } from './payment-alias.js';
import { detectKind, parseIndicator } from './registry.js';
import { kindProperties, table } from './test-support.js';

describe('payment-alias: messy input as people paste it', () => {
  table('payment-alias', [
    // PromptPay by mobile number.
    ['PromptPay 081-234-5678', 'promptpay:+66812345678'],
    ['promptpay:0812345678', 'promptpay:+66812345678'],
    ['promptpay:+66812345678', 'promptpay:+66812345678'],
    ['Prompt Pay: 081 234 5678', 'promptpay:+66812345678'],
    ['พร้อมเพย์ 0812345678', 'promptpay:+66812345678'],
    ['พร้อมเพย์: ๐๘๑-๒๓๔-๕๖๗๘', 'promptpay:+66812345678'],
    ['PROMPTPAY +66 81 234 5678', 'promptpay:+66812345678'],
    ['0812345678', 'promptpay:+66812345678'],
    ['promptpay:021234567', '!invalid-promptpay'],
    ['promptpay:+14155552671', '!invalid-promptpay'],
    ['promptpay:12345', '!invalid-promptpay'],
    // PromptPay by national ID / tax ID (mod-11 check digit) and e-wallet ID.
    ['promptpay:1-2345-67890-12-1', 'promptpay:1234567890121'],
    ['PromptPay ID 1 2345 67890 12 1', 'promptpay:1234567890121'],
    ['พร้อมเพย์ 1234567890121', 'promptpay:1234567890121'],
    ['promptpay:1-2345-67890-12-2', '!invalid-promptpay'],
    ['promptpay:123456789012345', 'promptpay:123456789012345'],
    ['promptpay:abc', '!invalid-promptpay'],
    // UPI.
    ['upi:Scammer@okaxis', 'upi:scammer@okaxis'],
    ['UPI: scammer.01@ybl', 'upi:scammer.01@ybl'],
    ['UPI ID: 9876543210@paytm', 'upi:9876543210@paytm'],
    ['upi://pay?pa=Scammer@okhdfcbank&pn=Refund%20Desk&am=100&cu=INR', 'upi:scammer@okhdfcbank'],
    ['UPI://PAY?pa=scammer@oksbi', 'upi:scammer@oksbi'],
    ['scammer@okaxis', 'upi:scammer@okaxis'],
    ['upi:scammer@ok.axis', '!invalid-upi'],
    ['upi:s@okaxis', '!invalid-upi'],
    ['upi://pay?pn=NoAddress', '!invalid-upi'],
    ['upi:scammer@ok4xis', '!invalid-upi'],
    // Neither.
    ['paypal me', '!payment-scheme-required'],
  ]);

  it('reports scheme and type', () => {
    expect(parseIndicator('พร้อมเพย์ 081-234-5678', { kind: 'payment-alias' })).toEqual({
      kind: 'payment-alias',
      canonical: 'promptpay:+66812345678',
      display: 'PromptPay +66 81 234 5678',
      facts: { scheme: 'promptpay', type: 'mobile' },
    });
    expect(parseIndicator('promptpay:1234567890121').display).toBe('PromptPay 1-2345-67890-12-1');
    expect(parseIndicator('upi:a.b@ybl').facts).toEqual({ scheme: 'upi' });
  });

  it('tells a UPI address from an email address by the dot after the @', () => {
    expect(detectKind('scammer@okaxis')).toBe('payment-alias');
    expect(detectKind('scammer@okaxis.com')).toBe('email');
    // A bare number is a phone, not PromptPay: PromptPay must be named.
    expect(detectKind('0812345678', { country: 'TH' })).toBe('phone');
    expect(detectKind('PromptPay 0812345678')).toBe('payment-alias');
  });

  it('checks Thai ID check digits', () => {
    expect(isThaiId('1234567890121')).toBe(true);
    expect(isThaiId('1234567890122')).toBe(false);
    expect(isThaiId('123456789012')).toBe(false);
  });
});

/** Thai IDs with the right check digit. */
const thaiIds = fc.stringMatching(/^[1-8]\d{11}$/u).map((twelve) => {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (13 - i);
  return `${twelve}${(11 - (sum % 11)) % 10}`;
});
const thaiMobiles = fc
  .tuple(fc.constantFrom('6', '8', '9'), fc.stringMatching(/^\d{8}$/u))
  .map(([first, rest]) => `+66${first}${rest}`)
  .filter((n) => parsePhoneNumberFromString(n)?.getType() === 'MOBILE');
const vpas = fc.tuple(fc.stringMatching(/^[a-z0-9._-]{2,20}$/u), fc.stringMatching(/^[a-z]{2,12}$/u)).map(([n, h]) => `${n}@${h}`);

const validAliases: fc.Arbitrary<string> = fc.oneof(
  thaiIds.map((id) => `promptpay:${id}`),
  fc.stringMatching(/^\d{15}$/u).map((id) => `promptpay:${id}`),
  thaiMobiles.map((m) => `promptpay:${m}`),
  vpas.map((v) => `upi:${v}`),
);

const pastedAliases: fc.Arbitrary<string> = fc
  .tuple(validAliases, fc.constantFrom('PromptPay ', 'พร้อมเพย์ ', 'UPI: ', 'upi://pay?pa='), fc.boolean())
  .map(([canonical, label, upper]) => {
    const [scheme = '', value = ''] = canonical.split(/:(.*)/su);
    if (scheme === 'upi') return label.startsWith('upi') ? `${label}${value}&pn=x` : `UPI: ${upper ? value.toUpperCase() : value}`;
    const national = value.startsWith('+66') ? `0${value.slice(3)}` : value;
    return `${label.startsWith('U') || label.startsWith('u') ? 'PromptPay ' : label}${national.replace(/(\d{3})(?=\d)/gu, '$1-')}`;
  });

describe('payment-alias: properties', () => {
  kindProperties('payment-alias', validAliases, pastedAliases);
});
