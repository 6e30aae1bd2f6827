/**
 * IBANs, canonical in electronic format (`GB82WEST12345698765432`). ibantools checks the country's
 * BBAN format, the mod-97 check digits and, where a country has them, national check digits.
 */
import {
  extractIBAN,
  friendlyFormatIBAN,
  isValidIBAN,
  validateIBAN,
  ValidationErrorsIBAN,
} from 'ibantools';
import type { IndicatorKind, ParsedIndicator } from './kind.js';
import { facts, fail, quote } from './support.js';
import { cleanText } from './text.js';

/** Two letters, two check digits, a BBAN of 11 to 30 letters and digits (ISO 13616). */
const SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/u;

/**
 * `IBAN GB82 WEST 1234 …`, `iban: gb82-west-…`: the label and the separators go. (`IBAN no.` needs
 * its dot: `IBAN NO93…` is Norwegian.)
 */
function electronic(raw: string): string {
  return cleanText(raw)
    .replace(/^IBAN\b\s*(?:no\.|number)?\s*[:#]?\s*/iu, '')
    .replace(/[\s\-.]+/gu, '')
    .toUpperCase();
}

const REASONS: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANCountry]: 'its country does not use IBANs',
  [ValidationErrorsIBAN.WrongBBANLength]: 'it has the wrong length for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'its account part has the wrong format for its country',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'its check digits are wrong',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'its national check digits are wrong',
};

export const iban: IndicatorKind = {
  name: 'iban',
  description:
    'An International Bank Account Number, stored in electronic format (upper case, no spaces); its check digits must be right.',
  detect(raw) {
    return SHAPE.test(electronic(raw));
  },
  parse(raw): ParsedIndicator {
    const value = electronic(raw);
    if (!SHAPE.test(value)) fail('iban', 'invalid-iban', `${quote(raw)} is not an IBAN`);
    const result = validateIBAN(value);
    if (!result.valid) {
      const reason = result.errorCodes.map((c) => REASONS[c]).find((r) => r !== undefined);
      fail('iban', 'invalid-iban', `${quote(raw)} is not a valid IBAN${reason ? `: ${reason}` : ''}`);
    }
    const parts = extractIBAN(value);
    return {
      kind: 'iban',
      canonical: value,
      display: friendlyFormatIBAN(value) ?? value,
      facts: facts({ country: value.slice(0, 2), bank: parts.bankIdentifier }),
    };
  },
  isCanonical(value) {
    return SHAPE.test(value) && isValidIBAN(value);
  },
};
