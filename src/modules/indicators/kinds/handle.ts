/**
 * Accounts on messaging and social platforms, canonical as `platform:handle`. A handle means
 * nothing without its platform, so a bare `@name` is refused rather than guessed.
 *
 * Handles are lower-cased where the platform treats them case-insensitively (Telegram, LINE,
 * Facebook, Instagram, TikTok, X). WeChat IDs keep their case: merging two accounts that differ
 * only in case would link innocent people, which is worse than a missed match. WhatsApp accounts
 * are phone numbers and take the phone kind's E.164 form.
 */
import type { IndicatorKind, ParseContext, ParsedIndicator } from './kind.js';
import { parsePhoneNumber, phone } from './phone.js';
import type { ValidPhoneNumber } from './phone-fast.js';
import { fail, lookup, quote } from './support.js';
import { cleanText, refang } from './text.js';

export const PLATFORMS = ['telegram', 'line', 'whatsapp', 'facebook', 'instagram', 'tiktok', 'wechat', 'x'] as const;
export type Platform = (typeof PLATFORMS)[number];

interface Rule {
  title: string;
  /** Handle syntax after normalisation; `@` is part of LINE official-account IDs only. */
  pattern: RegExp;
  lowerCase: boolean;
  /** Whether the display shows the handle with a leading `@`, as the platform itself does. */
  at: boolean;
}

const RULES: Record<Exclude<Platform, 'whatsapp'>, Rule> = {
  // 5–32 of a-z, 0-9, _; starts with a letter, does not end with _.
  telegram: { title: 'Telegram', pattern: /^[a-z][a-z0-9_]{3,30}[a-z0-9]$/u, lowerCase: true, at: true },
  // Personal LINE IDs: 4–20 of a-z, 0-9, . - _; official accounts: @ and 3–20 such characters.
  line: { title: 'LINE', pattern: /^(?:[a-z0-9._-]{4,20}|@[a-z0-9._-]{3,20})$/u, lowerCase: true, at: false },
  // Usernames: 5–50 of a-z, 0-9 and dots; numeric profile ids (profile.php?id=…) fit too.
  facebook: { title: 'Facebook', pattern: /^[a-z0-9.]{5,50}$/u, lowerCase: true, at: false },
  // Up to 30 of a-z, 0-9, . _; no leading, trailing or double dot.
  instagram: { title: 'Instagram', pattern: /^(?!\.)(?!.*\.\.)(?!.*\.$)[a-z0-9._]{1,30}$/u, lowerCase: true, at: true },
  // 2–24 of a-z, 0-9, . _; not ending in a dot.
  tiktok: { title: 'TikTok', pattern: /^(?!.*\.$)[a-z0-9._]{2,24}$/u, lowerCase: true, at: true },
  // WeChat IDs: a letter then 5–19 letters, digits, _ or -; or internal wxid_ ids.
  wechat: { title: 'WeChat', pattern: /^(?:[a-zA-Z][a-zA-Z0-9_-]{5,19}|wxid_[a-zA-Z0-9_-]{4,40})$/u, lowerCase: false, at: false },
  // 1–15 of a-z, 0-9, _.
  x: { title: 'X', pattern: /^[a-z0-9_]{1,15}$/u, lowerCase: true, at: true },
};

/** The names people write before a handle: `Telegram @x`, `LINE ID: abc`, `tg: @x`, `ig @x`. */
const ALIASES: Record<string, Platform> = {
  telegram: 'telegram',
  tg: 'telegram',
  tele: 'telegram',
  เทเลแกรม: 'telegram',
  line: 'line',
  lineid: 'line',
  ไลน์: 'line',
  ไลน์ไอดี: 'line',
  ไอดีไลน์: 'line',
  whatsapp: 'whatsapp',
  'whats app': 'whatsapp',
  wa: 'whatsapp',
  facebook: 'facebook',
  fb: 'facebook',
  เฟซบุ๊ก: 'facebook',
  เฟสบุ๊ค: 'facebook',
  instagram: 'instagram',
  insta: 'instagram',
  ig: 'instagram',
  ไอจี: 'instagram',
  tiktok: 'tiktok',
  'tik tok': 'tiktok',
  ติ๊กต็อก: 'tiktok',
  wechat: 'wechat',
  weixin: 'wechat',
  wx: 'wechat',
  微信: 'wechat',
  x: 'x',
  twitter: 'x',
};

const ALIAS_PATTERN = Object.keys(ALIASES)
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(/ /gu, '\\s*'))
  .join('|');
/** An alias, an optional "ID", then a colon or a space (required, so `line@x.com` is no handle). */
const LABELLED = new RegExp(`^(${ALIAS_PATTERN})(?:\\s*id)?(?:\\s*[:：]\\s*|\\s+)(.+)$`, 'iu');

/** Web hosts of each platform, with the `www.`/`m.`/`mobile.`/`web.` prefixes removed. */
const HOSTS: Record<string, Platform> = {
  't.me': 'telegram',
  'telegram.me': 'telegram',
  'telegram.dog': 'telegram',
  'line.me': 'line',
  'wa.me': 'whatsapp',
  'whatsapp.com': 'whatsapp',
  'api.whatsapp.com': 'whatsapp',
  'facebook.com': 'facebook',
  'fb.com': 'facebook',
  'fb.me': 'facebook',
  'instagram.com': 'instagram',
  'instagr.am': 'instagram',
  'tiktok.com': 'tiktok',
  'x.com': 'x',
  'twitter.com': 'x',
};

/** App links: `tg://resolve?domain=x`, `line://ti/p/@id`, `weixin://…`, `whatsapp://send?phone=`. */
const APP_SCHEMES: Record<string, Platform> = {
  tg: 'telegram',
  line: 'line',
  weixin: 'wechat',
  wechat: 'wechat',
  whatsapp: 'whatsapp',
};

/** First path segments that are site pages, not accounts. */
export const RESERVED_PATHS: Partial<Record<Platform, ReadonlySet<string>>> = {
  telegram: new Set(['joinchat', 'addstickers', 'addemoji', 'addlist', 'addtheme', 'share', 'proxy', 'socks', 'setlanguage', 'login', 'invoice', 'boost', 'contact', 'iv', 'bg', 'c', 'm']),
  facebook: new Set(['profile.php', 'people', 'pages', 'groups', 'events', 'watch', 'marketplace', 'share', 'sharer', 'sharer.php', 'photo.php', 'story.php', 'permalink.php', 'login', 'hashtag', 'gaming', 'help', 'policies', 'privacy', 'reel', 'stories', 'messages', 'notifications', 'settings', 'home.php', 'search']),
  instagram: new Set(['p', 'reel', 'reels', 'tv', 'explore', 'accounts', 'direct', 'about', 'developer', 'legal', 'stories']),
  x: new Set(['home', 'explore', 'search', 'i', 'intent', 'share', 'settings', 'messages', 'notifications', 'hashtag', 'tos', 'privacy', 'login', 'signup', 'compose', 'about', 'download', 'jobs']),
};

interface Found {
  platform: Platform;
  handle: string;
}

function notAProfile(raw: string, platform: Platform): never {
  const title = platform === 'whatsapp' ? 'WhatsApp' : RULES[platform].title;
  return fail('handle', 'invalid-handle', `${quote(raw)} is a ${title} link but not to an account (invite links, posts and short links are stored as URLs)`);
}

function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** The account a platform web link points to. */
function fromWebLink(platform: Platform, url: URL, subdomain: string, raw: string): Found {
  const parts = segmentsOf(url.pathname);
  const first = parts[0] ?? '';
  const reserved = RESERVED_PATHS[platform];
  let handle: string | undefined;
  switch (platform) {
    case 'telegram':
      // `name.t.me`, `t.me/name`, `t.me/s/name` (channel preview), `t.me/name/123` (a post).
      handle = subdomain !== '' ? subdomain : first === 's' ? parts[1] : first;
      break;
    case 'line':
      // `line.me/ti/p/~id` (personal), `line.me/R/ti/p/@id` (official); other `ti/p/…` are QR tokens.
      handle = /^(?:R\/)?ti\/p\/([~@].+)$/iu.exec(parts.join('/'))?.[1]?.replace(/^~/u, '');
      break;
    case 'whatsapp':
      handle = url.hostname === 'wa.me' ? first : (url.searchParams.get('phone') ?? undefined);
      if (handle !== undefined && /^\d+$/u.test(handle)) handle = `+${handle}`;
      break;
    case 'facebook':
      if (first === 'profile.php') handle = url.searchParams.get('id') ?? undefined;
      else if (first === 'people') handle = parts[2];
      else handle = first;
      break;
    case 'tiktok':
      handle = first.startsWith('@') ? first.slice(1) : undefined;
      break;
    case 'instagram':
      handle = first === 'stories' ? parts[1] : first;
      break;
    default:
      handle = first;
  }
  if (handle === undefined || handle === '' || (reserved?.has(first.toLowerCase()) === true && handle === first)) {
    notAProfile(raw, platform);
  }
  return { platform, handle };
}

/** The account an app link points to. */
function fromAppLink(platform: Platform, url: URL, raw: string): Found {
  const path = `${url.host}${url.pathname}`;
  let handle: string | undefined;
  if (platform === 'telegram') handle = url.searchParams.get('domain') ?? undefined;
  else if (platform === 'line') handle = /^ti\/p\/([~@].+)$/iu.exec(path)?.[1]?.replace(/^~/u, '');
  else if (platform === 'whatsapp') handle = url.searchParams.get('phone') ?? undefined;
  else handle = segmentsOf(path).at(-1) ?? url.search.slice(1);
  if (platform === 'wechat' && url.search.length > 1 && !url.search.includes('=')) handle = url.search.slice(1);
  if (platform === 'whatsapp' && handle !== undefined && /^\d+$/u.test(handle)) handle = `+${handle}`;
  if (handle === undefined || handle === '') notAProfile(raw, platform);
  return { platform, handle };
}

/** A platform link, web or app; undefined when `text` is no link of a known platform. */
function fromLink(text: string, raw: string): Found | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//iu.exec(text)?.[1]?.toLowerCase();
  const appPlatform = scheme === undefined ? undefined : lookup(APP_SCHEMES, scheme);
  let url: URL;
  try {
    if (appPlatform !== undefined) return fromAppLink(appPlatform, new URL(text), raw);
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return undefined;
    if (scheme === undefined && !/^[a-z0-9.-]+\.[a-z]{2,}(?:[/?]|$)/iu.test(text)) return undefined;
    url = new URL(scheme === undefined ? `https://${text}` : text);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^(?:www|m|mobile|web|mbasic|touch)\./u, '');
  const direct = lookup(HOSTS, host);
  if (direct !== undefined) return fromWebLink(direct, url, '', raw);
  // Telegram also serves channels at `name.t.me`.
  const sub = /^([a-z0-9_]+)\.t\.me$/u.exec(host);
  return sub ? fromWebLink('telegram', url, sub[1] ?? '', raw) : undefined;
}

/** Validates and normalises a handle on its platform; throws `invalid-handle`. */
function normalise(platform: Platform, given: string, ctx: ParseContext, raw: string): ParsedIndicator {
  if (platform === 'whatsapp') {
    let number: ValidPhoneNumber;
    try {
      number = parsePhoneNumber(given, ctx);
    } catch (e) {
      const why = e instanceof Error ? e.message : 'not a valid phone number';
      return fail('handle', 'invalid-phone', `WhatsApp accounts are phone numbers: ${why}`);
    }
    return {
      kind: 'handle',
      canonical: `whatsapp:${number.number}`,
      display: `WhatsApp ${number.formatInternational()}`,
      facts: { platform },
    };
  }
  const rule = RULES[platform];
  let handle = given.trim();
  // `@` is how people write handles; it is part of the ID only for LINE official accounts.
  if (platform !== 'line') handle = handle.replace(/^@/u, '');
  if (rule.lowerCase) handle = handle.toLowerCase();
  if (!rule.pattern.test(handle)) {
    fail('handle', 'invalid-handle', `${quote(raw)} is not a valid ${rule.title} handle`);
  }
  return {
    kind: 'handle',
    canonical: `${platform}:${handle}`,
    display: `${rule.title} ${rule.at ? '@' : ''}${handle}`,
    facts: { platform },
  };
}

function parseHandle(raw: string, ctx: ParseContext): ParsedIndicator {
  const text = refang(cleanText(raw));
  const linked = fromLink(text, raw);
  if (linked) return normalise(linked.platform, linked.handle, ctx, raw);
  const labelled = LABELLED.exec(text);
  if (labelled) {
    const platform = lookup(ALIASES, (labelled[1] ?? '').toLowerCase().replace(/\s+/gu, ' '));
    const rest = (labelled[2] ?? '').trim();
    if (platform !== undefined) {
      const inner = fromLink(rest, raw);
      if (inner && inner.platform !== platform) {
        fail('handle', 'invalid-handle', `${quote(raw)} names ${platform} but links to ${inner.platform}`);
      }
      return normalise(platform, inner?.handle ?? rest, ctx, raw);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\/|^[^\s@/]+\.[a-z]{2,}\//iu.test(text)) {
    fail('handle', 'invalid-handle', `${quote(raw)} is not a link to an account on a known platform (${PLATFORMS.join(', ')})`);
  }
  return fail('handle', 'handle-platform-required', `${quote(raw)} does not say which platform it is on; write it as platform:handle (${PLATFORMS.join(', ')})`);
}

/** `Telegram @x`, `tg: @x`, `whatsapp:+66…`, `line://…`: claimed in the explicit stage. */
export function namesPlatform(raw: string): boolean {
  const text = refang(cleanText(raw));
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//iu.exec(text)?.[1]?.toLowerCase();
  return (scheme !== undefined && lookup(APP_SCHEMES, scheme) !== undefined) || (scheme === undefined && LABELLED.test(text));
}

/** A web link to a platform (`https://t.me/x`, `instagram.com/x/`): claimed before URLs. */
export function isPlatformLink(raw: string): boolean {
  const text = refang(cleanText(raw));
  try {
    return fromLink(text, raw) !== undefined;
  } catch {
    // A platform link that is not a profile (an invite, a post): it is a URL, not a handle.
    return false;
  }
}

export const handle: IndicatorKind = {
  name: 'handle',
  description:
    'An account on a messaging or social platform, stored as platform:handle (telegram, line, whatsapp, facebook, instagram, tiktok, wechat, x).',
  detect(raw) {
    return namesPlatform(raw) || isPlatformLink(raw);
  },
  parse: parseHandle,
  isCanonical(value) {
    const colon = value.indexOf(':');
    const platform = value.slice(0, colon) as Platform;
    const rest = value.slice(colon + 1);
    if (colon < 0 || !(PLATFORMS as readonly string[]).includes(platform)) return false;
    if (platform === 'whatsapp') return phone.isCanonical(rest);
    const rule = RULES[platform];
    return rule.pattern.test(rest) && (!rule.lowerCase || rest === rest.toLowerCase());
  },
};
