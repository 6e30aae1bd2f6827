import { encodeKey, hashKey, hashValueOf, maxKeyLength, PREFIX_CODES, prefixCodeOf, prefixCodeOfKey, sameAsciiKey, withKind } from './index-key.js';
import { DELETED, type Profile, ProfileTable } from './index-profiles.js';

/** The few facts a check answers with, as the index keeps them. */
export interface CheckFacts {
  kind: string;
  canonical: string;
  status: string;
  score: number;
  reports: number;
  organisations: number;
  countries: string[];
  typologies: string[];
  firstSeen: string;
  lastSeen: string;
  /** Operated by a presumed victim of trafficking (victim cases); carried as an extra, never names the person. */
  coercedOperator?: boolean;
  /**
   * Trust (policy/check-audience.ts). The counts above are what every member of the node may see;
   * these say who else learns "known": organisation and sharing-group ids that may see restricted
   * (organisation-only, group, AMBER+STRICT, RED) objects about it; whether an owner shares the
   * bare "known" bit with the community or the public; and what the public may count.
   */
  knownTo?: string[];
  bareKnown?: 'community' | 'public';
  publicReports?: number;
  publicTypologies?: string[];
}

/** The in-memory index behind the check API, kept current from the change log. */
export interface LookupIndex {
  get(kind: string, canonical: string): CheckFacts | undefined;
  /** The row of a live key, or -1: with the accessors below, a check reads only what it answers. */
  lookupRow(kind: string, canonical: string): number;
  /**
   * `lookupRow` for many keys at once: `out[i]` is the row of (kinds[i], values[i]), or -1, for
   * i below `count`. Answers as `lookupRow` would, only faster on a large index.
   */
  lookupRows(kinds: readonly string[], values: readonly string[], count: number, out: Int32Array): void;
  /**
   * The row of a live key when exactly one kind holds `canonical`, or -1 (none, or several):
   * canonical forms of different kinds never look alike, so a single hit tells the kind.
   */
  lookupUnique(canonical: string): number;
  /** The kind of a row. */
  kindAt(row: number): string;
  /** The interned status, countries, typologies and extras of a row from `lookupRow`. */
  profileAt(row: number): Profile;
  /** The report count of a row from `lookupRow`. */
  reportsAt(row: number): number;
  /** The facts of a row from `lookupRow`, as `get` answers them. */
  factsAt(row: number, kind: string, canonical: string): CheckFacts;
  put(facts: CheckFacts): void;
  delete(kind: string, canonical: string): void;
  readonly size: number;
}

/** Keys every CheckFacts has; the index keeps them in columns. `id` rides along in change events and is not a fact. */
const HOT_KEYS = new Set(['kind', 'canonical', 'status', 'score', 'reports', 'organisations', 'countries', 'typologies', 'firstSeen', 'lastSeen', 'id']);
// Counts past these sentinels live in a side map: they are rare, and the columns stay narrow.
const BIG_REPORTS = 0xffff;
const BIG_ORGS = 0xff;
const MAX_LOAD = 0.85;
const TARGET_LOAD = 0.7;
const ROW_GROWTH = 1.25;
/** Keys a `lookupRows` pass reads ahead: their table lines (64 bytes each) stay in the core's own cache. */
const READ_AHEAD = 256;

/** Columns of one index, as a snapshot stores them (only the first `rows` entries are used). */
export interface IndexColumns {
  rows: number;
  live: number;
  kinds: string[];
  offsets: Uint32Array;
  keyBytes: Uint8Array;
  scores: Uint8Array;
  reports: Uint16Array;
  orgs: Uint8Array;
  profileIds: Uint16Array | Uint32Array;
  firstSeen: Uint32Array;
  lastSeen: Uint32Array;
  bigCounts: [row: number, reports: number, orgs: number][];
  profiles: ProfileTable;
}

export type KeyHash = (bytes: Uint8Array, start: number, end: number) => number;

/**
 * The check index on typed arrays: an open-addressing table (linear probing over a one-byte tag
 * array, then a row number) over columnar facts, with every key's bytes kept in one buffer so
 * that a hash match is confirmed byte for byte: a collision can never answer `known` wrongly.
 * About 40 bytes an indicator, against several hundred for a Map of objects.
 *
 * @example
 * const index = new CompactLookupIndex();
 * index.put(facts);                        // facts.kind 'phone', canonical '+66812345678'
 * index.get('phone', '+66812345678')?.score // → facts.score
 */
export class CompactLookupIndex implements LookupIndex {
  private c: IndexColumns;
  private slots: Uint32Array;
  private tags: Uint8Array;
  private tagWords: DataView;
  private readonly kindCodes = new KindCodes();
  private readonly big = new Map<number, { reports: number; orgs: number }>();
  private scratch = new Uint8Array(256);
  // lookupRows' working space, per key of a pass: its kind code (-1: looked up alone), hash and the
  // slot its probe starts from; then per key whose tag matched: which key it is, the slot of the
  // match, that slot's row, and where the row's key bytes start.
  private readonly aheadCodes = new Int32Array(READ_AHEAD);
  private readonly aheadHashes = new Uint32Array(READ_AHEAD);
  private readonly aheadSlots = new Int32Array(READ_AHEAD);
  private readonly aheadRows = new Int32Array(READ_AHEAD);
  private readonly aheadStarts = new Uint32Array(READ_AHEAD);
  private readonly aheadMatched = new Int32Array(READ_AHEAD);
  /** Where the read-ahead passes leave what they read, so that the reads are not optimised away. */
  private touched = 0;
  /**
   * For each `prefixCodeOf`, the kinds (codes below 32, one bit each) with a key beginning so,
   * deleted keys included: a lookup without a kind probes only those. Kinds from 32 on are
   * always probed.
   */
  private kindsByPrefix = new Uint32Array(PREFIX_CODES);

  constructor(
    expectedRows = 0,
    private readonly hash: KeyHash = hashKey,
  ) {
    const rowCap = Math.max(1024, expectedRows);
    this.c = {
      rows: 0,
      live: 0,
      kinds: [],
      offsets: new Uint32Array(rowCap + 1),
      keyBytes: new Uint8Array(rowCap * 16),
      scores: new Uint8Array(rowCap),
      reports: new Uint16Array(rowCap),
      orgs: new Uint8Array(rowCap),
      profileIds: new Uint16Array(rowCap),
      firstSeen: new Uint32Array(rowCap),
      lastSeen: new Uint32Array(rowCap),
      bigCounts: [],
      profiles: new ProfileTable(),
    };
    this.slots = new Uint32Array(0);
    this.tags = new Uint8Array(0);
    this.tagWords = new DataView(this.tags.buffer);
    this.rehash(tableCapacityFor(rowCap));
  }

  /**
   * An index over columns read from a snapshot. The arrays may be longer than `rows`: the spare
   * room takes new indicators without a copy. The hash table is rebuilt, not stored.
   */
  static fromColumns(columns: IndexColumns): CompactLookupIndex {
    const index = new CompactLookupIndex(0);
    index.c = columns;
    columns.kinds.forEach((k, code) => index.kindCodes.set(k, code));
    for (const [row, reports, orgs] of columns.bigCounts) index.big.set(row, { reports, orgs });
    for (let row = 0; row < columns.rows; row++) {
      const start = columns.offsets[row];
      index.notePrefix(columns.keyBytes[start], prefixCodeOfKey(columns.keyBytes, start, columns.offsets[row + 1]));
    }
    index.rehash(tableCapacityFor(columns.scores.length));
    return index;
  }

  /** The columns as they are now, trimmed to the rows in use: for a snapshot. */
  columns(): IndexColumns {
    const c = this.c;
    return {
      ...c,
      offsets: c.offsets.subarray(0, c.rows + 1),
      keyBytes: c.keyBytes.subarray(0, c.offsets[c.rows]),
      scores: c.scores.subarray(0, c.rows),
      reports: c.reports.subarray(0, c.rows),
      orgs: c.orgs.subarray(0, c.rows),
      profileIds: c.profileIds.subarray(0, c.rows),
      firstSeen: c.firstSeen.subarray(0, c.rows),
      lastSeen: c.lastSeen.subarray(0, c.rows),
      bigCounts: [...this.big].map(([row, b]) => [row, b.reports, b.orgs]),
    };
  }

  get size(): number {
    return this.c.live;
  }

  get(kind: string, canonical: string): CheckFacts | undefined {
    const row = this.lookupRow(kind, canonical);
    return row < 0 ? undefined : this.factsAt(row, kind, canonical);
  }

  lookupRow(kind: string, canonical: string): number {
    const row = this.find(kind, canonical);
    return row >= 0 && this.c.profileIds[row] !== DELETED ? row : -1;
  }

  lookupRows(kinds: readonly string[], values: readonly string[], count: number, out: Int32Array): void {
    for (let from = 0; from < count; from += READ_AHEAD) this.lookupAhead(kinds, values, from, Math.min(READ_AHEAD, count - from), out);
  }

  /**
   * One pass of `lookupRows`. On a large index nearly every key's slot, row and key bytes are
   * cache misses; one key at a time they queue, each waiting for the last. Here the keys are
   * hashed first, then their tag bytes read, then the rows of the keys whose tag matched, then
   * their columns, each in a loop whose reads do not depend on one another, so the processor keeps
   * many misses in flight at once; the probe that decides (`probe`, byte for byte) then finds it
   * all in cache. The loops after the tags run over the matched keys only, listed without a
   * branch: a branch per key that one in five takes is mispredicted often, and each misprediction
   * throws away the reads the processor had started past it.
   */
  private lookupAhead(kinds: readonly string[], values: readonly string[], from: number, n: number, out: Int32Array): void {
    const { aheadCodes: codes, aheadHashes: hashes, aheadSlots: firstSlots, aheadRows: rows, aheadStarts: starts, aheadMatched: matched, tags, tagWords, slots } = this;
    const { offsets, keyBytes, profileIds } = this.c;
    const cap = slots.length;
    const batched = this.hash === hashKey;
    // A batch names few kinds, mostly in runs: the last one's code is kept.
    let lastKind: string | undefined;
    let lastCode: number | undefined;
    for (let i = 0; i < n; i++) {
      const kind = kinds[from + i];
      if (kind !== lastKind) {
        lastKind = kind;
        lastCode = this.kindCodes.get(kind);
      }
      const code = lastCode;
      const valueHash = code === undefined || !batched ? -1 : hashValueOf(values[from + i]);
      // Unknown kinds, and values the hash cannot be taken of from the string, go one by one.
      codes[i] = valueHash < 0 ? -1 : code!;
      if (valueHash < 0) continue;
      const h = withKind(valueHash, code!);
      hashes[i] = h;
      firstSlots[i] = slotOf(h, cap);
    }
    let touched = 0;
    for (let i = 0; i < n; i++) if (codes[i] >= 0) touched += tags[firstSlots[i]];
    // The keys with a slot of their tag before an empty one, each with that slot: the others are not
    // held. The list is written over `firstSlots` from the front, never past the key being read.
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (codes[i] < 0) continue;
      const slot = firstOfTag(tags, tagWords, firstSlots[i], (hashes[i] & 0x7f) | 0x80);
      matched[m] = i;
      firstSlots[m] = slot;
      m += (slot >>> 31) ^ 1;
    }
    for (let j = 0; j < m; j++) rows[j] = slots[firstSlots[j]];
    for (let j = 0; j < m; j++) {
      starts[j] = offsets[rows[j]];
      touched += profileIds[rows[j]];
    }
    for (let j = 0; j < m; j++) touched += keyBytes[starts[j]];
    this.touched = touched;
    for (let i = 0; i < n; i++) out[from + i] = codes[i] < 0 ? this.lookupRow(kinds[from + i], values[from + i]) : -1;
    for (let j = 0; j < m; j++) {
      const i = matched[j];
      const row = this.probeFrom(firstSlots[j], (hashes[i] & 0x7f) | 0x80, -1, codes[i], values[from + i]);
      out[from + i] = row >= 0 && profileIds[row] !== DELETED ? row : -1;
    }
  }

  lookupUnique(canonical: string): number {
    const kinds = this.c.kinds.length;
    // The value's bytes are hashed once; each kind only mixes in its byte.
    const valueHash = this.hash === hashKey ? hashValueOf(canonical) : -1;
    const candidates = this.kindsByPrefix[prefixCodeOf(canonical)];
    if (candidates === 0 && kinds <= 32) return -1;
    let found = -1;
    for (let code = 0; code < kinds; code++) {
      if (code < 32 && ((candidates >>> code) & 1) === 0) continue;
      const row = valueHash >= 0 ? Math.max(-1, this.probe(withKind(valueHash, code), -1, code, canonical)) : this.findCode(code, canonical);
      if (row < 0 || this.c.profileIds[row] === DELETED) continue;
      if (found >= 0) return -1;
      found = row;
    }
    return found;
  }

  kindAt(row: number): string {
    return this.c.kinds[this.c.keyBytes[this.c.offsets[row]]];
  }

  profileAt(row: number): Profile {
    return this.c.profiles.at(this.c.profileIds[row]);
  }

  reportsAt(row: number): number {
    const reports = this.c.reports[row];
    return reports === BIG_REPORTS ? (this.big.get(row)?.reports ?? reports) : reports;
  }

  factsAt(row: number, kind: string, canonical: string): CheckFacts {
    const c = this.c;
    const p = c.profiles.at(c.profileIds[row]);
    const big = c.reports[row] === BIG_REPORTS || c.orgs[row] === BIG_ORGS ? this.big.get(row) : undefined;
    const facts = {
      kind,
      canonical,
      status: p.status,
      score: c.scores[row],
      reports: big?.reports ?? c.reports[row],
      organisations: big?.orgs ?? c.orgs[row],
      countries: p.countries as string[],
      typologies: p.typologies as string[],
      firstSeen: isoOf(c.firstSeen[row]),
      lastSeen: isoOf(c.lastSeen[row]),
    };
    return p.extras ? { ...facts, ...p.extras } : facts;
  }

  /** The row holding the key, or -1. Deleted rows are found too: their profile tells. */
  private find(kind: string, canonical: string): number {
    const code = this.kindCodes.get(kind);
    return code === undefined ? -1 : this.findCode(code, canonical);
  }

  private findCode(code: number, canonical: string): number {
    if (this.hash === hashKey) {
      // The hash straight from the string; the key's bytes only if a slot's tag matches.
      const valueHash = hashValueOf(canonical);
      if (valueHash >= 0) return Math.max(-1, this.probe(withKind(valueHash, code), -1, code, canonical));
    }
    const n = this.encode(code, canonical);
    return Math.max(-1, this.probe(this.hash(this.scratch, 0, n), n, code, canonical));
  }

  put(facts: CheckFacts): void {
    let code = this.kindCodes.get(facts.kind);
    if (code === undefined) {
      code = this.c.kinds.length;
      if (code > 0xff) throw new Error('the lookup index holds at most 256 kinds');
      this.c.kinds.push(facts.kind);
      this.kindCodes.set(facts.kind, code);
    }
    const n = this.encode(code, facts.canonical);
    const h = this.hash(this.scratch, 0, n);
    let row = this.probe(h, n, code, facts.canonical);
    if (row < 0) {
      this.notePrefix(code, prefixCodeOf(facts.canonical));
      row = this.appendKey(n);
      if (this.c.rows > this.slots.length * MAX_LOAD) this.rehash(tableCapacityFor(this.c.rows * ROW_GROWTH));
      else this.insertSlot(h, row);
    }
    this.setFacts(row, facts);
  }

  delete(kind: string, canonical: string): void {
    const row = this.find(kind, canonical);
    if (row < 0 || this.c.profileIds[row] === DELETED) return;
    this.c.profileIds[row] = DELETED;
    this.big.delete(row);
    this.c.live--;
  }

  private notePrefix(code: number, prefix: number): void {
    if (code < 32) this.kindsByPrefix[prefix] |= 1 << code;
  }

  private encode(code: number, canonical: string): number {
    const need = maxKeyLength(canonical);
    if (need > this.scratch.length) this.scratch = new Uint8Array(need * 2);
    return encodeKey(code, canonical, this.scratch);
  }

  /**
   * The row whose key is (code, canonical), or -(empty slot + 1) where it would go. `n` is the
   * key's length in scratch, or -1 for an ASCII value not encoded: it is compared as it is.
   */
  private probe(h: number, n: number, code: number, canonical: string): number {
    return this.probeFrom(slotOf(h, this.slots.length), (h & 0x7f) | 0x80, n, code, canonical);
  }

  /** `probe` from a given slot on, for a key whose tag is `tag`. */
  private probeFrom(slot: number, tag: number, n: number, code: number, canonical: string): number {
    const { slots, tags, tagWords } = this;
    const { offsets, keyBytes } = this.c;
    for (;;) {
      const at = firstOfTag(tags, tagWords, slot, tag);
      if (at < 0) return at;
      const row = slots[at];
      const start = offsets[row];
      const end = offsets[row + 1];
      if (n < 0) {
        if (sameAsciiKey(keyBytes, start, end, code, canonical)) return row;
      } else {
        this.scratch[0] = code;
        if (end - start === n && this.sameKey(keyBytes, start, n)) return row;
      }
      slot = at + 1 === slots.length ? 0 : at + 1;
    }
  }

  private sameKey(keyBytes: Uint8Array, start: number, n: number): boolean {
    const s = this.scratch;
    for (let i = 0; i < n; i++) if (keyBytes[start + i] !== s[i]) return false;
    return true;
  }

  private insertSlot(h: number, row: number): void {
    const cap = this.slots.length;
    let slot = slotOf(h, cap);
    while (this.tags[slot] !== 0) if (++slot === cap) slot = 0;
    this.tags[slot] = (h & 0x7f) | 0x80;
    this.slots[slot] = row;
  }

  private rehash(capacity: number): void {
    this.slots = new Uint32Array(capacity);
    this.tags = new Uint8Array(capacity);
    this.tagWords = new DataView(this.tags.buffer);
    const { offsets, keyBytes, rows } = this.c;
    for (let row = 0; row < rows; row++) this.insertSlot(this.hash(keyBytes, offsets[row], offsets[row + 1]), row);
  }

  private appendKey(n: number): number {
    const c = this.c;
    const row = c.rows;
    const start = c.offsets[row];
    if (row >= c.scores.length || start + n > c.keyBytes.length) {
      this.growRows(Math.ceil((row + 1) * ROW_GROWTH), Math.ceil((start + n) * ROW_GROWTH));
    }
    this.c.keyBytes.set(this.scratch.subarray(0, n), start);
    this.c.offsets[row + 1] = start + n;
    this.c.profileIds[row] = DELETED;
    this.c.rows = row + 1;
    return row;
  }

  private setFacts(row: number, facts: CheckFacts): void {
    const c = this.c;
    if (c.profileIds[row] === DELETED) c.live++;
    const profileId = c.profiles.intern(facts.status, facts.countries, facts.typologies, extrasOf(facts));
    if (profileId > 0xffff && c.profileIds instanceof Uint16Array) c.profileIds = Uint32Array.from(c.profileIds);
    c.profileIds[row] = profileId;
    c.scores[row] = Math.max(0, Math.min(255, Math.round(facts.score)));
    c.reports[row] = Math.min(facts.reports, BIG_REPORTS);
    c.orgs[row] = Math.min(facts.organisations, BIG_ORGS);
    if (facts.reports >= BIG_REPORTS || facts.organisations >= BIG_ORGS) this.big.set(row, { reports: facts.reports, orgs: facts.organisations });
    else this.big.delete(row);
    c.firstSeen[row] = secondsOf(facts.firstSeen);
    c.lastSeen[row] = secondsOf(facts.lastSeen);
  }

  private growRows(rowCap: number, byteCap: number): void {
    const c = this.c;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, size: number): T => {
      if (a.length >= size) return a;
      const next = new (a.constructor as new (n: number) => T)(size);
      next.set(a);
      return next;
    };
    c.offsets = grow(c.offsets, rowCap + 1);
    c.keyBytes = grow(c.keyBytes, byteCap);
    c.scores = grow(c.scores, rowCap);
    c.reports = grow(c.reports, rowCap);
    c.orgs = grow(c.orgs, rowCap);
    c.profileIds = grow(c.profileIds, rowCap);
    c.firstSeen = grow(c.firstSeen, rowCap);
    c.lastSeen = grow(c.lastSeen, rowCap);
  }
}

/**
 * The first slot from `slot` on whose tag is `tag`, or -(empty slot + 1) when an empty slot comes
 * first. Four tags a load: the first byte that is empty (high bit clear) or the tag decides.
 */
function firstOfTag(tags: Uint8Array, words: DataView, slot: number, tag: number): number {
  const cap = tags.length;
  const repeated = Math.imul(tag, 0x01010101);
  for (;;) {
    if (slot + 4 <= cap) {
      const word = words.getUint32(slot, true);
      const other = word ^ repeated;
      // High bits of the empty bytes, and of the bytes equal to the tag (the lowest such is exact).
      const found = (~word & 0x80808080) | ((other - 0x01010101) & ~other & 0x80808080);
      if (found !== 0) {
        const at = slot + ((31 - Math.clz32(found & -found)) >> 3);
        return tags[at] === tag ? at : -at - 1;
      }
      slot += 4;
    } else {
      // The last few slots, one at a time.
      const t = tags[slot];
      if (t === 0) return -slot - 1;
      if (t === tag) return slot;
      slot++;
    }
    if (slot === cap) slot = 0;
  }
}

function tableCapacityFor(rows: number): number {
  return Math.max(1024, Math.ceil(rows / TARGET_LOAD));
}

/** Maps a hash onto [0, cap) by its high bits (Lemire's multiply-shift), so any capacity works. */
function slotOf(h: number, cap: number): number {
  return Math.floor((h * cap) / 4294967296);
}

function extrasOf(facts: CheckFacts): Record<string, unknown> | undefined {
  let extras: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(facts)) {
    if (HOT_KEYS.has(k) || v === undefined) continue;
    (extras ??= {})[k] = v;
  }
  return extras;
}

/** Times are kept to the second, as unsigned epoch seconds. */
function secondsOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
}

// Popular indicators are asked about again and again: their times are formatted once.
const ISO_CACHE_SIZE = 4096;
const isoSeconds = new Float64Array(ISO_CACHE_SIZE).fill(-1);
const isoText: string[] = new Array<string>(ISO_CACHE_SIZE).fill('');

function isoOf(seconds: number): string {
  const slot = seconds & (ISO_CACHE_SIZE - 1);
  if (isoSeconds[slot] !== seconds) {
    isoSeconds[slot] = seconds;
    isoText[slot] = formatIso(seconds);
  }
  return isoText[slot];
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
// `YYYY-MM-DDT` of each day of the unsigned epoch seconds met so far: one serves 86,400 seconds.
const dayText: string[] = new Array<string>(Math.ceil(2 ** 32 / 86_400)).fill('');

/**
 * `new Date(seconds * 1000).toISOString()` for the index's unsigned epoch seconds, without a Date:
 * a miss of the cache above costs a check of many unseen hits more than the rest of its answer.
 */
export function formatIso(seconds: number): string {
  const day = Math.floor(seconds / 86_400);
  const rest = seconds - day * 86_400;
  let date = dayText[day];
  if (date === '') date = dayText[day] = new Date(day * 86_400_000).toISOString().slice(0, 11);
  const hour = Math.floor(rest / 3600);
  const minute = Math.floor((rest - hour * 3600) / 60);
  return `${date}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[rest - hour * 3600 - minute * 60]}.000Z`;
}

/**
 * Kind names to their codes. A check's kinds arrive as fresh strings (decoded from its request),
 * whose hash a Map computes anew for each one; here a kind is found by its length and end
 * characters, then confirmed equal to the name, which costs a few comparisons. Kinds that share
 * such a place (there are a dozen kinds and 256 places) are found in the Map.
 */
class KindCodes {
  private readonly byName = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly places = new Int16Array(256).fill(-1);

  get(kind: string): number | undefined {
    const len = kind.length;
    if (len > 0) {
      const code = this.places[placeOf(kind, len)];
      if (code >= 0 && this.names[code] === kind) return code;
    }
    return this.byName.get(kind);
  }

  set(kind: string, code: number): void {
    this.byName.set(kind, code);
    this.names[code] = kind;
    if (kind.length > 0) {
      const place = placeOf(kind, kind.length);
      if (this.places[place] < 0) this.places[place] = code;
    }
  }
}

function placeOf(kind: string, len: number): number {
  return (len * 37 + kind.charCodeAt(0) * 7 + kind.charCodeAt(len - 1)) & 0xff;
}
