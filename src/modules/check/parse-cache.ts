import type { KindName } from '../indicators/kinds/kind.js';
import { type ItemError, tryParseValue } from '../indicators/parse.js';

/** What a check needs of a parse: the kind and canonical form, or the item's error. */
export type ParseOutcome = { kind: KindName; canonical: string } | { error: ItemError };

type Group = Map<string, ParseOutcome>;

/** First sightings the doorkeeper remembers (a 32-bit hash each, 256 KB). */
const DOORKEEPER_SLOTS = 1 << 16;

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
 * hundred megabytes and more. The first sighting is remembered by a hash of the value alone; a
 * collision only keeps a value one sighting early.
 */
export class ParseCache {
  private readonly groups = new Map<string, Map<string, Group>>();
  private readonly ringGroups: Group[] = [];
  private readonly ringValues: string[] = [];
  private next = 0;
  private count = 0;
  private readonly seen = new Int32Array(DOORKEEPER_SLOTS);

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
    const slot = h & (DOORKEEPER_SLOTS - 1);
    if (this.seen[slot] === h) return true;
    this.seen[slot] = h;
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
