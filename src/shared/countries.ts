// ISO 3166-1 alpha-2: the codes Node's ICU can name as regions are the assigned ones.
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// ICU also names groupings and reserved codes that are not countries. AC and TA (Ascension,
// Tristan da Cunha) stay: they have their own telephone numbering.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'UK', 'EA', 'IC', 'DG', 'CP', 'CQ']);

/** Whether `code` is an assigned ISO 3166-1 alpha-2 country code (upper case). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  return regionNames.of(code) !== undefined;
}

export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
