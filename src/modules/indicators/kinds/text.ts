/**
 * Shared clean-up of identifiers as people paste them: from chat apps, PDFs, screenshots run
 * through OCR, spreadsheets and threat reports. Every kind runs its input through `cleanText`
 * first; kinds that carry hosts (url, domain, email, handle) also run `refang`.
 */

/**
 * Invisible characters that survive copy and paste and break matching: zero-width space/joiners,
 * LRM/RLM and the other bidi controls (also used to disguise links), word joiner and invisible
 * operators, the BOM, the soft hyphen and the Mongolian vowel separator.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * The value of a decimal digit of any script. Unicode's stability policy guarantees that
 * characters with Numeric_Type=Decimal come in contiguous runs of ten, 0 to 9, so the distance to
 * the start of the run (mod 10, as some runs sit back to back) is the digit's value. This covers
 * Thai, Lao, Myanmar, Khmer, Arabic-Indic, Persian, Devanagari, Bengali and every other script
 * without a table; NFKC has already turned full-width and mathematical digits into ASCII.
 */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0) ?? 0;
  let offset = 0;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    offset += 1;
  }
  return offset % 10;
}

/** Non-ASCII decimal digits to ASCII: `๐๘๑` → `081`, `٠٨١` → `081`. */
export function asciiDigits(s: string): string {
  return s.replace(NON_ASCII_DIGIT, (d) => String(digitValue(d)));
}

const PLAIN_ASCII = /^[\t\n\r -~]*$/u;

/** Printable ASCII and plain whitespace: NFKC leaves such text as it is, and it holds nothing to drop or convert. */
export function isPlainAscii(raw: string): boolean {
  return PLAIN_ASCII.test(raw);
}

// Detection cleans and refangs the same value in stage after stage: the last answer is kept.
let lastRaw: string | undefined;
let lastClean = '';

/** Trim, NFKC (full-width forms to ASCII), drop invisible characters, digits to ASCII. */
export function cleanText(raw: string): string {
  if (raw === lastRaw) return lastClean;
  // Most input is ASCII: skip the Unicode work then.
  const clean = PLAIN_ASCII.test(raw) ? raw.trim() : asciiDigits(raw.normalize('NFKC').replace(INVISIBLE, '')).trim();
  lastRaw = raw;
  lastClean = clean;
  return clean;
}

const MAYBE_DEFANGED = /[[({]|hxxp|fxp/iu;

let lastDefanged: string | undefined;
let lastBraces = true;
let lastRefanged = '';

/**
 * Restores defanged indicators as written in threat reports: `hxxps[://]evil[.]example`,
 * `user[at]example(dot)com`. Brackets may hold spaces (`[ . ]`), matching is case-insensitive.
 * Runs to a fixed point, so its output never holds a defanged form (`a[[.]]b` → `a.b`) and
 * refanging a canonical value again changes nothing.
 */
export function refang(s: string, opts: { braces?: boolean } = {}): string {
  // Nothing defanged without a bracket or a defanged scheme: most input, answered without the loop.
  if (!MAYBE_DEFANGED.test(s)) return s;
  const braces = opts.braces !== false;
  if (s === lastDefanged && braces === lastBraces) return lastRefanged;
  const out = refangCommon(s) ?? refangLoop(s, braces);
  lastDefanged = s;
  lastBraces = braces;
  lastRefanged = out;
  return out;
}

/** A bracket other than a `[.]`, or a defanged scheme: forms only the loop below restores. */
const UNCOMMON_DEFANGING = /[({]|hxxp|fxp|\[(?!\.\])/iu;

/**
 * The loop's answer, without the loop, for the forms threat feeds use most: a defanged scheme
 * alone (`hxxps:`), or dots as `[.]` and no other bracket (each `[.]` becomes `.`, and what that
 * leaves holds nothing the loop would change). Undefined for anything else.
 */
function refangCommon(s: string): string | undefined {
  if (s === 'hxxps:') return 'https:';
  if (s === 'hxxp:') return 'http:';
  return UNCOMMON_DEFANGING.test(s) ? undefined : s.replaceAll('[.]', '.');
}

/** The rewriting rules themselves, to a fixed point: what `refang` answers, shortcut or not. */
export function refangLoop(s: string, braces: boolean): string {
  // `{` and `}` are legal in email local parts, so `a{.}b@x` may be a real address.
  const dot = braces ? /[[({]\s*(?:\.|dot)\s*[\])}]/giu : /[[(]\s*(?:\.|dot)\s*[\])]/giu;
  let out = s;
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out
      .replace(/\bhxxp(s?)(?=\[?:)/giu, 'http$1')
      .replace(/\bfxp(?=\[?:)/giu, 'ftp')
      .replace(/\[\s*:\/\/\s*\]/gu, '://')
      .replace(/\[\s*:\s*\]/gu, ':')
      .replace(dot, '.')
      .replace(/[[(]\s*(?:@|at)\s*[\])]/giu, '@');
  }
  return out;
}
