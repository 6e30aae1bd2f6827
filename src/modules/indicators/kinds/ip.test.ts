import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIndicator } from './registry.js';
import { kindProperties, table } from './test-support.js';

describe('ip: messy input as people paste it', () => {
  table('ip', [
    ['1.2.3.4', '1.2.3.4'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['1[.]2[.]3[.]4', '1.2.3.4'],
    ['203(.)0(.)113(.)7', '203.0.113.7'],
    ['１.２.３.４', '1.2.3.4'],
    ['๑.๒.๓.๔', '1.2.3.4'],
    ['1.2.3.4:443', '1.2.3.4'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:8443', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1', '::1'],
    ['fe80::1', 'fe80::1'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::FFFF:0102:0304', '::ffff:1.2.3.4'],
    ['0:0:0:0:0:ffff:c000:0280', '::ffff:192.0.2.128'],
    // Refused.
    ['010.1.1.1', '!invalid-ip'],
    ['10.001.1.1', '!invalid-ip'],
    ['256.1.1.1', '!invalid-ip'],
    ['1.2.3', '!invalid-ip'],
    ['1.2.3.4.5', '!invalid-ip'],
    ['1.2.3.0/24', '!invalid-ip'],
    ['2001:db8::/32', '!invalid-ip'],
    ['fe80::1%eth0', '!invalid-ip'],
    ['2001:db8::g', '!invalid-ip'],
    ['1:2:3:4:5:6:7:8:9', '!invalid-ip'],
    ['example.com', '!invalid-ip'],
    ['0x7f.0.0.1', '!invalid-ip'],
    ['2130706433', '!invalid-ip'],
  ]);

  it('reports the version', () => {
    expect(parseIndicator('[2001:DB8::1]', { kind: 'ip' })).toEqual({
      kind: 'ip',
      canonical: '2001:db8::1',
      display: '2001:db8::1',
      facts: { version: '6' },
    });
    expect(parseIndicator('1.2.3.4', { kind: 'ip' }).facts).toEqual({ version: '4' });
  });
});

/** IPv6 groups with many zeros, so compression has runs to choose between. */
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const uncompressedV6 = fc.array(group, { minLength: 8, maxLength: 8 }).map((gs) => gs.map((g) => g.toString(16).toUpperCase().padStart(4, '0')).join(':'));
const mappedV6 = fc.ipV4().map((v4) => `0:0:0:0:0:FFFF:${v4}`);
const addresses = fc.oneof(fc.ipV4(), fc.ipV6(), uncompressedV6, mappedV6);
const validIps = addresses.map((a) => parseIndicator(a, { kind: 'ip' }).canonical);

describe('ip: properties', () => {
  kindProperties('ip', validIps, addresses);

  it('property: IPv6 canonical form has no leading zeros, no upper case, at most one ::', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV6(), uncompressedV6), (a) => {
        const c = parseIndicator(a, { kind: 'ip' }).canonical;
        expect(c).toBe(c.toLowerCase());
        expect(c.split('::').length).toBeLessThanOrEqual(2);
        expect(/(^|:)0[0-9a-f]/u.test(c)).toBe(false);
      }),
    );
  });
});
