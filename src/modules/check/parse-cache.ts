import type { KindName } from '../indicators/kinds/kind.js';
import { type ItemError, tryParseValue } from '../indicators/parse.js';

/** What a check needs of a parse: the kind and canonical form, or the item's error. */
export type ParseOutcome = { kind: KindName; canonical: string } | { error: ItemError };

type Group = Map<string, ParseOutcome>;

/**
 * The doorkeeper: a Bloom filter of first sightings, three bits a value in 2 Mbit (256 KB),
 * cleared after 131,072 of them so that it forgets old one-off values. Near the end of a period
 * one value in about 170 is let in on its first sighting; none is ever kept out once seen twice.
 */
const DOORKEEPER_BITS = 1 << 21;
const DOORKEEPER_PERIOD = 1 << 17;

/**
 * Parse outcomes of raw check input (kind, country, value): popular values are checked again and
 * again, and the parsers (libphonenumber, tldts, …) cost tens of microseconds a value. Parsing
 * depends on nothing but its input, so an outcome never goes stale. When full, the oldest entry
 * goes first (a ring of what was added): a hit costs two small lookups and one hash of the value,
 * with no key to build and nothing to reorder, and a popular value dropped is parsed once and
 * comes back. Outcomes are grouped by kind and country, which are few.
 *
 * A value is kept from its second sighting on (a doorkeeper, as in TinyLFU): a stream of input
 * never seen before, each value sent once, would otherwise push the popular values out and leave
 * every evicted outcome as garbage in the old generation, which grew a busy server's heap by a
 * hundred megabytes and more. The first sighting is remembered by bits of a hash of the value
 * alone (a Bloom filter, so two values never keep each other out); a collision only keeps a value
 * one sighting early.
 */
export class ParseCache {
  private readonly groups = new Map<string, Map<string, Group>>();
  private readonly ringGroups: Group[] = [];
  private readonly ringValues: string[] = [];
  private next = 0;
  private count = 0;
  private readonly seen = new Int32Array(DOORKEEPER_BITS / 32);
  private firstSightings = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  parse(value: string, kind: string | undefined, country: string | undefined): ParseOutcome {
    const group = this.groupOf(kind ?? '', country ?? '');
    const hit = group.get(value);
    if (hit !== undefined) return hit;
    const result = tryParseValue(value, kind, country);
    // Only kind and canonical are kept: a parse's display and facts are not the check's business.
    const outcome: ParseOutcome = 'error' in result ? result : { kind: result.parsed.kind, canonical: result.parsed.canonical };
    if (this.admits(value)) this.keep(group, value, outcome);
    return outcome;
  }

  /** Whether `value` was seen before (and, if not, remembers that it now has been). */
  private admits(value: string): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    // Three bit positions from two hashes (Kirsch and Mitzenmacher): h, h + g, h + 2g.
    const g = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) | 1;
    const seen = this.seen;
    let all = true;
    for (let j = 0; j < 3; j++) {
      const bit = (h + Math.imul(j, g)) & (DOORKEEPER_BITS - 1);
      const mask = 1 << (bit & 31);
      if ((seen[bit >>> 5] & mask) === 0) {
        all = false;
        seen[bit >>> 5] |= mask;
      }
    }
    if (all) return true;
    if (++this.firstSightings === DOORKEEPER_PERIOD) {
      seen.fill(0);
      this.firstSightings = 0;
    }
    return false;
  }

  private keep(group: Group, value: string, outcome: ParseOutcome): void {
    if (this.count === this.capacity) this.ringGroups[this.next].delete(this.ringValues[this.next]);
    else this.count += 1;
    this.ringGroups[this.next] = group;
    this.ringValues[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    group.set(value, outcome);
  }

  private groupOf(kind: string, country: string): Group {
    let byCountry = this.groups.get(kind);
    if (!byCountry) this.groups.set(kind, (byCountry = new Map()));
    let group = byCountry.get(country);
    if (!group) byCountry.set(country, (group = new Map()));
    return group;
  }
}
