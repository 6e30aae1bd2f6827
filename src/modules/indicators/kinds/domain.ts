/**
 * Domains, canonical as the registrable domain (`login.evil-bank.co.th` → `evil-bank.co.th`) in
 * lower-case ASCII (IDNs in punycode). The Public Suffix List (through tldts) decides where the
 * registrable part starts; private suffixes count, so each `*.blogspot.com` blog and each
 * `*.github.io` site stays its own domain: they belong to different people.
 */
import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse as parseHost } from 'tldts';
import type { IndicatorKind, ParsedIndicator } from './kind.js';
import { fail, quote } from './support.js';
import { cleanText, refang } from './text.js';

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/u;

/** Lower-case ASCII host (punycode for IDNs, no trailing dot), or undefined when it is not one. */
export function asciiHost(host: string): string | undefined {
  const ascii = domainToASCII(host.toLowerCase().replace(/\.$/u, ''));
  if (ascii === '' || ascii.length > 253) return undefined;
  return ascii.split('.').every((label) => LABEL.test(label)) ? ascii : undefined;
}

/**
 * The registrable domain of an ASCII host under a known public suffix (ICANN or private), or
 * undefined: for IP addresses, bare suffixes (`co.th`) and made-up suffixes (`evil.local`).
 */
export function registrableDomain(host: string): string | undefined {
  if (isIP(host) !== 0) return undefined;
  const info = parseHost(host, { allowPrivateDomains: true });
  if (info.isIp === true || !(info.isIcann === true || info.isPrivate === true)) return undefined;
  return info.domain ?? undefined;
}

/** The host of what was pasted: a bare host, a host with a port, or a whole URL. */
function hostOf(text: string): string | undefined {
  if (!/[/:?#]/u.test(text)) return text;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//iu.test(text) ? text : `http://${text}`).hostname;
  } catch {
    return undefined;
  }
}

function parseDomain(raw: string): ParsedIndicator {
  const text = refang(cleanText(raw));
  if (text.includes('@')) fail('domain', 'invalid-domain', `${quote(raw)} looks like an email address, not a domain`);
  if (/\s/u.test(text)) fail('domain', 'invalid-domain', `${quote(raw)} is not a domain`);
  const given = hostOf(text);
  const host = given === undefined ? undefined : asciiHost(given);
  if (host === undefined) return fail('domain', 'invalid-domain', `${quote(raw)} is not a domain`);
  if (isIP(host) !== 0 || isIP(host.replace(/^\[|\]$/gu, '')) !== 0) {
    fail('domain', 'invalid-domain', `${quote(raw)} is an IP address; IP addresses are not domains`);
  }
  const domain = registrableDomain(host);
  if (domain === undefined) {
    return fail('domain', 'invalid-domain', `${quote(raw)} has no registrable domain under a known public suffix`);
  }
  const unicode = domainToUnicode(domain);
  return {
    kind: 'domain',
    canonical: domain,
    // The ASCII form stays visible: a look-alike IDN must never hide behind its Unicode form.
    display: unicode === domain ? domain : `${unicode} (${domain})`,
    facts: { host },
  };
}

export const domain: IndicatorKind = {
  name: 'domain',
  description:
    'A registered domain name, stored as its registrable domain under the Public Suffix List, lower case, IDNs in punycode.',
  detect(raw) {
    const text = refang(cleanText(raw));
    return /^[^\s@/:]+\.[^\s@/:.]+\.?$/u.test(text);
  },
  parse: parseDomain,
  isCanonical(value) {
    return /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/u.test(value) && asciiHost(value) === value && registrableDomain(value) === value;
  },
};
