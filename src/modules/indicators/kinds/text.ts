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

/** Printable ASCII and plain whitespace: NFKC leaves such text as it is, and it holds nothing to drop or convert. */
const PLAIN_ASCII = /^[\t\n\r -~]*$/u;

/** Trim, NFKC (full-width forms to ASCII), drop invisible characters, digits to ASCII. */
export function cleanText(raw: string): string {
  // Most input is ASCII, and every detection stage cleans it again: skip the Unicode work then.
  if (PLAIN_ASCII.test(raw)) return raw.trim();
  return asciiDigits(raw.normalize('NFKC').replace(INVISIBLE, '')).trim();
}

const MAYBE_DEFANGED = /[[({]|hxxp|fxp/iu;

/**
 * Restores defanged indicators as written in threat reports: `hxxps[://]evil[.]example`,
 * `user[at]example(dot)com`. Brackets may hold spaces (`[ . ]`), matching is case-insensitive.
 * Runs to a fixed point, so its output never holds a defanged form (`a[[.]]b` → `a.b`) and
 * refanging a canonical value again changes nothing.
 */
export function refang(s: string, opts: { braces?: boolean } = {}): string {
  // Nothing defanged without a bracket or a defanged scheme: most input, answered without the loop.
  if (!MAYBE_DEFANGED.test(s)) return s;
  // `{` and `}` are legal in email local parts, so `a{.}b@x` may be a real address.
  const dot = opts.braces === false ? /[[(]\s*(?:\.|dot)\s*[\])]/giu : /[[({]\s*(?:\.|dot)\s*[\])}]/giu;
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
