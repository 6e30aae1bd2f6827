/**
 * IP addresses. IPv4 as a dotted quad without leading zeros; IPv6 in RFC 5952 form (lower case,
 * the longest run of zero groups compressed), IPv4-mapped addresses as `::ffff:1.2.3.4`.
 */
import { isIP } from 'node:net';
import type { IndicatorKind, ParsedIndicator } from './kind.js';
import { fail, quote } from './support.js';
import { cleanText, refang } from './text.js';

const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/u;

/** `1[.]2[.]3[.]4`, `[2001:db8::1]`, `1.2.3.4:443`, `[2001:db8::1]:443` → the bare address. */
function addressText(raw: string): string {
  const s = refang(cleanText(raw));
  const bracketed = /^\[([^\]]*)\](?::\d{1,5})?$/u.exec(s);
  if (bracketed) return bracketed[1] ?? '';
  const v4WithPort = /^([\d.]+):\d{1,5}$/u.exec(s);
  return v4WithPort ? (v4WithPort[1] ?? '') : s;
}

/**
 * RFC 5952 text of an IPv6 address. The WHATWG host serialiser already compresses the longest
 * zero run and lower-cases; it writes IPv4-mapped addresses in hex, which RFC 5952 §5 does not.
 */
function ipv6Canonical(address: string): string | undefined {
  let hex: string;
  try {
    hex = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/u.exec(hex);
  if (!mapped) return hex;
  const high = Number.parseInt(mapped[1] ?? '0', 16);
  const low = Number.parseInt(mapped[2] ?? '0', 16);
  return `::ffff:${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

function parseIp(raw: string): ParsedIndicator {
  const text = addressText(raw);
  if (text.includes('%')) {
    fail('ip', 'invalid-ip', `${quote(raw)} has a zone id; zone ids only mean something on one machine`);
  }
  if (text.includes('/')) fail('ip', 'invalid-ip', `${quote(raw)} is a network range, not one address`);
  // Leading zeros read as octal in some tools and as decimal in others: refuse to guess.
  if (/^\d+(?:\.\d+){3}$/u.test(text) && !IPV4.test(text)) {
    fail('ip', 'invalid-ip', `${quote(raw)} has leading zeros, which make it ambiguous`);
  }
  const version = isIP(text);
  if (version === 4) return { kind: 'ip', canonical: text, display: text, facts: { version: '4' } };
  const canonical = version === 6 ? ipv6Canonical(text) : undefined;
  if (canonical !== undefined) return { kind: 'ip', canonical, display: canonical, facts: { version: '6' } };
  return fail('ip', 'invalid-ip', `${quote(raw)} is not an IP address`);
}

export const ip: IndicatorKind = {
  name: 'ip',
  description: 'An IPv4 or IPv6 address; IPv4 as a dotted quad, IPv6 in RFC 5952 compressed lower-case form.',
  detect(raw) {
    return /^[\d.]+$|:.*:/u.test(addressText(raw));
  },
  parse: parseIp,
  isCanonical(value) {
    // Both canonical forms are written with these characters only; isIP costs more than this test.
    if (!/^[0-9a-f:.]+$/u.test(value)) return false;
    const version = isIP(value);
    if (version === 4) return IPV4.test(value);
    if (version !== 6 || !/^[0-9a-f:.]+$/u.test(value)) return false;
    return ipv6Canonical(value) === value;
  },
};
