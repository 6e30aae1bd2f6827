import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeKey, hashKey, hashValueOf, maxKeyLength, sameAsciiKey, withKind } from './index-key.js';
import { type CheckFacts, CompactLookupIndex, formatIso } from './lookup-index.js';

function facts(kind: string, canonical: string, over: Partial<CheckFacts> & Record<string, unknown> = {}): CheckFacts {
  return {
    kind,
    canonical,
    status: 'active',
    score: 49,
    reports: 1,
    organisations: 1,
    countries: ['TH'],
    typologies: ['investment'],
    firstSeen: '2025-03-01T10:00:00.000Z',
    lastSeen: '2025-03-02T11:30:15.000Z',
    ...over,
  };
}

describe('the compact lookup index', () => {
  it('answers the facts it was given, by kind and canonical value', () => {
    const index = new CompactLookupIndex();
    const phone = facts('phone', '+66812345678', { countries: ['SG', 'TH'], typologies: ['investment', 'romance'], reports: 2, organisations: 2, score: 74 });
    index.put(phone);
    index.put(facts('bank-account', 'TH:004:1234567890'));
    expect(index.get('phone', '+66812345678')).toEqual(phone);
    expect(index.get('bank-account', '+66812345678')).toBeUndefined();
    expect(index.get('phone', '+66812345679')).toBeUndefined();
    expect(index.get('horoscope', '+66812345678')).toBeUndefined();
    expect(index.size).toBe(2);
  });

  it('replaces an entry in place, forgets a deleted one, and takes it back', () => {
    const index = new CompactLookupIndex();
    index.put(facts('domain', 'evil.example'));
    index.put(facts('domain', 'evil.example', { status: 'disputed', score: 20, reports: 3 }));
    expect(index.get('domain', 'evil.example')).toMatchObject({ status: 'disputed', score: 20, reports: 3 });
    expect(index.size).toBe(1);
    index.delete('domain', 'evil.example');
    index.delete('domain', 'evil.example');
    expect(index.get('domain', 'evil.example')).toBeUndefined();
    expect(index.size).toBe(0);
    index.put(facts('domain', 'evil.example'));
    expect(index.get('domain', 'evil.example')?.status).toBe('active');
    expect(index.size).toBe(1);
  });

  it('carries fields beyond the hot ones through unchanged, but not the event id', () => {
    const index = new CompactLookupIndex();
    const withExtras = { ...facts('email', 'a@evil.example'), visibleTo: ['org-1', 'org-2'], coercedOperator: true, id: 'ind-1' };
    index.put(withExtras);
    const { id: _id, ...expected } = withExtras;
    expect(index.get('email', 'a@evil.example')).toEqual(expected);
  });

  it('keeps counts past its narrow columns exactly', () => {
    const index = new CompactLookupIndex();
    index.put(facts('phone', '+14155550123', { reports: 1_000_000, organisations: 300 }));
    index.put(facts('phone', '+14155550124', { reports: 65_534, organisations: 254 }));
    expect(index.get('phone', '+14155550123')).toMatchObject({ reports: 1_000_000, organisations: 300 });
    expect(index.get('phone', '+14155550124')).toMatchObject({ reports: 65_534, organisations: 254 });
    index.put(facts('phone', '+14155550123', { reports: 2, organisations: 1 }));
    expect(index.get('phone', '+14155550123')).toMatchObject({ reports: 2, organisations: 1 });
  });

  it('keeps times to the second', () => {
    const index = new CompactLookupIndex();
    index.put(facts('ip', '192.0.2.1', { firstSeen: '2025-01-01T00:00:00.987Z' }));
    expect(index.get('ip', '192.0.2.1')?.firstSeen).toBe('2025-01-01T00:00:00.000Z');
  });

  it('never answers known for a different value whose hash collides', () => {
    // Every key hashes alike: only the byte comparison tells them apart.
    const index = new CompactLookupIndex(0, () => 12345);
    for (let i = 0; i < 300; i++) index.put(facts('phone', `+6681234${String(i).padStart(4, '0')}`, { score: i % 100 }));
    expect(index.get('phone', '+66812349999')).toBeUndefined();
    expect(index.get('phone', '+668123400')).toBeUndefined();
    for (let i = 0; i < 300; i += 37) expect(index.get('phone', `+6681234${String(i).padStart(4, '0')}`)?.score).toBe(i % 100);
  });

  it('probes round the end of its table into the start, tags alike or not', () => {
    // Every key's probe starts in the last sixteenth of the table, or at its last slot with one tag
    // for all: the keys pile up there and run on past the end, from every slot before it.
    const atTheEnd = [(b: Uint8Array, s: number, e: number) => (0xf0000000 | hashKey(b, s, e)) >>> 0, () => 0xffffffff];
    for (const hash of atTheEnd) {
      const index = new CompactLookupIndex(0, hash);
      // Past the first table (1,024 slots) and its growth, so probes wrap in tables of several sizes.
      for (let i = 0; i < 1500; i++) index.put(facts('phone', `+66${i}`, { score: i % 100 }));
      for (let i = 0; i < 1500; i += 3) index.delete('phone', `+66${i}`);
      for (let i = 0; i < 1500; i++) expect(index.get('phone', `+66${i}`)?.score).toBe(i % 3 ? i % 100 : undefined);
      expect(index.get('phone', '+661500')).toBeUndefined();
      expect(index.size).toBe(1000);
    }
  });

  it('looks many keys up at once as it does one at a time, across passes and tag collisions', () => {
    for (const hash of [undefined, () => 12345]) {
      const index = new CompactLookupIndex(0, hash);
      const count = hash ? 400 : 20_000;
      for (let i = 0; i < count; i++) index.put(facts(i % 3 ? 'phone' : 'url', `+66${i * 7}`));
      for (let i = 0; i < count; i += 5) index.delete('phone', `+66${i * 7}`);
      // Half held, half not (absent keys probe past slots whose tag matches theirs by chance).
      const kinds = Array.from({ length: count * 2 }, (_, i) => (i % 3 ? 'phone' : i % 7 ? 'url' : 'email'));
      const values = kinds.map((_, i) => (i % 11 ? `+66${i * 7}` : `+66${i * 7}é`));
      const rows = new Int32Array(kinds.length);
      index.lookupRows(kinds, values, kinds.length, rows);
      const one = kinds.map((k, i) => index.lookupRow(k, values[i]));
      expect([...rows]).toEqual(one);
      expect(one.filter((r) => r >= 0).length).toBeGreaterThan(count / 3);
    }
  });

  it('tells every kind apart, however many share a length and end characters', () => {
    const index = new CompactLookupIndex();
    // Many names alike at both ends, and the empty name: the fast kind table leaves them to its map.
    const kinds = ['', ...Array.from({ length: 255 }, (_, i) => `k${String(i).padStart(3, '0')}x`)];
    kinds.forEach((kind, i) => index.put(facts(kind, `v${i}`, { score: i % 100 })));
    kinds.forEach((kind, i) => {
      expect(index.get(kind, `v${i}`)?.score).toBe(i % 100);
      expect(index.get(kind, `v${i + 1}`)).toBeUndefined();
    });
    const rows = new Int32Array(kinds.length);
    index.lookupRows(kinds, kinds.map((_, i) => `v${i}`), kinds.length, rows);
    expect([...rows].every((row) => row >= 0)).toBe(true);
    expect(index.get('k000y', 'v1')).toBeUndefined();
  });

  it('behaves like a map under any sequence of puts and deletes, through growth', () => {
    const keys = fc.tuple(fc.constantFrom('phone', 'url', 'handle'), fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[0-9+:]{0,14}$/u), fc.string({ unit: 'grapheme', maxLength: 6 })));
    const op = fc.tuple(fc.constantFrom('put', 'put', 'delete'), keys, fc.nat(100));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 1500 }), (ops) => {
        const index = new CompactLookupIndex();
        const model = new Map<string, number>();
        for (const [what, [kind, canonical], score] of ops) {
          const key = `${kind} ${canonical}`;
          if (what === 'put') {
            index.put(facts(kind, canonical, { score }));
            model.set(key, score);
          } else {
            index.delete(kind, canonical);
            model.delete(key);
          }
        }
        expect(index.size).toBe(model.size);
        for (const [, [kind, canonical]] of ops) {
          expect(index.get(kind, canonical)?.score).toBe(model.get(`${kind} ${canonical}`));
          const row = index.lookupRow(kind, canonical);
          expect(row >= 0).toBe(model.has(`${kind} ${canonical}`));
          if (row >= 0) expect(index.factsAt(row, kind, canonical)).toEqual(index.get(kind, canonical));
          // Without a kind: the one kind that holds the value, or nothing when none or several do.
          const holders = ['phone', 'url', 'handle'].filter((k) => model.has(`${k} ${canonical}`));
          const unique = index.lookupUnique(canonical);
          expect(unique >= 0 ? index.kindAt(unique) : undefined).toBe(holders.length === 1 ? holders[0] : undefined);
        }
        // Many at once (and a kind the index has never seen) answer as one at a time.
        const asked = [...ops.map(([, key]) => key), ['nope', '+1'] as const];
        const rows = new Int32Array(asked.length);
        index.lookupRows(asked.map(([k]) => k), asked.map(([, c]) => c), asked.length, rows);
        expect([...rows]).toEqual(asked.map(([k, c]) => index.lookupRow(k, c)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the index without a kind', () => {
  it('finds the one kind that holds a value, also in an index rebuilt from its columns', () => {
    const kinds = Array.from({ length: 40 }, (_, i) => `kind-${i}`);
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^[0-9+:]{0,10}$/u), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), value), { maxLength: 300 }), fc.array(value, { maxLength: 50 }), (keys, others) => {
        const index = new CompactLookupIndex();
        for (const [kind, canonical] of keys) index.put(facts(kind, canonical));
        const rebuilt = CompactLookupIndex.fromColumns(index.columns());
        for (const canonical of [...keys.map(([, c]) => c), ...others]) {
          const holders = new Set(keys.filter(([, c]) => c === canonical).map(([k]) => k));
          const expected = holders.size === 1 ? [...holders][0] : undefined;
          for (const ix of [index, rebuilt]) {
            const row = ix.lookupUnique(canonical);
            expect(row >= 0 ? ix.kindAt(row) : undefined).toBe(expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('times as the index answers them', () => {
  it('formats epoch seconds exactly as Date#toISOString', () => {
    const check = (s: number) => {
      expect(formatIso(s)).toBe(new Date(s * 1000).toISOString());
    };
    for (const s of [0, 59, 60, 3599, 3600, 86_399, 86_400, 951_782_400, 4_107_542_400, 2 ** 32 - 1]) check(s);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (s) => {
        check(s);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('index keys', () => {
  const keyOf = (s: string) => {
    const out = new Uint8Array(maxKeyLength(s));
    return Buffer.from(out.subarray(0, encodeKey(3, s, out))).toString('hex');
  };

  it('packs digit pairs into one byte', () => {
    expect(keyOf('+66812345678')).toBe('032bc2d197adc338');
  });

  it('gives distinct values distinct keys', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 10 }), fc.string({ unit: 'grapheme-composite', maxLength: 10 }), (a, b) => {
        expect(keyOf(a) === keyOf(b)).toBe(a === b);
      }),
      { numRuns: 2000 },
    );
    expect(keyOf('12')).not.toBe(keyOf('\u0092'));
  });

  it('hashes a value from its string as from its key bytes', () => {
    const digitsAndMore = fc.string({ unit: fc.constantFrom(...'0123456789+:.-_@/abcXYZ'), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(digitsAndMore, fc.string({ maxLength: 40 })), fc.integer({ min: 0, max: 255 }), (value, kind) => {
        const out = new Uint8Array(maxKeyLength(value));
        const n = encodeKey(kind, value, out);
        const fromString = hashValueOf(value);
        // Non-ASCII values are hashed from their bytes only.
        if ([...value].every((c) => c.charCodeAt(0) < 0x80)) expect(withKind(fromString, kind)).toBe(hashKey(out, 0, n));
        else expect(fromString).toBe(-1);
      }),
      { numRuns: 20_000 },
    );
  });

  it('compares a stored key with an ASCII value as encoding the value would', () => {
    const stored = (kind: number, value: string) => {
      const out = new Uint8Array(maxKeyLength(value));
      return out.subarray(0, encodeKey(kind, value, out));
    };
    const ascii = fc.string({ unit: fc.constantFrom(...'0123456789+<7:.a'), maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ maxLength: 12 })), ascii, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (a, b, kindA, kindB) => {
        const key = stored(kindA, a);
        expect(sameAsciiKey(key, 0, key.length, kindB, b)).toBe(a === b && kindA === kindB);
        const same = stored(kindA, b);
        expect(sameAsciiKey(same, 0, same.length, kindA, b)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    // The raw marker and what follows it read as digit pairs would spell "<76741".
    const raw = stored(1, '\u00e9');
    expect(sameAsciiKey(raw, 0, raw.length, 1, '<76741')).toBe(false);
  });
});
