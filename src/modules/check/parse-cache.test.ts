import { describe, expect, it } from 'vitest';
import { tryParseValue } from '../indicators/parse.js';
import { ParseCache } from './parse-cache.js';

describe('the parse cache of the check', () => {
  it('answers what the parsers answer, for each kind and country given', () => {
    const cache = new ParseCache(100);
    const inputs: [string, string | undefined, string | undefined][] = [
      ['081-234-5678', undefined, 'TH'],
      ['081-234-5678', undefined, 'KH'],
      ['081-234-5678', 'phone', 'TH'],
      ['081-234-5678', 'domain', 'TH'],
      ['hxxps://evil[.]example/login', undefined, undefined],
      ['not an identifier', undefined, undefined],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [value, kind, country] of inputs) {
        const expected = tryParseValue(value, kind, country);
        const outcome = cache.parse(value, kind, country);
        if ('error' in expected) expect(outcome).toEqual(expected);
        else expect(outcome).toEqual({ kind: expected.parsed.kind, canonical: expected.parsed.canonical });
      }
    }
    expect(cache.size).toBe(inputs.length);
  });

  it('holds at most its capacity, dropping the oldest first', () => {
    const cache = new ParseCache(3);
    const held = () => {
      const groups = (cache as unknown as { groups: Map<string, Map<string, Map<string, unknown>>> }).groups;
      return [...groups.values()].flatMap((byCountry) => [...byCountry.values()].flatMap((g) => [...g.keys()])).sort();
    };
    // Values are kept from their second sighting on.
    const twice = (value: string, kind: string | undefined, country: string | undefined) => [cache.parse(value, kind, country), cache.parse(value, kind, country)];
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) twice(ip, 'ip', undefined);
    cache.parse('192.0.2.2', 'ip', undefined); // a hit adds nothing
    expect(held()).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3']);
    twice('192.0.2.4', 'ip', undefined); // drops .1, the oldest
    twice('192.0.2.5', undefined, 'TH'); // drops .2, across groups
    expect(cache.size).toBe(3);
    expect(held()).toEqual(['192.0.2.3', '192.0.2.4', '192.0.2.5']);
    expect(cache.parse('192.0.2.1', 'ip', undefined)).toEqual({ kind: 'ip', canonical: '192.0.2.1' });
    expect(cache.size).toBe(3);
  });

  it('keeps a value from its second sighting on, so values sent once do not push popular ones out', () => {
    const cache = new ParseCache(3);
    expect(cache.parse('+66812345678', 'phone', undefined)).toEqual({ kind: 'phone', canonical: '+66812345678' });
    expect(cache.size).toBe(0);
    cache.parse('+66812345678', 'phone', undefined);
    expect(cache.size).toBe(1);
    for (let i = 0; i < 1000; i++) expect(cache.parse(`192.0.${i >> 8}.${i & 255}`, 'ip', undefined)).toEqual({ kind: 'ip', canonical: `192.0.${i >> 8}.${i & 255}` });
    expect(cache.size).toBe(1);
    const groups = (cache as unknown as { groups: Map<string, Map<string, Map<string, unknown>>> }).groups;
    expect(groups.get('phone')?.get('')?.has('+66812345678')).toBe(true);
  });

  it('keeps every value of a working set seen twice, whatever their hashes', () => {
    // Values of one kind and group, each sighted twice in the same order: a doorkeeper of one
    // hash a slot let colliding values evict each other's first sighting, round after round.
    const cache = new ParseCache(60_000);
    const values = Array.from({ length: 50_000 }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    for (let round = 0; round < 2; round++) for (const v of values) cache.parse(v, 'ip', undefined);
    expect(cache.size).toBe(values.length);
  });
});
