/**
 * The byte form of an index key: one byte for the kind, then the canonical value. ASCII values
 * (nearly all canonicals) store each pair of adjacent digits in one byte (0x80 + 0..99), which
 * shortens phone numbers and accounts by almost half; any other value is marked 0xFF and kept as
 * UTF-8. The encoding is injective, so equal bytes mean equal keys.
 *
 * @example encodeKey(0, '+66812345678', out) // → 8: [0, 0x2b, 0x80+66, 0x80+81, 0x80+23, 0x80+45, 0x80+67, 0x38]
 */
const DIGIT_PAIR = 0x80;
const RAW_UTF8 = 0xff;
const utf8 = new TextEncoder();

/** Bytes `encodeKey` may need for a value of this many UTF-16 units. */
export function maxKeyLength(canonical: string): number {
  return 2 + canonical.length * 3;
}

/** Writes the key into `out` (at least `maxKeyLength` long) and answers its length. */
export function encodeKey(kindCode: number, canonical: string, out: Uint8Array): number {
  out[0] = kindCode;
  let n = 1;
  const len = canonical.length;
  for (let i = 0; i < len; i++) {
    const c = canonical.charCodeAt(i);
    if (c >= 0x80) return encodeRaw(canonical, out);
    if (c >= 48 && c <= 57 && i + 1 < len) {
      const d = canonical.charCodeAt(i + 1);
      if (d >= 48 && d <= 57) {
        out[n++] = DIGIT_PAIR + (c - 48) * 10 + (d - 48);
        i++;
        continue;
      }
    }
    out[n++] = c;
  }
  return n;
}

function encodeRaw(canonical: string, out: Uint8Array): number {
  out[1] = RAW_UTF8;
  return 2 + utf8.encodeInto(canonical, out.subarray(2)).written;
}

/**
 * `hashValue` of the bytes `encodeKey` would write for `canonical` after the kind byte, computed
 * from the string without writing them; -1 when the value is not ASCII (then encode and hash).
 * Lookups of absent keys, most of a check's traffic, never need the bytes themselves.
 */
export function hashValueOf(canonical: string): number {
  let h = 0x811c9dc5;
  const len = canonical.length;
  for (let i = 0; i < len; i++) {
    let b = canonical.charCodeAt(i);
    if (b >= 0x80) return -1;
    if (b >= 48 && b <= 57 && i + 1 < len) {
      const d = canonical.charCodeAt(i + 1);
      if (d >= 48 && d <= 57) {
        b = DIGIT_PAIR + (b - 48) * 10 + (d - 48);
        i++;
      }
    }
    h = Math.imul(h ^ b, 0x01000193);
  }
  return h >>> 0;
}

/**
 * 32-bit FNV-1a over the value's bytes, then the kind byte, with a murmur3 finaliser, so every bit
 * of the result depends on every byte. The kind goes in last so that one value's hash under every
 * kind costs one pass over its bytes (`hashValue` once, `withKind` per kind).
 */
export function hashKey(bytes: Uint8Array, start: number, end: number): number {
  return withKind(hashValue(bytes, start + 1, end), bytes[start]);
}

/** The FNV-1a state after a value's bytes (a key without its kind byte). */
export function hashValue(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** The key's hash from `hashValue` and the kind byte. */
export function withKind(valueHash: number, kindCode: number): number {
  let h = Math.imul(valueHash ^ kindCode, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** How many prefix codes `prefixCodeOf` answers: the index keeps a word of kinds for each. */
export const PREFIX_CODES = 0x10000;

/**
 * A code of a value's first two UTF-16 units (the low byte of each; 0 past the end). Canonical
 * forms of a kind share few beginnings (`+6…`, `TH…`, `ht…`), and pasted input rarely starts like
 * any of them, so a lookup without a kind asks only the kinds that have a key beginning so.
 */
export function prefixCodeOf(canonical: string): number {
  const len = canonical.length;
  return (((len > 0 ? canonical.charCodeAt(0) : 0) & 0xff) << 8) | ((len > 1 ? canonical.charCodeAt(1) : 0) & 0xff);
}

/** `prefixCodeOf` the value of a key, from its bytes (kind byte at `start`). */
export function prefixCodeOfKey(bytes: Uint8Array, start: number, end: number): number {
  let i = start + 1;
  if (i < end && bytes[i] === RAW_UTF8) return prefixCodeOf(new TextDecoder().decode(bytes.subarray(i + 1, end)));
  const units: number[] = [];
  while (units.length < 2 && i < end) {
    const b = bytes[i++];
    if (b >= DIGIT_PAIR) units.push(48 + Math.floor((b - DIGIT_PAIR) / 10), 48 + ((b - DIGIT_PAIR) % 10));
    else units.push(b);
  }
  return prefixCodeOf(String.fromCharCode(...units.slice(0, 2)));
}
