import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listBody } from './json-body.js';

const asText = (body: Buffer | string) => (typeof body === 'string' ? body : body.toString('utf8'));

describe('listBody', () => {
  it('writes exactly the bytes of JSON.stringify, whatever the list', () => {
    const result = fc.record(
      {
        value: fc.string({ unit: 'binary' }),
        kind: fc.option(fc.constantFrom('phone', 'url', 'ทดสอบ'), { nil: undefined }),
        known: fc.boolean(),
        score: fc.option(fc.integer(), { nil: undefined }),
        countries: fc.option(fc.array(fc.string({ unit: 'grapheme' })), { nil: undefined }),
      },
      { requiredKeys: ['value'] },
    );
    fc.assert(
      // Lengths around each slice boundary (256 results a slice).
      fc.property(
        fc.constantFrom(0, 1, 255, 256, 257, 511, 512, 513, 1000, 1200).chain((n) => fc.array(result, { minLength: n, maxLength: n })),
        fc.constantFrom('results', 'ключ', 'a"b'),
        (list, key) => {
          const body = listBody(key, list);
          expect(asText(body)).toBe(JSON.stringify({ [key]: list }));
          if (typeof body !== 'string') expect(body.length).toBe(Buffer.byteLength(JSON.stringify({ [key]: list })));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers a long list as one buffer, a short one as a string', () => {
    const long = Array.from({ length: 1000 }, (_, i) => ({ value: `+668123${i}`, known: i % 3 === 0 }));
    expect(Buffer.isBuffer(listBody('results', long))).toBe(true);
    expect(typeof listBody('results', long.slice(0, 10))).toBe('string');
    expect(asText(listBody('results', []))).toBe('{"results":[]}');
  });
});
