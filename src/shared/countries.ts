// ISO 3166-1 alpha-2: the codes Node's ICU can name as regions are the assigned ones.
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// ICU also names groupings and reserved codes that are not countries. AC and TA (Ascension,
// Tristan da Cunha) stay: they have their own telephone numbering.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'UK', 'EA', 'IC', 'DG', 'CP', 'CQ']);

const ASSIGNED = new Map<string, boolean>();

/** Whether `code` is an assigned ISO 3166-1 alpha-2 country code (upper case). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  // Asked once per parsed value; ICU's answer for at most 676 codes is worth keeping.
  let known = ASSIGNED.get(code);
  if (known === undefined) ASSIGNED.set(code, (known = regionNames.of(code) !== undefined));
  return known;
}

export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
