import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndicatorParseError, KIND_NAMES, type ParseContext } from './kind.js';
import {
  DETECTION_ORDER,
  KINDS,
  MAX_INPUT_LENGTH,
  canonicalFast,
  detectEveryStage,
  detectKind,
  getKind,
  isKindName,
  parseIndicator,
} from './registry.js';
import { messyText, nearMisses } from './test-support.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof IndicatorParseError ? e.code : `not an IndicatorParseError: ${String(e)}`;
  }
}

describe('registry: the kinds', () => {
  it('registers every kind once, in the order of KIND_NAMES', () => {
    expect(KINDS.map((k) => k.name)).toEqual([...KIND_NAMES]);
    for (const k of KINDS) {
      expect(getKind(k.name)).toBe(k);
      expect(k.description.length).toBeGreaterThan(20);
    }
    expect(getKind('nope')).toBeUndefined();
    expect(getKind('__proto__')).toBeUndefined();
  });

  it('tells kind names from other strings', () => {
    expect(isKindName('phone')).toBe(true);
    expect(isKindName('Phone')).toBe(false);
    expect(isKindName('toString')).toBe(false);
    expect(isKindName(undefined)).toBe(false);
  });

  it('documents the detection order', () => {
    expect(DETECTION_ORDER[0]).toEqual({ kind: 'phone', rule: 'tel: or callto: link' });
    expect(DETECTION_ORDER.at(-1)?.kind).toBe('bank-account');
    expect(new Set(DETECTION_ORDER.map((s) => s.kind))).toEqual(new Set(KIND_NAMES));
  });
});

describe('registry: detection precedence', () => {
  const rows: [string, string | undefined, ParseContext?][] = [
    // 1. explicit prefixes
    ['tel:+66812345678', 'phone'],
    ['PromptPay 0812345678', 'payment-alias'],
    ['upi://pay?pa=a.b@okaxis', 'payment-alias'],
    ['Telegram @scammer', 'handle'],
    ['whatsapp:+66812345678', 'handle'],
    ['bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'crypto-wallet'],
    ['USDT TRC20 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'crypto-wallet'],
    ['sol:So11111111111111111111111111111111111111112', 'crypto-wallet'],
    // 2. platform links before URLs
    ['https://t.me/scammer', 'handle'],
    ['wa.me/66812345678', 'handle'],
    ['https://t.me/+AbCdEf', 'url'],
    // 3-4. email, then URLs (scheme, defanged scheme, host and path)
    ['scammer@evil.co.th', 'email'],
    ['scammer[at]evil[.]co[.]th', 'email'],
    ['mailto:scammer@evil.co.th', 'email'],
    ['https://evil.example.com', 'url'],
    ['hxxps://evil[.]example[.]com/login', 'url'],
    ['evil.example.com/login', 'url'],
    ['http://1.2.3.4/x', 'url'],
    // 5-6. IBAN and wallets by checksum
    ['GB82 WEST 1234 5698 7654 32', 'iban'],
    ['GB82 WEST 1234 5698 7654 33', undefined],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'crypto-wallet'],
    ['0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045', 'crypto-wallet'],
    // 7. IP
    ['1.2.3.4', 'ip'],
    ['1[.]2[.]3[.]4', 'ip'],
    ['2001:db8::1', 'ip'],
    ['1.2.3.0/24', undefined],
    // 8. UPI by shape
    ['scammer@okaxis', 'payment-alias'],
    // 9. phone
    ['+66 81 234 5678', 'phone'],
    ['0812345678', 'phone', { country: 'TH' }],
    ['081-234-5678', 'phone', { country: 'TH' }],
    ['๐๘๑๒๓๔๕๖๗๘', 'phone', { country: 'TH' }],
    ['0812345678', undefined],
    ['1234567890123', undefined, { country: 'TH' }],
    // 10. domain
    ['evil-bank.co.th', 'domain'],
    ['login.evil-bank.co.th', 'domain'],
    ['evil[.]com', 'domain'],
    ['bücher.de', 'domain'],
    ['evil.local', undefined],
    // 11. bank account
    ['KBANK 123-4-56789-0', 'bank-account'],
    ['TH:004:1234567890', 'bank-account'],
    ['GB:200000:12345678', 'bank-account'],
    // nothing
    ['@scammer', undefined],
    ['hello world', undefined],
    ['just some words about a scam', undefined],
    ['', undefined],
  ];
  it.each(rows)('%j → %s', (raw, kind, ctx) => {
    expect(detectKind(raw, ctx)).toBe(kind);
  });
});

describe('registry: parseIndicator errors', () => {
  it('refuses empty, too long, unknown kinds, bad countries and what it cannot detect', () => {
    expect(code(() => parseIndicator(''))).toBe('empty');
    expect(code(() => parseIndicator('  \t\n\u200b\ufeff '))).toBe('empty');
    expect(code(() => parseIndicator('', { kind: 'phone' }))).toBe('empty');
    expect(code(() => parseIndicator('1'.repeat(MAX_INPUT_LENGTH + 1)))).toBe('too-long');
    expect(code(() => parseIndicator(`https://evil.com/${'a'.repeat(MAX_INPUT_LENGTH)}`, { kind: 'url' }))).toBe('too-long');
    expect(code(() => parseIndicator('0812345678', { kind: 'telephone' }))).toBe('unknown-kind');
    expect(code(() => parseIndicator('0812345678', { kind: '' }))).toBe('unknown-kind');
    expect(code(() => parseIndicator('0812345678', { country: 'XX' }))).toBe('invalid-country');
    expect(parseIndicator('+66812345678', { country: ' ' }).canonical).toBe('+66812345678');
    expect(code(() => parseIndicator('hello world'))).toBe('undetectable');
    expect(() => parseIndicator('hello world')).toThrow('could not tell what kind of identifier "hello world" is; give its kind');
    expect(code(() => parseIndicator('0812345678', { kind: 'phone' }))).toBe('invalid-phone');
  });

  it('is not fooled by Object.prototype names in the input', () => {
    const inputs = ['constructor:abc', '__proto__ 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'https://constructor/x', 'https://__proto__/x', 'constructor://x', 'toString @abcdef', 'hasOwnProperty:x'];
    for (const raw of inputs) {
      for (const kind of [undefined, ...KIND_NAMES]) {
        const result = code(() => parseIndicator(raw, { kind }));
        expect(result?.startsWith('not an') ?? false).toBe(false);
        expect(result).not.toBe('invalid-value');
      }
      for (const k of KINDS) {
        try {
          k.parse(raw, {});
        } catch (e) {
          expect(e).toBeInstanceOf(IndicatorParseError);
        }
      }
    }
  });

  it('carries the kind on kind errors', () => {
    try {
      parseIndicator('nonsense', { kind: 'iban' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IndicatorParseError);
      expect((e as IndicatorParseError).kind).toBe('iban');
    }
  });

  it('property: never throws anything but IndicatorParseError, with or without a kind', () => {
    fc.assert(
      fc.property(messyText, fc.constantFrom(undefined, ...KIND_NAMES, 'nope'), fc.constantFrom(undefined, 'TH', 'us', 'IN'), (raw, kind, country) => {
        const result = code(() => parseIndicator(raw, { kind, country }));
        expect(result?.startsWith('not an') ?? false).toBe(false);
        expect(() => detectKind(raw, { country: country?.toUpperCase() })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('property: what is detected parses as that kind, the same as when the kind is given', () => {
    fc.assert(
      fc.property(messyText, fc.constantFrom(undefined, 'TH'), (raw, country) => {
        const kind = detectKind(raw, { country });
        if (kind === undefined) {
          expect(code(() => parseIndicator(raw, { country }))).toMatch(/^(?:undetectable|empty|too-long)$/u);
          return;
        }
        const detected = parseIndicator(raw, { country });
        expect(detected.kind).toBe(kind);
        expect(parseIndicator(raw, { kind, country })).toEqual(detected);
      }),
      { numRuns: 500 },
    );
  });
});

/** Values of every kind as people paste them, for the detection shortcuts to be tried on. */
const pasted = fc.oneof(
  messyText,
  nearMisses(
    fc.constantFrom(
      '081-234-5678',
      '+62 8156 080136',
      '+65 9794 83586',
      '(+66) 081-234-5678',
      'tel:+66812345678',
      'PromptPay 081-234-5678',
      'Telegram @scam_support',
      't.me/scam_support',
      'Solana wallet sol:5kZmEiiGRBHThSyXrdKdh8ANnwZQaw2qWySGQkameD8A',
      '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045',
      ' SUPPORT1@GMAIL.COM ',
      'user[at]example(dot)com',
      'hxxps://login[.]evil-bank[.]com/verify',
      'evil-bank.co.th/login',
      'GB82 WEST 1234 5698 7654 32',
      '103[.]67[.]8[.]186',
      '2001:db8::1',
      'name@okaxis',
      'EVIL-BANK.CO.TH',
      'TH:004:1234567890',
      'KBANK 123-4-56789-0',
      '1234567890123456789012345',
    ),
  ),
);

describe('registry: detection shortcuts', () => {
  it('property: skipping the stages a value cannot fit, and claiming phones whole, detect what every stage would', () => {
    fc.assert(
      fc.property(pasted, fc.constantFrom(undefined, 'TH', 'US', 'IN'), (raw, country) => {
        const ctx: ParseContext = country === undefined ? {} : { country };
        const reference = detectEveryStage(raw, ctx);
        let detected;
        try {
          detected = parseIndicator(raw, { country });
        } catch (e) {
          expect(e).toBeInstanceOf(IndicatorParseError);
          expect(reference === undefined || raw.length > MAX_INPUT_LENGTH || raw.trim() === '').toBe(true);
          return;
        }
        expect(reference).toBeDefined();
        const plain = (p: { kind: string; canonical: string; display: string; facts: Record<string, string> }) => ({ ...p, facts: { ...p.facts } });
        expect(plain(detected)).toEqual(plain(reference as NonNullable<typeof reference>));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('registry: canonicalFast', () => {
  it('answers for canonical values of the kind, and only those', () => {
    expect(canonicalFast('+66812345678', 'phone')?.canonical).toBe('+66812345678');
    expect(canonicalFast('0812345678', 'phone')).toBeUndefined();
    expect(canonicalFast('+66 81 234 5678', 'phone')).toBeUndefined();
    expect(canonicalFast('+6681234567', 'phone')).toBeUndefined();
    expect(canonicalFast('evm:0xd8da6bf26964af9d7eed9e03e53415d37aa96045', 'crypto-wallet')).toBeUndefined();
    expect(canonicalFast('https://evil.com/x', 'url')?.canonical).toBe('https://evil.com/x');
    expect(canonicalFast('https://EVIL.com/x', 'url')).toBeUndefined();
    expect(canonicalFast('+66812345678', 'nope')).toBeUndefined();
    expect(canonicalFast('x'.repeat(MAX_INPUT_LENGTH + 1), 'domain')).toBeUndefined();
  });

  it('without a kind, answers only when the kind is certain', () => {
    expect(canonicalFast('+66812345678')?.kind).toBe('phone');
    expect(canonicalFast('btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')?.kind).toBe('crypto-wallet');
    expect(canonicalFast('telegram:scammer')?.kind).toBe('handle');
    expect(canonicalFast('promptpay:+66812345678')?.kind).toBe('payment-alias');
    expect(canonicalFast('TH:004:1234567890')?.kind).toBe('bank-account');
    expect(canonicalFast('GB82WEST12345698765432')?.kind).toBe('iban');
    expect(canonicalFast('2001:db8::1')?.kind).toBe('ip');
    expect(canonicalFast('a@example.com')?.kind).toBe('email');
    // A canonical URL may be a platform link, which detects as a handle: no fast answer.
    expect(canonicalFast('https://t.me/scammer')).toBeUndefined();
    expect(canonicalFast('example.com')).toBeUndefined();
  });

  it('computes display and facts on first read, equal to the full parse', () => {
    const fast = canonicalFast('+66812345678', 'phone');
    expect(fast).toBeDefined();
    const descriptor = Object.getOwnPropertyDescriptor(fast, 'facts');
    expect(typeof descriptor?.get).toBe('function');
    expect({ ...fast }).toEqual(parseIndicator('+66812345678', { kind: 'phone' }));
    expect(JSON.parse(JSON.stringify(fast))).toEqual({
      kind: 'phone',
      canonical: '+66812345678',
      display: '+66 81 234 5678',
      facts: { country: 'TH', type: 'MOBILE' },
    });
  });
});
