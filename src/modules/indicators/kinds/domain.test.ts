import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIndicator } from './registry.js';
import { hosts, kindProperties, table } from './test-support.js';

describe('domain: messy input as people paste it', () => {
  table('domain', [
    ['example.com', 'example.com'],
    ['EXAMPLE.COM', 'example.com'],
    ['www.example.com', 'example.com'],
    ['example.com.', 'example.com'],
    ['login.evil-bank.co.th', 'evil-bank.co.th'],
    ['a.b.c.evil-bank.co.th', 'evil-bank.co.th'],
    ['evil-bank.in.th', 'evil-bank.in.th'],
    ['foo.blogspot.com', 'foo.blogspot.com'],
    ['a.foo.blogspot.com', 'foo.blogspot.com'],
    ['scam.github.io', 'scam.github.io'],
    ['evil.co.uk', 'evil.co.uk'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['BÜCHER.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['ธนาคาร.ไทย', 'xn--42c3bd5b5db.xn--o3cw4h'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com'],
    ['evil[.]example[.]com', 'example.com'],
    ['evil(.)co(.)th', 'evil.co.th'],
    ['evil[dot]com', 'evil.com'],
    ['https://login.evil.com/path?q=1', 'evil.com'],
    ['hxxps://login[.]evil[.]com/path', 'evil.com'],
    ['evil.com:8080', 'evil.com'],
    ['evil.com/login', 'evil.com'],
    ['\u200bevil.com\u200b', 'evil.com'],
    // Refused.
    ['co.th', '!invalid-domain'],
    ['blogspot.com', '!invalid-domain'],
    ['com', '!invalid-domain'],
    ['evil.local', '!invalid-domain'],
    ['evil.invalidtld', '!invalid-domain'],
    ['localhost', '!invalid-domain'],
    ['1.2.3.4', '!invalid-domain'],
    ['http://1.2.3.4/x', '!invalid-domain'],
    ['[::1]', '!invalid-domain'],
    ['user@evil.com', '!invalid-domain'],
    ['evil .com', '!invalid-domain'],
    ['-evil.com', '!invalid-domain'],
    ['evil-.com', '!invalid-domain'],
    ['ev!l.com', '!invalid-domain'],
    ['xn--zz.com', '!invalid-domain'],
    [`${'a'.repeat(64)}.com`, '!invalid-domain'],
  ]);

  it('keeps the whole host as a fact and shows IDNs in both forms', () => {
    expect(parseIndicator('Login.Bücher.de', { kind: 'domain' })).toEqual({
      kind: 'domain',
      canonical: 'xn--bcher-kva.de',
      display: 'bücher.de (xn--bcher-kva.de)',
      facts: { host: 'login.xn--bcher-kva.de' },
    });
  });
});

const validDomains: fc.Arbitrary<string> = hosts.map((h) => parseIndicator(h, { kind: 'domain' }).canonical);

describe('domain: properties', () => {
  kindProperties('domain', validDomains, hosts);
});
