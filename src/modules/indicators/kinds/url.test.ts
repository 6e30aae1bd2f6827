import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIndicator } from './registry.js';
import { hosts, kindProperties, table } from './test-support.js';

describe('url: messy input as people paste it', () => {
  table('url', [
    ['https://evil.example.com/login', 'https://evil.example.com/login'],
    ['HTTPS://EVIL.Example.COM/Login', 'https://evil.example.com/Login'],
    ['hxxps://evil[.]example[.]com/login', 'https://evil.example.com/login'],
    ['hXXp://evil(.)example(.)com/a?b=c', 'http://evil.example.com/a?b=c'],
    ['hxxps[://]evil[.]com/x', 'https://evil.com/x'],
    ['hxxp[:]//evil[.]com', 'http://evil.com/'],
    ['evil.example.com/login', 'http://evil.example.com/login'],
    ['www.evil.com/login.php?id=1', 'http://www.evil.com/login.php?id=1'],
    ['evil.com?x=1', 'http://evil.com/?x=1'],
    ['evil.com', 'http://evil.com/'],
    ['//evil.com/x', 'http://evil.com/x'],
    ['https://evil.com:443/x', 'https://evil.com/x'],
    ['http://evil.com:80/x', 'http://evil.com/x'],
    ['http://evil.com:8080/x', 'http://evil.com:8080/x'],
    ['https://evil.com/x#fragment', 'https://evil.com/x'],
    ['https://evil.com/x?', 'https://evil.com/x'],
    ['https://evil.com/x?#', 'https://evil.com/x'],
    ['https://evil.com./x', 'https://evil.com/x'],
    ['https://evil.com/a/../b/./c', 'https://evil.com/b/c'],
    ['https://evil.com/ไทย', 'https://evil.com/%E0%B9%84%E0%B8%97%E0%B8%A2'],
    ['https://evil.com/a b', '!invalid-url'],
    ['https://bücher.de/login', 'https://xn--bcher-kva.de/login'],
    ['https://ธนาคาร.ไทย/', 'https://xn--42c3bd5b5db.xn--o3cw4h/'],
    ['https://paypal.com@evil.com/', 'https://paypal.com@evil.com/'],
    ['https://evil.com/path[.]with[.]brackets', 'https://evil.com/path[.]with[.]brackets'],
    ['<https://evil.com/x>', 'https://evil.com/x'],
    ['"https://evil.com/x"', 'https://evil.com/x'],
    ['\u200bhttps://evil.com/x\u200b', 'https://evil.com/x'],
    ['https://scam.blogspot.com/post', 'https://scam.blogspot.com/post'],
    ['http://1.2.3.4/login', 'http://1.2.3.4/login'],
    ['http://[2001:db8::1]:8080/x', 'http://[2001:db8::1]:8080/x'],
    ['https://t.me/scammer', 'https://t.me/scammer'],
    // Refused.
    ['ftp://evil.com/x', '!invalid-url'],
    ['fxp://evil[.]com/x', '!invalid-url'],
    ['javascript:alert(1)', '!invalid-url'],
    ['mailto:a@evil.com', '!invalid-url'],
    ['user@evil.com', '!invalid-url'],
    ['https://evil.local/x', '!invalid-url'],
    ['https://localhost/x', '!invalid-url'],
    ['1.2.3.4/login', '!invalid-url'],
    ['10.0.0.0/8', '!invalid-url'],
    ['https://', '!invalid-url'],
    ['http://evil..com/', '!invalid-url'],
    ['not a url', '!invalid-url'],
  ]);

  it('reports the host and its registrable domain', () => {
    expect(parseIndicator('hxxps://login[.]evil-bank[.]co[.]th/verify?session=1#top', { kind: 'url' })).toEqual({
      kind: 'url',
      canonical: 'https://login.evil-bank.co.th/verify?session=1',
      display: 'https://login.evil-bank.co.th/verify?session=1',
      facts: { host: 'login.evil-bank.co.th', domain: 'evil-bank.co.th' },
    });
    expect(parseIndicator('http://1.2.3.4/', { kind: 'url' }).facts).toEqual({ host: '1.2.3.4' });
  });
});

const segment = fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,12}$/u);
const query = fc.option(fc.stringMatching(/^[A-Za-z0-9=&%._~-]{0,20}$/u), { nil: undefined });

/** Links as pasted: either scheme, maybe defanged, ports, paths, queries and fragments. */
const links: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('http://', 'https://', 'hxxps://', 'HTTP://', ''),
    hosts,
    fc.constantFrom('', ':80', ':443', ':8080'),
    fc.array(segment, { minLength: 1, maxLength: 4 }),
    query,
    fc.option(fc.stringMatching(/^[a-z0-9]{0,8}$/u), { nil: undefined }),
    fc.boolean(),
  )
  .map(([scheme, host, port, path, q, fragment, defang]) => {
    const shownHost = defang ? host.replace(/\./gu, '[.]') : host;
    return `${scheme}${shownHost}${port}/${path.join('/')}${q === undefined ? '' : `?${q}`}${fragment === undefined ? '' : `#${fragment}`}`;
  });

const validUrls = links.map((l) => parseIndicator(l, { kind: 'url' }).canonical);

describe('url: properties', () => {
  kindProperties('url', validUrls, links);
});
