/**
 * Realistic benchmark data, deterministic from a seed: indicators of every kind in the shares
 * national lists show (phones and accounts first), popularity skewed so a few are checked very
 * often, and the same values as people paste them ("messy").
 */
import { base58 } from '@scure/base';
import type { CheckFacts } from '../src/modules/check/lookup-index.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (r: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
};
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const WORDS = ['secure', 'login', 'verify', 'bank', 'wallet', 'promo', 'gift', 'support', 'account', 'invest', 'crypto', 'parcel'];
const word = (r: () => number) => pick(r, WORDS) + Math.floor(r() * 100_000);

function ibanGB(r: () => number): string {
  const bban = `WEST${digits(r, 14)}`;
  const numeric = [...`${bban}GB00`].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
  let rem = 0;
  for (const c of numeric) rem = (rem * 10 + Number(c)) % 97;
  return `GB${String(98 - rem).padStart(2, '0')}${bban}`;
}

// Mobile number prefixes of the region, each with the digits that follow it in a valid number.
const MOBILES: readonly (readonly [prefix: string, digits: number])[] = [['+668', 8], ['+669', 8], ['+63917', 7], ['+6591', 6], ['+6281', 8]];
const mobile = (r: () => number) => {
  const [prefix, n] = pick(r, MOBILES);
  return prefix + digits(r, n);
};

type Maker = { kind: string; share: number; canonical: (r: () => number) => string; messy: (c: string, r: () => number) => string };

/** Each kind: its share of the list, a canonical value, and how people paste it. */
const MAKERS: Maker[] = [
  { kind: 'phone', share: 0.38, canonical: (r) => mobile(r), messy: (c) => (c.startsWith('+66') ? `0${c.slice(3, 5)}-${c.slice(5, 8)}-${c.slice(8)}` : `${c.slice(0, 3)} ${c.slice(3, 7)} ${c.slice(7)}`) },
  { kind: 'bank-account', share: 0.16, canonical: (r) => `TH:${pick(r, ['002', '004', '006', '014'])}:${digits(r, 10)}`, messy: (c) => c },
  { kind: 'url', share: 0.1, canonical: (r) => `https://${word(r)}.${word(r)}.com/${pick(r, WORDS)}`, messy: (c) => c.replace('https', 'hxxps').replaceAll('.', '[.]') },
  { kind: 'domain', share: 0.1, canonical: (r) => `${word(r)}.${pick(r, ['com', 'net', 'co.th', 'xyz'])}`, messy: (c) => c.toUpperCase() },
  { kind: 'crypto-wallet', share: 0.08, canonical: (r) => `sol:${base58.encode(Uint8Array.from({ length: 32 }, () => Math.floor(r() * 256)))}`, messy: (c) => `Solana wallet ${c}` },
  { kind: 'email', share: 0.07, canonical: (r) => `${word(r)}@${pick(r, ['gmail.com', 'outlook.com', 'proton.me'])}`, messy: (c) => ` ${c.toUpperCase()} ` },
  { kind: 'handle', share: 0.05, canonical: (r) => `telegram:${word(r)}_${digits(r, 3)}`, messy: (c) => `Telegram @${c.slice(9)}` },
  { kind: 'ip', share: 0.02, canonical: (r) => `${pick(r, [45, 103, 185, 203])}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`, messy: (c) => c.replaceAll('.', '[.]') },
  { kind: 'iban', share: 0.02, canonical: ibanGB, messy: (c) => c.replace(/(.{4})/gu, '$1 ').trim() },
  { kind: 'payment-alias', share: 0.02, canonical: (r) => `promptpay:+668${digits(r, 8)}`, messy: (c) => `PromptPay 08${c.slice(14, 15)}-${c.slice(15)}` },
];

export interface Item {
  kind: string;
  canonical: string;
  messy: string;
}

/** The i-th indicator of the list: the same for every seed run, so stores load identical data. */
function makeItem(r: () => number): Item {
  let u = r();
  const maker = MAKERS.find((m) => (u -= m.share) < 0) ?? MAKERS[0];
  const canonical = maker.canonical(r);
  return { kind: maker.kind, canonical, messy: maker.messy(canonical, r) };
}

export const KIND_COUNT = MAKERS.length;

/** Streams `n` indicators of the list. */
export function* indicators(n: number, seed = 1): Generator<Item> {
  const r = rng(seed);
  for (let i = 0; i < n; i++) yield makeItem(r);
}

const TYPOLOGIES = ['investment', 'romance', 'impersonation-bank', 'call-centre', 'job', 'shopping'];
const COUNTRIES = ['TH', 'KH', 'SG', 'PH', 'ID', 'MY', 'VN'];

/** Facts for an indicator as the network would hold them: most reported once, a few very often. */
export function factsOf(item: Item, r: () => number): CheckFacts {
  const reports = Math.max(1, Math.floor(1 / (r() + 0.02)) - 1);
  const countries = [...new Set([pick(r, COUNTRIES), ...(reports > 3 ? [pick(r, COUNTRIES)] : [])])].sort();
  const first = Date.UTC(2024, 0, 1) + Math.floor(r() * 500 * 86_400_000);
  return {
    kind: item.kind,
    canonical: item.canonical,
    status: r() < 0.97 ? 'active' : 'disputed',
    score: Math.min(100, 40 + reports * 5),
    reports,
    organisations: Math.max(1, Math.min(reports, 1 + Math.floor(r() * 4))),
    countries,
    typologies: [pick(r, TYPOLOGIES)],
    firstSeen: new Date(first).toISOString(),
    lastSeen: new Date(first + Math.floor(r() * 60 * 86_400_000)).toISOString(),
  };
}

/**
 * The checks a bank or telco sends: `hitShare` of them for listed values, chosen with skewed
 * popularity (a few listed values are asked about very often), the rest for values never listed.
 */
export function queries(listed: readonly Item[], count: number, hitShare = 0.2, seed = 7): Item[] {
  const r = rng(seed);
  const misses = indicators(count, seed + 1_000);
  const out: Item[] = [];
  for (let i = 0; i < count; i++) {
    const miss = misses.next().value as Item;
    out.push(r() < hitShare ? listed[Math.floor(listed.length * r() ** 3)] : miss);
  }
  return out;
}
