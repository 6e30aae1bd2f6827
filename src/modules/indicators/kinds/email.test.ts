import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIndicator } from './registry.js';
import { hosts, kindProperties, table } from './test-support.js';

describe('email: messy input as people paste it', () => {
  table('email', [
    ['john.doe@example.com', 'john.doe@example.com'],
    ['John.Doe@Example.COM', 'john.doe@example.com'],
    ['mailto:john@example.com', 'john@example.com'],
    ['MAILTO:john@example.com?subject=Refund&body=x', 'john@example.com'],
    ['John Doe <john@example.com>', 'john@example.com'],
    ['<john@example.com>', 'john@example.com'],
    ['Email: john@example.com', 'john@example.com'],
    ['e-mail john@example.com', 'john@example.com'],
    ['john[at]example[.]com', 'john@example.com'],
    ['john[@]example[dot]com', 'john@example.com'],
    ['john(at)example(dot)co(dot)th', 'john@example.co.th'],
    ['refund+case_1@support.evil-bank.co.th', 'refund+case_1@support.evil-bank.co.th'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['user@ธนาคาร.ไทย', 'user@xn--42c3bd5b5db.xn--o3cw4h'],
    ['ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'john@example.com'],
    ['scammer@foo.blogspot.com', 'scammer@foo.blogspot.com'],
    ['\u200bjohn@example.com ', 'john@example.com'],
    // Refused.
    ['john@', '!invalid-email'],
    ['@example.com', '!invalid-email'],
    ['john', '!invalid-email'],
    ['john@localhost', '!invalid-email'],
    ['john@example', '!invalid-email'],
    ['john@example.local', '!invalid-email'],
    ['name@okaxis', '!invalid-email'],
    ['john..doe@example.com', '!invalid-email'],
    ['.john@example.com', '!invalid-email'],
    ['john.@example.com', '!invalid-email'],
    ['john doe@example.com', '!invalid-email'],
    ['"john doe"@example.com', '!invalid-email'],
    ['jöhn@example.com', '!invalid-email'],
    ['john@1.2.3.4', '!invalid-email'],
    ['john@[1.2.3.4]', '!invalid-email'],
    [`${'a'.repeat(65)}@example.com`, '!invalid-email'],
  ]);

  it('reports the domain', () => {
    expect(parseIndicator('Scammer@Login.Evil.COM', { kind: 'email' })).toEqual({
      kind: 'email',
      canonical: 'scammer@login.evil.com',
      display: 'scammer@login.evil.com',
      facts: { domain: 'login.evil.com' },
    });
  });
});

const atom = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}$/u);
const local = fc.array(atom, { minLength: 1, maxLength: 3 }).map((atoms) => atoms.join('.')).filter((l) => l.length <= 64);

/** Addresses as pasted: any case, maybe mailto:, maybe defanged. */
const addresses: fc.Arbitrary<string> = fc
  .tuple(local, hosts, fc.constantFrom('', 'mailto:', 'defang'))
  .map(([l, h, form]) => (form === 'defang' ? `${l}[at]${h.replace(/\./gu, '[.]')}` : `${form}${l}@${h}`));

const validEmails = addresses.map((a) => parseIndicator(a, { kind: 'email' }).canonical);

describe('email: properties', () => {
  kindProperties('email', validEmails, addresses);
});
