import { ProblemError } from '../../errors/problems.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

/** ISO 4217 minor-unit digits of a currency (THB 2, JPY 0, BHD 3), as ICU's data gives them. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Turns a decimal string into integer minor units, exactly: no floating point is involved.
 *
 * toMinorUnits('125000.00', 'THB') // 12500000
 * toMinorUnits('1,250', 'JPY')     // 1250
 */
export function toMinorUnits(amount: string, currency: string): number {
  const code = currency.trim().toUpperCase();
  if (!isCurrency(code)) throw new ProblemError('invalid-amount', `"${currency}" is not an ISO 4217 currency code`);
  const digits = minorDigits(code);
  const cleaned = amount.trim().replace(/[,_\s]/g, '');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) throw new ProblemError('invalid-amount', `"${amount}" is not a non-negative decimal amount like "1250.50"`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) {
    throw new ProblemError('invalid-amount', `${code} has ${digits} decimal places; "${amount}" has more`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt((fraction.slice(0, digits) || '0').padEnd(digits, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProblemError('invalid-amount', `"${amount}" is too large`);
  return Number(minor);
}

/** The decimal string for integer minor units: fromMinorUnits(12500000, 'THB') gives '125000.00'. */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const text = BigInt(minor).toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
