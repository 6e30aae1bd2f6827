/**
 * Test support for the kind tests (not used by the application): the properties every kind must
 * have, and generators of messy input that properties run against.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { asciiHost, registrableDomain } from './domain.js';
import { IndicatorParseError, type KindName, type ParseContext, type ParsedIndicator } from './kind.js';
import { canonicalFast, getKind, parseIndicator } from './registry.js';

// `FRAUDX_FC_RUNS=5000 npx vitest run src/modules/indicators/kinds` runs every property harder.
const runs = Number(process.env.FRAUDX_FC_RUNS);
if (runs > 0) fc.configureGlobal({ numRuns: runs });

/** What a test expects of one pasted value: its canonical form, or the code it is refused with. */
export type Row = [input: string, expected: string] | [input: string, expected: string, ctx: ParseContext];

/** Parses with the kind given, answering the canonical form or `!code`. */
export function outcome(kind: KindName, raw: string, ctx: ParseContext = {}): string {
  try {
    return parseIndicator(raw, { kind, country: ctx.country }).canonical;
  } catch (e) {
    if (e instanceof IndicatorParseError) return `!${e.code}`;
    throw e;
  }
}

/** Input that is hard on parsers: any Unicode, graphemes, and the characters identifiers use. */
export const messyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      ...'0123456789+-.()[]{}/:@ _#?=&%~'.split(''),
      ...'abcxyzTHGBhxp'.split(''),
      'hxxp',
      '[.]',
      '://',
      '0x',
      'tel:',
      'bc1',
      't.me/',
      '.co.th',
      '.com',
      '๘',
      '\u200b',
      'ไลน์',
      'พร้อมเพย์',
      'KBANK ',
      'constructor',
      '__proto__',
      'toString',
    ),
    maxLength: 30,
  }),
);

/** Changes a canonical value a little: case, one character, a separator. */
export function nearMisses(canonical: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(canonical, fc.nat(), fc.constantFrom('upper', 'lower', 'flip', 'drop', 'insert', 'replace'), fc.constantFrom('0', 'a', 'Z', '-', ' ', ':', '.', '1'))
    .map(([v, n, how, ch]) => {
      const i = v.length === 0 ? 0 : n % v.length;
      switch (how) {
        case 'upper':
          return v.toUpperCase();
        case 'lower':
          return v.toLowerCase();
        case 'flip': {
          const c = v.charAt(i);
          const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
          return v.slice(0, i) + flipped + v.slice(i + 1);
        }
        case 'drop':
          return v.slice(0, i) + v.slice(i + 1);
        case 'insert':
          return v.slice(0, i) + ch + v.slice(i);
        default:
          return v.slice(0, i) + ch + v.slice(i + 1);
      }
    });
}

function plain(p: ParsedIndicator): ParsedIndicator {
  return { kind: p.kind, canonical: p.canonical, display: p.display, facts: { ...p.facts } };
}

/**
 * The properties every kind has, run against its generator of canonical values (`canonicals`)
 * and of raw input that parses (`inputs`, optional, with the context it needs).
 */
export function kindProperties(
  name: KindName,
  canonicals: fc.Arbitrary<string>,
  inputs?: fc.Arbitrary<string>,
  ctx: ParseContext = {},
): void {
  const kind = getKind(name);
  if (!kind) throw new Error(`no kind ${name}`);

  it('property: a canonical value parses to itself and is recognised as canonical', () => {
    fc.assert(
      fc.property(canonicals, (v) => {
        expect(parseIndicator(v, { kind: name }).canonical).toBe(v);
        expect(kind.isCanonical(v)).toBe(true);
      }),
    );
  });

  if (inputs) {
    it('property: parsing is idempotent (the canonical form of a canonical form is itself)', () => {
      fc.assert(
        fc.property(inputs, (raw) => {
          const first = parseIndicator(raw, { kind: name, country: ctx.country });
          expect(parseIndicator(first.canonical, { kind: name }).canonical).toBe(first.canonical);
          expect(kind.isCanonical(first.canonical)).toBe(true);
        }),
      );
    });
  }

  it('property: the fast path equals the full parse, with and without the kind', () => {
    fc.assert(
      fc.property(canonicals, (v) => {
        const fast = canonicalFast(v, name);
        expect(fast).toBeDefined();
        expect(plain(fast as ParsedIndicator)).toEqual(plain(parseIndicator(v, { kind: name })));
        const untyped = canonicalFast(v);
        if (untyped) {
          const detected = parseIndicator(v);
          expect({ kind: untyped.kind, canonical: untyped.canonical }).toEqual({
            kind: detected.kind,
            canonical: detected.canonical,
          });
        }
      }),
    );
  });

  it('property: isCanonical never accepts a value whose full parse differs', () => {
    fc.assert(
      fc.property(fc.oneof(nearMisses(canonicals), messyText), (v) => {
        if (!kind.isCanonical(v)) return;
        expect(parseIndicator(v, { kind: name }).canonical).toBe(v);
      }),
    );
  });

  it('property: arbitrary input never throws anything but IndicatorParseError', () => {
    fc.assert(
      fc.property(fc.oneof(messyText, nearMisses(canonicals)), fc.constantFrom(undefined, 'TH', 'US', 'GB', 'IN'), (raw, country) => {
        for (const run of [() => kind.parse(raw, { country }), () => parseIndicator(raw, { kind: name, country })]) {
          try {
            const parsed = run();
            expect(parsed.kind).toBe(name);
          } catch (e) {
            expect(e).toBeInstanceOf(IndicatorParseError);
          }
        }
        expect(typeof kind.detect(raw, { country })).toBe('boolean');
      }),
    );
  });
}

/** Runs a table of input → canonical (or `!code`) rows. */
export function table(kind: KindName, rows: readonly Row[]): void {
  it.each(rows.map((r) => [r[0], r[1], r[2] ?? {}] as const))('%j → %s', (input, expected, ctx) => {
    expect(outcome(kind, input, ctx)).toBe(expected);
  });
}

/** Real public suffixes, ICANN and private, ASCII and IDN. */
export const SUFFIXES = ['com', 'net', 'org', 'co.th', 'in.th', 'go.th', 'ac.th', 'co.uk', 'de', 'io', 'xn--p1ai', 'xn--o3cw4h', 'blogspot.com', 'github.io', 'com.au', 'ไทย', 'рф'];
const hostLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,12}[a-z0-9])?$/u);
const unicodeLabel = fc.constantFrom('bücher', 'ธนาคาร', 'пример', 'münchen', 'café', '例え');

/** Hosts under real suffixes, some with subdomains, some IDN, as people type them. */
export const hosts: fc.Arbitrary<string> = fc
  .tuple(fc.array(hostLabel, { maxLength: 2 }), fc.oneof(hostLabel, unicodeLabel), fc.constantFrom(...SUFFIXES), fc.boolean())
  .map(([subs, name, suffix, upper]) => {
    const host = [...subs, name, suffix].join('.');
    return upper ? host.toUpperCase() : host;
  })
  // Random labels can make bad punycode (`xn--m38---g`) or a private suffix itself (`se.net`).
  .filter((h) => {
    const ascii = asciiHost(h);
    return ascii !== undefined && registrableDomain(ascii) !== undefined;
  });

