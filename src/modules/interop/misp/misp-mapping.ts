import type { KindName } from '../../indicators/kinds/kind.js';
import type { Typology } from '../../typologies/typologies.js';
import { isTlp, type Tlp } from '../stix/stix-markings.js';

/** MISP attribute types (category "Financial fraud", network, e-mail, …) and the fraudx kind each is. */
export const ATTRIBUTE_KINDS: Readonly<Record<string, KindName>> = {
  'phone-number': 'phone',
  prtn: 'phone',
  iban: 'iban',
  'bank-account-nr': 'bank-account',
  btc: 'crypto-wallet',
  xmr: 'crypto-wallet',
  dash: 'crypto-wallet',
  url: 'url',
  link: 'url',
  uri: 'url',
  domain: 'domain',
  hostname: 'domain',
  email: 'email',
  'email-src': 'email',
  'email-reply-to': 'email',
  'whois-registrant-email': 'email',
  'ip-src': 'ip',
  'ip-dst': 'ip',
  'github-username': 'handle',
  'twitter-id': 'handle',
};

/** The attribute of a fraudx kind when exported (the first MISP type named for it above). */
export const KIND_ATTRIBUTE: Readonly<Record<KindName, { type: string; category: string }>> = {
  phone: { type: 'phone-number', category: 'Financial fraud' },
  iban: { type: 'iban', category: 'Financial fraud' },
  'bank-account': { type: 'bank-account-nr', category: 'Financial fraud' },
  'crypto-wallet': { type: 'btc', category: 'Financial fraud' },
  url: { type: 'url', category: 'Network activity' },
  domain: { type: 'domain', category: 'Network activity' },
  email: { type: 'email-src', category: 'Payload delivery' },
  ip: { type: 'ip-dst', category: 'Network activity' },
  handle: { type: 'text', category: 'Social network' },
  'payment-alias': { type: 'text', category: 'Financial fraud' },
};

/**
 * Inside MISP objects only the relations that name the scammer's identifier are read (from the
 * templates in misp-objects): a `url` object's `domain` or `ip` describe the link, they are not
 * separate findings, and a `person` object is personal data that stays out.
 */
export const OBJECT_RELATIONS: Readonly<Record<string, Readonly<Record<string, KindName | ((v: string) => string)>>>> = {
  'phone-number': { 'phone-number': 'phone' },
  'bank-account': { iban: 'iban', account: 'bank-account' },
  'btc-wallet': { 'wallet-address': 'crypto-wallet' },
  'coin-address': { address: 'crypto-wallet', 'address-xmr': 'crypto-wallet', 'address-crypto': 'crypto-wallet' },
  'cryptocurrency-transaction': { address: 'crypto-wallet' },
  url: { url: 'url' },
  email: { from: 'email', 'reply-to': 'email', 'return-path': 'email' },
  'instant-message': { 'from-number': 'phone' },
  'telegram-account': { username: (v) => `telegram:${v.replace(/^@/, '')}`, phone: 'phone' },
  'facebook-account': { link: 'url', url: 'url' },
  impersonation: { 'account-url': 'url' },
};

/** The kind a MISP `text` attribute carries when fraudx exported it: from its `fraudx:kind` tag. */
export const KIND_TAG = 'fraudx:kind';

export function machineTag(namespace: string, value: string): string {
  return `${namespace}="${value.replace(/"/g, "'")}"`;
}

/** Reads `namespace:predicate="value"` (or `namespace:value`) machine tags. */
export function parseTag(name: string): { namespace: string; value: string } | undefined {
  const quoted = /^([^=]+)="(.*)"$/.exec(name);
  if (quoted) return { namespace: quoted[1], value: quoted[2] };
  const colon = name.indexOf(':');
  return colon > 0 ? { namespace: name.slice(0, colon), value: name.slice(colon + 1) } : undefined;
}

/** TLP from MISP's `tlp:` taxonomy (v10 is TLP 2.0; `white` is TLP 1.0's `clear`). */
export function tlpOfTags(tags: readonly string[]): Tlp | undefined {
  for (const tag of tags) {
    const m = /^tlp:(.+)$/i.exec(tag.trim());
    const level = m?.[1].toLowerCase() === 'white' ? 'clear' : m?.[1].toLowerCase();
    if (level && isTlp(level)) return level;
  }
  return undefined;
}

/** Scam typologies named by taxonomies partners already tag with. */
const TAXONOMY_TYPOLOGIES: Readonly<Record<string, Typology>> = {
  'cryptocurrency-threat="Pig Butchering Scam"': 'pig-butchering',
  'phishing:techniques="sms-phishing"': 'phishing',
  'phishing:techniques="voice-phishing"': 'phishing',
  'rsit:fraud="phishing"': 'phishing',
  'circl:incident-classification="phishing"': 'phishing',
};

export function typologiesOfTags(tags: readonly string[], known: ReadonlySet<string>): Typology[] {
  const out = new Set<Typology>();
  for (const tag of tags) {
    const parsed = parseTag(tag);
    if (parsed?.namespace === 'fraudx:typology' && known.has(parsed.value)) out.add(parsed.value as Typology);
    const mapped = TAXONOMY_TYPOLOGIES[tag];
    if (mapped) out.add(mapped);
  }
  return [...out];
}

export function tagValues(tags: readonly string[], namespace: string): string[] {
  return tags.map(parseTag).filter((t) => t?.namespace === namespace).map((t) => t!.value);
}
