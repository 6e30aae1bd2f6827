import type { KindName } from '../indicators/kinds/kind.js';
import { type ItemError, tryParseValue } from '../indicators/parse.js';

/** What a check needs of a parse: the kind and canonical form, or the item's error. */
export type ParseOutcome = { kind: KindName; canonical: string } | { error: ItemError };

/**
 * Parse outcomes of raw check input (kind, country, value), least recently used first out:
 * popular values are checked again and again, and the parsers (libphonenumber, tldts, …) cost
 * tens of microseconds a value. Parsing depends on nothing but its input, so an outcome never
 * goes stale. A Map keeps insertion order, so moving a hit to the end makes it an LRU.
 */
export class ParseCache {
  private readonly entries = new Map<string, ParseOutcome>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  parse(value: string, kind: string | undefined, country: string | undefined): ParseOutcome {
    // A separator no kind name or country code holds keeps the key unambiguous.
    const key = `${kind ?? ''}\u0000${country ?? ''}\u0000${value}`;
    let outcome = this.entries.get(key);
    if (outcome !== undefined) {
      this.entries.delete(key);
    } else {
      const result = tryParseValue(value, kind, country);
      // Only kind and canonical are kept: a parse's display and facts are not the check's business.
      outcome = 'error' in result ? result : { kind: result.parsed.kind, canonical: result.parsed.canonical };
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, outcome);
    return outcome;
  }
}
