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
 * Whether the key at `bytes[start, end)` is (kindCode, canonical) for an ASCII `canonical`, read
 * against the string as it is: a lookup that finds a tag match need not encode the value first.
 */
export function sameAsciiKey(bytes: Uint8Array, start: number, end: number, kindCode: number, canonical: string): boolean {
  if (bytes[start] !== kindCode) return false;
  // A raw key holds a non-ASCII value, which no ASCII string equals.
  if (start + 1 < end && bytes[start + 1] === RAW_UTF8) return false;
  const len = canonical.length;
  let j = 0;
  for (let i = start + 1; i < end; i++) {
    const b = bytes[i];
    if (b >= DIGIT_PAIR) {
      const pair = b - DIGIT_PAIR;
      if (j + 1 >= len || canonical.charCodeAt(j) !== 48 + ((pair / 10) | 0) || canonical.charCodeAt(j + 1) !== 48 + (pair % 10)) return false;
      j += 2;
    } else {
      if (j >= len || canonical.charCodeAt(j) !== b) return false;
      j++;
    }
  }
  return j === len;
}

// MurmurHash3's block and tail constants (x86, 32-bit).
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const SEED = 0x9747b28c;

/** One 4-byte block of MurmurHash3 mixed into `h`. */
function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, C2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The last, partial block (`k` holds its 1 to 3 bytes) and the length mixed into `h`. */
function mixTail(h: number, k: number, length: number): number {
  if (k !== 0) {
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return (h ^ length) >>> 0;
}

/**
 * `hashValue` of a value's key bytes, computed from the string without writing them; -1 when the
 * value is not ASCII (then encode and hash). Lookups of absent keys, most of a check's traffic,
 * never need the bytes themselves, and four characters go in per step.
 */
export function hashValueOf(canonical: string): number {
  let h = SEED;
  const len = canonical.length;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const a = canonical.charCodeAt(i);
    const b = canonical.charCodeAt(i + 1);
    const c = canonical.charCodeAt(i + 2);
    const d = canonical.charCodeAt(i + 3);
    if ((a | b | c | d) >= 0x80) return -1;
    h = mixBlock(h, a | (b << 8) | (c << 16) | (d << 24));
  }
  let k = 0;
  for (let shift = 0; i < len; i++, shift += 8) {
    const a = canonical.charCodeAt(i);
    if (a >= 0x80) return -1;
    k |= a << shift;
  }
  return mixTail(h, k, len);
}

/**
 * The hash of a value from its key bytes (a key without its kind byte): MurmurHash3 (32-bit) over
 * the value's characters, each digit pair read back as its two digits, so that it equals
 * `hashValueOf` of the string; a non-ASCII value over its bytes as stored. The kind goes in
 * afterwards (`withKind`), so one value's hash under every kind costs one pass over it.
 */
export function hashValue(bytes: Uint8Array, start: number, end: number): number {
  const raw = start < end && bytes[start] === RAW_UTF8;
  let h = SEED;
  let k = 0;
  let shift = 0;
  let length = 0;
  for (let i = start; i < end; i++) {
    let unit = bytes[i];
    let next = -1;
    if (!raw && unit >= DIGIT_PAIR) {
      const pair = unit - DIGIT_PAIR;
      unit = 48 + ((pair / 10) | 0);
      next = 48 + (pair % 10);
    }
    for (;;) {
      k |= unit << shift;
      length++;
      shift += 8;
      if (shift === 32) {
        h = mixBlock(h, k);
        k = 0;
        shift = 0;
      }
      if (next < 0) break;
      unit = next;
      next = -1;
    }
  }
  return mixTail(h, k, length);
}

/** The hash of a key's bytes (kind byte at `start`), as the table places it. */
export function hashKey(bytes: Uint8Array, start: number, end: number): number {
  return withKind(hashValue(bytes, start + 1, end), bytes[start]);
}

/** The key's hash from `hashValue` and the kind byte, through murmur3's finaliser, so every bit of the result depends on every byte. */
export function withKind(valueHash: number, kindCode: number): number {
  let h = mixBlock(valueHash, kindCode);
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
