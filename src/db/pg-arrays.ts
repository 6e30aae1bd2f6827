/** What a PostgreSQL array parameter of the bulk statements holds: text, numbers, or nothing. */
export type ArrayElement = string | number | bigint | null | undefined;

const SPECIAL = /["\\]/;
const SPECIALS = /["\\]/g;

/**
 * The PostgreSQL array literal of `values` (`{"a","b",NULL}`), for a parameter cast to an array
 * type. node-postgres makes the same literal by appending element after element to one string,
 * which V8 keeps as a chain of pieces that has to be flattened before it is measured and written to
 * the socket: for a statement of thousands of rows the flattening and its garbage cost more than
 * the encoding. One join makes the literal flat at once.
 */
export function arrayLiteral(values: readonly ArrayElement[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'string') parts[i] = `"${SPECIAL.test(v) ? v.replace(SPECIALS, '\\$&') : v}"`;
    else parts[i] = String(v);
  }
  return `{${parts.join(',')}}`;
}
