/**
 * The one registry of indicator kinds: detection, parsing and the canonical fast path. Every
 * other module (check API, imports, exports, the lookup index) goes through these functions.
 *
 * Detection precedence (most specific first; a stage claims a value only when its kind's parse
 * succeeds, otherwise the next stage is tried):
 *
 *  1. explicit prefixes: `tel:`/`callto:` → phone; `PromptPay …`/`promptpay:`/`upi:`/`upi://` →
 *     payment-alias; a platform named (`Telegram @x`, `tg:`, `line://`, `whatsapp:+…`) → handle;
 *     a chain named (`bitcoin:`, `ethereum:`, `USDT TRC20 …`, `btc:`) → crypto-wallet
 *  2. links to platform profiles (`https://t.me/x`, `instagram.com/x/`, `wa.me/66…`) → handle
 *  3. email (`a@b.example`, `mailto:`, `a[at]b[.]example`)
 *  4. url (a scheme, a defanged scheme, or a host followed by a path)
 *  5. iban (valid check digits)
 *  6. crypto-wallet (valid checksum; Solana, which has none, only when nothing else fits)
 *  7. ip
 *  8. payment-alias by shape (a UPI address: no dot after the @)
 *  9. phone (a valid number; national numbers need the country)
 * 10. domain (under a known public suffix)
 * 11. bank-account (`CC:bank:account`, or a recognisable bank name or code before the number)
 */
import { bankAccount } from './bank-account.js';
import { cryptoWallet, namesChain } from './crypto-wallet.js';
import { domain } from './domain.js';
import { email } from './email.js';
import { handle, isPlatformLink, namesPlatform } from './handle.js';
import { iban } from './iban.js';
import { ip } from './ip.js';
import {
  IndicatorParseError,
  KIND_NAMES,
  type IndicatorKind,
  type KindName,
  type ParseContext,
  type ParsedIndicator,
} from './kind.js';
import { looksLikeVpa, namesScheme, paymentAlias } from './payment-alias.js';
import { claimPhone, isTelUri, phone } from './phone.js';
import { isCountryCode, quote } from './support.js';
import { cleanText, isPlainAscii } from './text.js';
import { url } from './url.js';

/** Longest input accepted, before any clean-up; longer input is refused unread. */
export const MAX_INPUT_LENGTH = 2048;

/** Every kind, in the order of `KIND_NAMES`. */
export const KINDS: readonly IndicatorKind[] = [
  phone,
  iban,
  bankAccount,
  cryptoWallet,
  url,
  domain,
  email,
  ip,
  handle,
  paymentAlias,
];

const BY_NAME: ReadonlyMap<string, IndicatorKind> = new Map(KINDS.map((k) => [k.name, k]));

export function getKind(name: string): IndicatorKind | undefined {
  return BY_NAME.get(name);
}

export function isKindName(s: unknown): s is KindName {
  return typeof s === 'string' && (KIND_NAMES as readonly string[]).includes(s);
}

/**
 * What a glance at printable ASCII input tells (see `glance`): each stage below names the
 * characters it cannot claim a value without, so detection skips it when they are missing.
 * Clean-up and refanging only ever trim ASCII input or turn bracketed or spelt-out forms
 * (`[.]`, `(at)`, `hxxp`) into `.`, `:`, `@` and schemes, so the test holds for what they give too.
 */
interface Glance {
  /** The first character, after trimming, is a letter. */
  letterFirst: boolean;
  letter: boolean;
  at: boolean;
  dot: boolean;
  colon: boolean;
  slashOrQuery: boolean;
  /** `[`, `(` or `{`, with which defanged forms start. */
  bracket: boolean;
  /** The length after trimming. */
  length: number;
}

interface Stage {
  kind: IndicatorKind;
  /** For the docs and the OpenAPI description. */
  rule: string;
  applies(raw: string, ctx: ParseContext): boolean;
  /** True when the stage can certainly not claim a value that looks like this. */
  cannot?: (g: Glance) => boolean;
  /** `applies` then the kind's parse in one, answering undefined instead of throwing. */
  claim?: (raw: string, ctx: ParseContext) => ParsedIndicator | undefined;
}

const STAGES: readonly Stage[] = [
  { kind: phone, rule: 'tel: or callto: link', applies: isTelUri, cannot: (g) => !g.letterFirst },
  { kind: paymentAlias, rule: 'PromptPay or UPI named', applies: namesScheme, cannot: (g) => !g.letterFirst },
  { kind: handle, rule: 'platform named (Telegram @x, tg:, line://, whatsapp:)', applies: namesPlatform, cannot: (g) => !g.letterFirst },
  { kind: cryptoWallet, rule: 'chain named (bitcoin:, ethereum:, TRC20 …)', applies: namesChain, cannot: (g) => !g.letterFirst },
  { kind: handle, rule: 'link to a platform profile', applies: isPlatformLink, cannot: (g) => !g.letter },
  { kind: email, rule: 'email address', applies: (raw, ctx) => email.detect(raw, ctx), cannot: (g) => !g.letter && !g.at },
  {
    kind: url,
    rule: 'link: scheme, defanged scheme, or host and path',
    applies: (raw, ctx) => url.detect(raw, ctx),
    cannot: (g) => !g.letter && !g.slashOrQuery,
  },
  { kind: iban, rule: 'IBAN with valid check digits', applies: (raw, ctx) => iban.detect(raw, ctx), cannot: (g) => !g.letter },
  {
    kind: cryptoWallet,
    rule: 'wallet address with a valid checksum',
    applies: (raw, ctx) => cryptoWallet.detect(raw, ctx),
    // The shortest address any chain has is 25 characters.
    cannot: (g) => g.length < 25,
  },
  {
    kind: ip,
    rule: 'IP address',
    applies: (raw, ctx) => ip.detect(raw, ctx),
    cannot: (g) => !g.letter && !g.dot && !g.colon && !g.bracket,
  },
  { kind: paymentAlias, rule: 'UPI address (no dot after the @)', applies: looksLikeVpa, cannot: (g) => !g.at },
  { kind: phone, rule: 'valid phone number', applies: (raw, ctx) => phone.detect(raw, ctx), claim: claimPhone },
  { kind: domain, rule: 'domain under a known public suffix', applies: (raw, ctx) => domain.detect(raw, ctx) },
  { kind: bankAccount, rule: 'CC:bank:account or a recognisable bank', applies: (raw, ctx) => bankAccount.detect(raw, ctx) },
];

/** Which characters printable ASCII input holds; undefined for other input, which no stage skips. */
function glance(raw: string): Glance | undefined {
  if (!isPlainAscii(raw)) return undefined;
  const text = raw.trim();
  const g: Glance = {
    letterFirst: false,
    letter: false,
    at: false,
    dot: false,
    colon: false,
    slashOrQuery: false,
    bracket: false,
    length: text.length,
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      g.letter = true;
      if (i === 0) g.letterFirst = true;
    } else if (c === 64) g.at = true;
    else if (c === 46) g.dot = true;
    else if (c === 58) g.colon = true;
    else if (c === 47 || c === 63) g.slashOrQuery = true;
    else if (c === 91 || c === 40 || c === 123) g.bracket = true;
  }
  return g;
}

/** The detection stages in order, for documentation. */
export const DETECTION_ORDER: readonly { kind: KindName; rule: string }[] = STAGES.map((s) => ({
  kind: s.kind.name,
  rule: s.rule,
}));

/** Runs a kind's parse; anything but an IndicatorParseError is a bug and is wrapped, never leaked. */
function guarded(kind: IndicatorKind, raw: string, ctx: ParseContext): ParsedIndicator {
  try {
    return kind.parse(raw, ctx);
  } catch (e) {
    if (e instanceof IndicatorParseError) throw e;
    throw new IndicatorParseError('invalid-value', `could not read ${quote(raw)} as ${kind.name}`, kind.name);
  }
}

/** The first stage that claims `raw`, with its parse; undefined when none does. */
function detectParsed(raw: string, ctx: ParseContext): ParsedIndicator | undefined {
  // Stages that do not fit throw, and nobody reads those errors' stack traces: capturing them
  // would cost more than many a parse (imports detect millions of values).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const g = glance(raw);
    for (const stage of STAGES) {
      if (g !== undefined && stage.cannot?.(g) === true) continue;
      try {
        if (stage.claim) {
          const claimed = stage.claim(raw, ctx);
          if (claimed) return claimed;
        } else if (stage.applies(raw, ctx)) return stage.kind.parse(raw, ctx);
      } catch {
        // Not this kind after all: try the next stage.
      }
    }
    return undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Detection without its shortcuts: every stage, its own `applies` and then the kind's `parse`.
 * The reference that `detectParsed`'s skipping and claiming are tested against.
 */
export function detectEveryStage(raw: string, ctx: ParseContext): ParsedIndicator | undefined {
  for (const stage of STAGES) {
    try {
      if (stage.applies(raw, ctx)) return stage.kind.parse(raw, ctx);
    } catch {
      // Not this kind after all: try the next stage.
    }
  }
  return undefined;
}

/** Validates the context's country (ISO 3166-1 alpha-2, any case). */
function contextOf(country: string | undefined): ParseContext {
  // An empty field from a form or a CSV column means "no country", not a wrong one.
  if (country === undefined || country.trim() === '') return {};
  // Batches and imports give every value the same country: its context is made once.
  if (country === lastCountry) return lastContext;
  const cc = country.trim().toUpperCase();
  if (!isCountryCode(cc)) throw new IndicatorParseError('invalid-country', `${quote(country)} is not an ISO 3166-1 alpha-2 country code`);
  lastCountry = country;
  lastContext = Object.freeze({ country: cc });
  return lastContext;
}

let lastCountry: string | undefined;
let lastContext: ParseContext = {};

function checkInput(raw: string): void {
  if (typeof raw !== 'string' || cleanText(raw.slice(0, MAX_INPUT_LENGTH + 1)) === '') {
    throw new IndicatorParseError('empty', 'no value given');
  }
  if (raw.length > MAX_INPUT_LENGTH) {
    throw new IndicatorParseError('too-long', `the value is longer than ${MAX_INPUT_LENGTH} characters`);
  }
}

/** The most specific kind `raw` parses as, in the precedence above; undefined when none fits. */
export function detectKind(raw: string, ctx: ParseContext = {}): KindName | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_INPUT_LENGTH) return undefined;
  return detectParsed(raw, ctx)?.kind;
}

export interface ParseOptions {
  /** The kind, when the caller knows it; otherwise it is detected. */
  kind?: string;
  /** ISO 3166-1 alpha-2 country for national phone numbers and domestic accounts. */
  country?: string;
}

/**
 * Parses `raw` to its kind's canonical form. Throws only IndicatorParseError: `empty`, `too-long`,
 * `invalid-country`, `unknown-kind`, `undetectable`, or the kind's own codes (docs/kinds.md).
 */
export function parseIndicator(raw: string, opts: ParseOptions = {}): ParsedIndicator {
  checkInput(raw);
  const ctx = contextOf(opts.country);
  if (opts.kind !== undefined) {
    const kind = getKind(opts.kind);
    if (!kind) throw new IndicatorParseError('unknown-kind', `unknown indicator kind ${quote(opts.kind)}; known kinds: ${KIND_NAMES.join(', ')}`);
    return guarded(kind, raw, ctx);
  }
  const parsed = detectParsed(raw, ctx);
  if (!parsed) {
    throw new IndicatorParseError('undetectable', `could not tell what kind of identifier ${quote(cleanText(raw))} is; give its kind`);
  }
  return parsed;
}

/**
 * Kinds whose canonical form no earlier detection stage can claim, so that without a kind a value
 * canonical for one of them is certainly that kind: prefixed forms (`btc:`, `telegram:`,
 * `promptpay:`, `TH:004:…`), E.164 phones, IBANs, IP addresses and email addresses. URLs and
 * domains are left out: `https://t.me/x` is canonical as a URL but detects as a handle.
 */
const CERTAIN_WITHOUT_KIND: readonly IndicatorKind[] = [
  phone,
  cryptoWallet,
  handle,
  paymentAlias,
  bankAccount,
  iban,
  ip,
  email,
];

function isCanonicalFor(kind: IndicatorKind, value: string): boolean {
  try {
    return kind.isCanonical(value);
  } catch {
    return false;
  }
}

/**
 * `display` and `facts` are computed on first read, by the full parse of the canonical value, and
 * then kept: equal to the full parse by construction, and free when only `canonical` is needed.
 */
function lazyParsed(kind: IndicatorKind, canonical: string): ParsedIndicator {
  let full: ParsedIndicator | undefined;
  return {
    kind: kind.name,
    canonical,
    get display() {
      return (full ??= guarded(kind, canonical, {})).display;
    },
    get facts() {
      return (full ??= guarded(kind, canonical, {})).facts;
    },
  };
}

/**
 * The fast path for values that are already canonical (from the database, from a peer, from a
 * client that normalised them): no clean-up, no detection, only the kind's `isCanonical`. With a
 * kind it answers when the value is canonical for that kind; without one, only when the kind is
 * certain (see CERTAIN_WITHOUT_KIND). Undefined means "take the slow path", `parseIndicator`,
 * which gives the same kind and canonical whenever this answers (a property test proves it).
 */
export function canonicalFast(value: string, kind?: string): ParsedIndicator | undefined {
  if (typeof value !== 'string' || value.length > MAX_INPUT_LENGTH) return undefined;
  if (kind !== undefined) {
    const k = getKind(kind);
    return k && isCanonicalFor(k, value) ? lazyParsed(k, value) : undefined;
  }
  // No canonical form of these kinds holds whitespace, which pasted values often do.
  if (/\s/u.test(value)) return undefined;
  const k = CERTAIN_WITHOUT_KIND.find((candidate) => isCanonicalFor(candidate, value));
  return k ? lazyParsed(k, value) : undefined;
}
