/** What a PostgreSQL array parameter of the bulk statements holds: text, numbers, or nothing. */
export type ArrayElement = string | number | bigint | null | undefined;

const SPECIAL = /["\\]/;
const SPECIALS = /["\\]/g;
/** A JSON escape other than `\"` and `\\`: a control character or a lone surrogate. */
const JSON_ONLY_ESCAPE = /\\[^"\\]/;

/**
 * The PostgreSQL array literal of `values` (`{"a","b",NULL}`), for a parameter cast to an array
 * type, made flat. node-postgres makes the same literal by appending element after element to one
 * string, which V8 keeps as a chain of pieces that has to be flattened before it is measured and
 * written to the socket: for a statement of thousands of rows that cost more than the encoding.
 *
 * Most arrays are written by `JSON.stringify` (native, one flat string): JSON quotes strings and
 * escapes `"` and `\` exactly as an array literal does, and its unquoted `null` is the literal's
 * NULL. JSON writes control characters and lone surrogates as escapes an array literal does not
 * read, and cannot write bigints: such arrays are written element by element.
 */
export function arrayLiteral(values: readonly ArrayElement[]): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(values);
  } catch {
    // A bigint.
  }
  if (json !== undefined && !JSON_ONLY_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'string') parts[i] = `"${SPECIAL.test(v) ? v.replace(SPECIALS, '\\$&') : v}"`;
    else parts[i] = String(v);
  }
  return `{${parts.join(',')}}`;
}
