/**
 * Web links (http and https only), canonical as the WHATWG URL serialisation (`url.href`) with the
 * host lower case and in punycode, default ports, the fragment and an empty `?` dropped. The query
 * stays: phishing kits often route victims by it.
 */
import { isIP } from 'node:net';
import type { IndicatorKind, ParsedIndicator } from './kind.js';
import { registrableDomain } from './domain.js';
import { facts, fail, quote } from './support.js';
import { cleanText, refang } from './text.js';

/** A scheme and its `//`, also defanged (`hxxps[://]`, `hxxp[:]//`). */
const SCHEME_HEAD = /^([a-z][a-z0-9+.-]*)(?:\[\s*:\/\/\s*\]|\[\s*:\s*\]\/\/|:\/\/)/iu;
/** A host under some suffix, then a port, path or query: `evil.example.com/login`. */
const HOST_AND_PATH = /^[^\s/?#@:[\]]+\.[^\s/?#@:.[\]]+\.?(?::\d{1,5})?[/?]/u;

/**
 * Restores a defanged scheme and host but leaves the path and query alone: a canonical URL may
 * legitimately contain `[.]` in its path, and parsing a canonical URL must give it back unchanged.
 */
function refangHead(s: string): string {
  const scheme = SCHEME_HEAD.exec(s);
  const headLength = scheme ? scheme[0].length : 0;
  const restStart = s.slice(headLength);
  const authorityEnd = restStart.search(/[/?#\\]/u);
  const authority = authorityEnd < 0 ? restStart : restStart.slice(0, authorityEnd);
  const rest = authorityEnd < 0 ? '' : restStart.slice(authorityEnd);
  const head = scheme ? `${refang(`${scheme[1] ?? ''}:`).replace(/:$/u, '')}://` : '';
  return `${head}${refang(authority)}${rest}`;
}

/** Trims the wrapping people and mail clients put around links: `<…>`, quotes. */
function unwrap(s: string): string {
  const m = /^(?:<(.*)>|"(.*)"|'(.*)')$/su.exec(s);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : s;
}

function parseUrl(raw: string): ParsedIndicator {
  const text = refangHead(unwrap(cleanText(raw)).trim());
  if (text === '' || /\s/u.test(text)) fail('url', 'invalid-url', `${quote(raw)} is not a URL`);
  const scheme = SCHEME_HEAD.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    fail('url', 'invalid-url', `${quote(raw)} is not a web link; only http and https URLs are accepted`);
  }
  // A missing scheme is http's: that is what a browser does with `evil.example.com/login`.
  const explicit = scheme !== undefined || text.startsWith('//');
  if (!explicit && /^[^/?#]*@/u.test(text)) fail('url', 'invalid-url', `${quote(raw)} is not a URL`);
  let url: URL;
  try {
    url = new URL(explicit ? text : `http://${text}`, 'http://invalid');
  } catch {
    return fail('url', 'invalid-url', `${quote(raw)} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail('url', 'invalid-url', `${quote(raw)} is not a web link; only http and https URLs are accepted`);
  }
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  const host = url.hostname;
  const ip = isIP(host.replace(/^\[|\]$/gu, '')) !== 0;
  const domain = ip ? undefined : registrableDomain(host);
  // An IP host is fine when the link says http(s)://; without a scheme `10.0.0.0/8` is a range.
  if (ip ? !explicit : domain === undefined) {
    fail('url', 'invalid-url', `${quote(raw)} has no host under a known public suffix`);
  }
  // Each setter serialises the URL again: only when there is a fragment, or a `?` with no query.
  // (`#` and `?` appear in a serialised URL only as those delimiters.)
  if (url.href.includes('#')) url.hash = '';
  if (url.search === '' && url.href.includes('?')) url.search = '';
  return { kind: 'url', canonical: url.href, display: url.href, facts: facts({ host, domain }) };
}

/** Whether `raw` looks like a link: a scheme (maybe defanged) or a host followed by a path. */
export function looksLikeUrl(raw: string): boolean {
  const text = refangHead(unwrap(cleanText(raw)));
  return SCHEME_HEAD.test(text) || HOST_AND_PATH.test(text);
}

export const url: IndicatorKind = {
  name: 'url',
  description:
    'A web link (http or https), stored as its WHATWG serialisation: host lower case and punycode, no default port, no fragment.',
  detect: looksLikeUrl,
  parse: parseUrl,
  isCanonical(value) {
    if (!/^https?:\/\/[^\s#]+$/u.test(value)) return false;
    try {
      return parseUrl(value).canonical === value;
    } catch {
      return false;
    }
  },
};
