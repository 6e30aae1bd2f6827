/**
 * The low-cardinality facts of an indicator — status, countries, typologies and any fields beyond
 * the hot ones — interned as one "profile": millions of indicators share a few thousand profiles,
 * so each row stores only a profile number.
 */
export interface Profile {
  status: string;
  countries: readonly string[];
  typologies: readonly string[];
  /** Fields of CheckFacts beyond the hot ones, carried through unchanged; undefined when none. */
  extras: Readonly<Record<string, unknown>> | undefined;
}

/** Profile 0 marks a deleted row, so a row's key can stay in the table and be revived. */
export const DELETED = 0;

export class ProfileTable {
  private readonly list: Profile[] = [{ status: '', countries: [], typologies: [], extras: undefined }];
  private readonly byKey = new Map<string, number>();

  get count(): number {
    return this.list.length;
  }

  at(id: number): Profile {
    return this.list[id];
  }

  intern(status: string, countries: readonly string[], typologies: readonly string[], extras: Record<string, unknown> | undefined): number {
    const key = JSON.stringify([status, countries, typologies, extras ?? null]);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.list.length;
      // Frozen because every answer for these rows shares the same arrays.
      this.list.push(Object.freeze({
        status,
        countries: Object.freeze([...countries]),
        typologies: Object.freeze([...typologies]),
        extras: extras && Object.freeze({ ...extras }),
      }));
      this.byKey.set(key, id);
    }
    return id;
  }

  /** Every profile but the deleted marker, in id order: what a snapshot stores. */
  toJSON(): Profile[] {
    return this.list.slice(1);
  }

  static fromJSON(profiles: readonly Profile[]): ProfileTable {
    const table = new ProfileTable();
    for (const p of profiles) table.intern(p.status, p.countries, p.typologies, p.extras as Record<string, unknown> | undefined);
    return table;
  }
}
