/**
 * Email addresses, canonical in lower case with the domain in punycode. The local part must be an
 * RFC 5322 dot-atom (quoted local parts and comments are not worth their risk here) and the
 * domain must sit under a known public suffix.
 */
import type { IndicatorKind, ParsedIndicator } from './kind.js';
import { asciiHost, registrableDomain } from './domain.js';
import { fail, quote } from './support.js';
import { cleanText, refang } from './text.js';

/** RFC 5322 `atext`, joined by single dots. */
const DOT_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/u;

/** `mailto:a@b?subject=…`, `Name <a@b>`, `E-mail: a[at]b(.)com` → `a@b.com`. */
function addressText(raw: string): string {
  let s = refang(cleanText(raw), { braces: false });
  const angle = /<([^<>]*)>$/u.exec(s);
  if (angle) s = angle[1] ?? '';
  s = s.replace(/^(?:e-?mail|mail)\s*[:#]?\s+|^(?:e-?mail|mail)\s*:/iu, '');
  if (/^mailto:/iu.test(s)) {
    // The query (`?subject=…`) starts at the first `?` after the @: a domain never holds one.
    s = s.slice('mailto:'.length);
    const query = s.indexOf('?', s.indexOf('@'));
    if (query >= 0) s = s.slice(0, query);
  }
  return s.trim();
}

function parseEmail(raw: string): ParsedIndicator {
  const text = addressText(raw);
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at).toLowerCase();
  if (at < 1 || local.length > 64 || !DOT_ATOM.test(local)) {
    fail('email', 'invalid-email', `${quote(raw)} is not an email address`);
  }
  const host = asciiHost(refang(text.slice(at + 1)));
  if (host === undefined || registrableDomain(host) === undefined) {
    return fail('email', 'invalid-email', `${quote(raw)} does not have a domain under a known public suffix`);
  }
  const canonical = `${local}@${host}`;
  return { kind: 'email', canonical, display: canonical, facts: { domain: host } };
}

export const email: IndicatorKind = {
  name: 'email',
  description:
    'An email address, stored in lower case with its domain in punycode; the domain must be under a known public suffix.',
  detect(raw) {
    const s = refang(cleanText(raw), { braces: false });
    return /^mailto:/iu.test(s) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(addressText(raw));
  },
  parse: parseEmail,
  isCanonical(value) {
    if (!/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9_.-]+$/u.test(value)) return false;
    try {
      return parseEmail(value).canonical === value;
    } catch {
      return false;
    }
  },
};
