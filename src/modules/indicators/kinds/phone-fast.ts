/**
 * A fast path for the phone numbers people paste most: `+CC` and digits, or a national number
 * (with or without its national prefix), split by spaces or dashes. It follows libphonenumber-js
 * step by step (the same metadata, the same regular expressions, the same order of checks) but
 * compiles each country's expressions once: the library builds them anew on every call, and
 * parsing, validating, typing and formatting one number cost it some 25 µs.
 *
 * It answers the number when the library would find it possible and valid, null when the library
 * would find no valid number, and undefined wherever the library takes a path not followed here
 * (other shapes, calling codes several countries share, international call prefixes, national
 * prefixes that capture or rewrite): the caller asks the library itself then. It mirrors the
 * library's code as of the pinned version; phone-fast.test.ts checks it against the library on
 * generated numbers of every country, so an upgrade that changes the library's ways shows there.
 */
import { Metadata, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/** The parts of libphonenumber-js's numbering plan read here (its typings leave them out). */
interface PlanType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface PlanFormat {
  pattern(): string;
  leadingDigitsPatterns(): string[];
  internationalFormat(): string;
}
interface Plan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  hasTypes(): boolean;
  type(type: string): PlanType | undefined;
  formats(): PlanFormat[];
}
interface MetadataApi {
  numberingPlan: Plan;
  selectNumberingPlan(country: string): void;
  hasCallingCode(callingCode: string): boolean;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

/** What the phone kind reads of a valid number; libphonenumber's `PhoneNumber` has it too. */
export interface ValidPhoneNumber {
  /** E.164. */
  readonly number: string;
  readonly country?: CountryCode;
  getType(): NumberType;
  formatInternational(): string;
}

/** libphonenumber-js's `matchesEntirely`, compiled once. */
function entire(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

interface TypeRule {
  name: NonNullable<NumberType>;
  /** Undefined when the plan has no such type or its pattern is empty (never matches). */
  pattern: RegExp | undefined;
  lengths: number[] | undefined;
}

interface Format {
  /** The last leading-digits pattern, anchored: it must match at the start (`search` answering 0). */
  leading: RegExp | undefined;
  entire: RegExp;
  pattern: RegExp;
  international: string;
}

interface Country {
  country: CountryCode;
  callingCode: string;
  /** Whether no other country shares the calling code (so the number's country is this one). */
  alone: boolean;
  /** The international call prefix, anchored (stripIddPrefix.js asks `search` for 0). */
  idd: RegExp;
  nationalPrefix: RegExp | undefined;
  national: RegExp;
  possibleLengths: number[] | undefined;
  hasTypes: boolean;
  fixedLine: TypeRule;
  mobile: TypeRule;
  mobileDefined: boolean;
  mobileEmpty: boolean;
  others: TypeRule[];
  formats: Format[];
}

/** libphonenumber-js's order of types after the fixed line (helpers/getNumberType.js). */
const NON_FIXED_LINE_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;

/** libphonenumber-js's VALID_PUNCTUATION (constants.js): dashes, slashes, dots, spaces, brackets, tildes. */
const VALID_PUNCTUATION = '-\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F/\uFF0E. \xA0\xAD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D\\[\\]~\u2053\u223C\uFF5E';
const SEPARATORS = new RegExp(`[${VALID_PUNCTUATION}]+`, 'g');

const metadata = new Metadata() as unknown as MetadataApi;
const countries = new Map<string, Country | null>();

function typeRule(plan: Plan, name: NonNullable<NumberType>): TypeRule {
  const type = plan.type(name);
  const pattern = type?.pattern();
  return { name, pattern: pattern ? entire(pattern) : undefined, lengths: type?.possibleLengths() };
}

function compile(country: string): Country | null {
  try {
    metadata.selectNumberingPlan(country);
  } catch {
    return null;
  }
  const plan = metadata.numberingPlan;
  const callingCode = plan.callingCode();
  const mobile = plan.type('MOBILE');
  const prefix = plan.nationalPrefixForParsing();
  return {
    country: country as CountryCode,
    callingCode,
    alone: metadata.getCountryCodesForCallingCode(callingCode)?.length === 1,
    idd: new RegExp(`^(?:${plan.IDDPrefix()})`),
    nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
    national: entire(plan.nationalNumberPattern()),
    possibleLengths: plan.possibleLengths(),
    hasTypes: plan.hasTypes(),
    fixedLine: typeRule(plan, 'FIXED_LINE'),
    mobile: typeRule(plan, 'MOBILE'),
    mobileDefined: mobile !== undefined,
    mobileEmpty: mobile !== undefined && mobile.pattern() === '',
    others: NON_FIXED_LINE_TYPES.map((name) => typeRule(plan, name)),
    formats: plan.formats().map((f) => {
      const leading = f.leadingDigitsPatterns();
      const last = leading[leading.length - 1];
      return {
        leading: last === undefined ? undefined : new RegExp(`^(?:${last})`),
        entire: entire(f.pattern()),
        pattern: new RegExp(f.pattern()),
        international: f.internationalFormat(),
      };
    }),
  };
}

function countryInfo(country: string): Country | undefined {
  let info = countries.get(country);
  if (info === undefined) {
    info = compile(country);
    countries.set(country, info);
  }
  return info ?? undefined;
}

/** helpers/getNumberType.js `isNumberTypeEqualTo`. */
function isType(nationalNumber: string, rule: TypeRule): boolean {
  if (rule.pattern === undefined) return false;
  if (rule.lengths && !rule.lengths.includes(nationalNumber.length)) return false;
  return rule.pattern.test(nationalNumber);
}

/** helpers/getNumberType.js. */
function numberType(c: Country, nationalNumber: string): NumberType {
  if (!c.national.test(nationalNumber)) return undefined;
  if (isType(nationalNumber, c.fixedLine)) {
    if (c.mobileEmpty || !c.mobileDefined || isType(nationalNumber, c.mobile)) return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  for (const rule of c.others) if (isType(nationalNumber, rule)) return rule.name;
  return undefined;
}

/** helpers/checkNumberLength.js without a type. */
function lengthCheck(c: Country, nationalNumber: string): 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' {
  const lengths = c.possibleLengths;
  if (!lengths) return 'IS_POSSIBLE';
  const length = nationalNumber.length;
  const min = lengths[0] ?? 0;
  if (min === length) return 'IS_POSSIBLE';
  if (min > length) return 'TOO_SHORT';
  if ((lengths[lengths.length - 1] ?? 0) < length) return 'TOO_LONG';
  return lengths.indexOf(length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** format.js for INTERNATIONAL, with helpers/formatNationalNumberUsingFormat.js. */
function formatInternational(c: Country, nationalNumber: string): string {
  for (const f of c.formats) {
    if ((f.leading === undefined || f.leading.test(nationalNumber)) && f.entire.test(nationalNumber)) {
      return `+${c.callingCode} ${nationalNumber.replace(f.pattern, f.international).replace(SEPARATORS, ' ').trim()}`;
    }
  }
  return `+${c.callingCode} ${nationalNumber}`;
}

class FastPhoneNumber implements ValidPhoneNumber {
  readonly number: string;
  readonly country: CountryCode;
  readonly #info: Country;
  readonly #nationalNumber: string;
  readonly #type: NumberType;

  constructor(info: Country, nationalNumber: string, type: NumberType) {
    this.#info = info;
    this.#nationalNumber = nationalNumber;
    this.#type = type;
    this.country = info.country;
    this.number = `+${info.callingCode}${nationalNumber}`;
  }

  getType(): NumberType {
    return this.#type;
  }

  formatInternational(): string {
    return formatInternational(this.#info, this.#nationalNumber);
  }
}

/**
 * The library's verdict on a parsed national number: the number when it is possible and valid,
 * null when it is not, undefined when the library would take a path not followed here.
 */
function verdict(c: Country, nationalNumber: string): FastPhoneNumber | null | undefined {
  // Without types or lengths the library validates otherwise (or throws): it decides then.
  if (!c.hasTypes || !c.possibleLengths) return undefined;
  // parse.js refuses national numbers outside 2–17 digits.
  if (nationalNumber.length < 2 || nationalNumber.length > 17) return null;
  if (lengthCheck(c, nationalNumber) !== 'IS_POSSIBLE') return null;
  const type = numberType(c, nationalNumber);
  return type === undefined ? null : new FastPhoneNumber(c, nationalNumber, type);
}

/** Digits with single spaces or dashes, maybe a leading plus: no extension, no other punctuation. */
const SIMPLE = /^\+?\d+(?:[ -]\d+)*$/u;
const SEPARATOR = /[ -]/gu;

/** `+CC…`: the calling code as parse.js's extractCountryCallingCode finds it. */
function international(digits: string): FastPhoneNumber | null | undefined {
  // extractCountryCallingCode.js: no calling code starts with 0.
  if (digits.startsWith('0')) return null;
  for (let i = 1; i <= 3 && i <= digits.length; i++) {
    const callingCode = digits.slice(0, i);
    if (!metadata.hasCallingCode(callingCode)) continue;
    const owners = metadata.getCountryCodesForCallingCode(callingCode);
    const only = owners?.length === 1 ? owners[0] : undefined;
    const c = only === undefined ? undefined : countryInfo(only);
    const rest = digits.slice(i);
    // A national prefix after the calling code is stripped by the library: its way, not this one.
    if (!c?.alone || rest === '' || c.nationalPrefix?.test(rest) === true) return undefined;
    return verdict(c, rest);
  }
  // No calling code: the library finds no number.
  return null;
}

/** A national number in `country`, with or without its national prefix. */
function national(digits: string, country: string): FastPhoneNumber | null | undefined {
  const c = countryInfo(country);
  // International call prefixes and numbers that start with the calling code take other paths
  // through the library (stripIddPrefix, extractCountryCallingCodeFromInternationalNumberWithoutPlusSign).
  if (!c?.alone || c.idd.test(digits) || digits.startsWith(c.callingCode)) return undefined;
  // helpers/extractNationalNumberFromPossiblyIncompleteNumber.js; prefixes that capture (carrier
  // codes, rewriting rules) are left to the library.
  const prefix = c.nationalPrefix?.exec(digits) ?? null;
  if (prefix !== null && prefix.length > 1) return undefined;
  let nationalNumber = prefix === null ? digits : digits.slice(prefix[0].length);
  if (nationalNumber !== digits) {
    // helpers/extractNationalNumber.js: the prefix stays when taking it off spoils the number.
    if (c.national.test(digits) && !c.national.test(nationalNumber)) nationalNumber = digits;
    else {
      const check = lengthCheck(c, nationalNumber);
      if (check === 'TOO_SHORT' || check === 'INVALID_LENGTH') nationalNumber = digits;
    }
  }
  return verdict(c, nationalNumber);
}

/**
 * What `parsePhoneNumberFromString(text, { defaultCountry, extract: false })` gives, when it then
 * is possible and valid: the number; null when the library would find no valid number; undefined
 * when the text is not of the simple shapes followed here, so that the library decides.
 */
export function fastPhoneNumber(text: string, defaultCountry: CountryCode | undefined): ValidPhoneNumber | null | undefined {
  if (text.length > 250 || !SIMPLE.test(text)) return undefined;
  const digits = text.replace(SEPARATOR, '');
  if (text.startsWith('+')) return international(digits.slice(1));
  if (defaultCountry === undefined || digits.startsWith('00') || digits.startsWith('011')) return undefined;
  return national(digits, defaultCountry);
}
