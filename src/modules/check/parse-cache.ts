import type { KindName } from '../indicators/kinds/kind.js';
import { type ItemError, tryParseValue } from '../indicators/parse.js';

/** What a check needs of a parse: the kind and canonical form, or the item's error. */
export type ParseOutcome = { kind: KindName; canonical: string } | { error: ItemError };

type Group = Map<string, ParseOutcome>;

/**
 * Parse outcomes of raw check input (kind, country, value): popular values are checked again and
 * again, and the parsers (libphonenumber, tldts, …) cost tens of microseconds a value. Parsing
 * depends on nothing but its input, so an outcome never goes stale. When full, the oldest entry
 * goes first (a ring of what was added): a hit costs two small lookups and one hash of the value,
 * with no key to build and nothing to reorder, and a popular value dropped is parsed once and
 * comes back. Outcomes are grouped by kind and country, which are few.
 */
export class ParseCache {
  private readonly groups = new Map<string, Map<string, Group>>();
  private readonly ringGroups: Group[] = [];
  private readonly ringValues: string[] = [];
  private next = 0;
  private count = 0;

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
    if (this.count === this.capacity) this.ringGroups[this.next].delete(this.ringValues[this.next]);
    else this.count += 1;
    this.ringGroups[this.next] = group;
    this.ringValues[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    group.set(value, outcome);
    return outcome;
  }

  private groupOf(kind: string, country: string): Group {
    let byCountry = this.groups.get(kind);
    if (!byCountry) this.groups.set(kind, (byCountry = new Map()));
    let group = byCountry.get(country);
    if (!group) byCountry.set(country, (group = new Map()));
    return group;
  }
}
