import type { KindName } from '../indicators/kinds/kind.js';
import { type ItemError, tryParseValue } from '../indicators/parse.js';

/** What a check needs of a parse: the kind and canonical form, or the item's error. */
export type ParseOutcome = { kind: KindName; canonical: string } | { error: ItemError };

/**
 * Parse outcomes of raw check input (kind, country, value), bounded: popular values are checked
 * again and again, and the parsers (libphonenumber, tldts, …) cost tens of microseconds a value.
 * Parsing depends on nothing but its input, so an outcome never goes stale.
 *
 * Two generations of Maps approximate an LRU without bookkeeping per hit: new outcomes go into
 * the young one; when it is full it becomes the old one and the previous old one is dropped; a
 * hit in the old one moves up. At most `capacity` entries are held.
 */
export class ParseCache {
  private young = new Map<string, ParseOutcome>();
  private old = new Map<string, ParseOutcome>();
  private readonly half: number;

  constructor(capacity = 100_000) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  parse(value: string, kind: string | undefined, country: string | undefined): ParseOutcome {
    // A separator no kind name or country code holds keeps the key unambiguous.
    const key = `${kind ?? ''}\u0000${country ?? ''}\u0000${value}`;
    let outcome = this.young.get(key);
    if (outcome !== undefined) return outcome;
    outcome = this.old.get(key);
    if (outcome === undefined) {
      const result = tryParseValue(value, kind, country);
      // Only kind and canonical are kept: a parse's display and facts are not the check's business.
      outcome = 'error' in result ? result : { kind: result.parsed.kind, canonical: result.parsed.canonical };
    }
    this.remember(key, outcome);
    return outcome;
  }

  private remember(key: string, outcome: ParseOutcome): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, outcome);
  }
}
