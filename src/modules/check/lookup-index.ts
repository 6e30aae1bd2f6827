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
}

/** The in-memory index behind the check API, kept current from the change log. */
export interface LookupIndex {
  get(kind: string, canonical: string): CheckFacts | undefined;
  put(facts: CheckFacts): void;
  delete(kind: string, canonical: string): void;
  readonly size: number;
}

function keyOf(kind: string, canonical: string): string {
  return kind + '\u0000' + canonical;
}

export class MapLookupIndex implements LookupIndex {
  private readonly entries = new Map<string, CheckFacts>();

  get(kind: string, canonical: string): CheckFacts | undefined {
    return this.entries.get(keyOf(kind, canonical));
  }

  put(facts: CheckFacts): void {
    this.entries.set(keyOf(facts.kind, facts.canonical), facts);
  }

  delete(kind: string, canonical: string): void {
    this.entries.delete(keyOf(kind, canonical));
  }

  get size(): number {
    return this.entries.size;
  }
}
