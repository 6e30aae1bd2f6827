import i18n from '../i18n';

/** Money from the API's decimal string, in the reader's language; never through a float sum. */
export function money(amount: string, currency: string): string {
  const n = Number(amount);
  try {
    return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function number(n: number): string {
  return new Intl.NumberFormat(i18n.language).format(n);
}

export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
