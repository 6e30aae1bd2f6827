import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIndicator } from '../indicators/kinds/registry.js';
import { IndicatorParseError } from '../indicators/kinds/kind.js';

/** Known-good values: they may be reported, but never answer as fraud. */
export interface Allowlist {
  has(kind: string, canonical: string): boolean;
  /** The list that holds the value, for the check answer. */
  listOf(kind: string, canonical: string): string | undefined;
  readonly size: number;
}

interface ListFile {
  name: string;
  kind?: string;
  values?: string[];
  entries?: { kind: string; value: string }[];
}

const LISTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lists');

/** One map per kind: a lookup is one hash of the canonical value, with no key to build. */
class SetAllowlist implements Allowlist {
  private readonly byKind = new Map<string, Map<string, string>>();
  private count = 0;

  add(kind: string, canonical: string, list: string): void {
    let entries = this.byKind.get(kind);
    if (!entries) this.byKind.set(kind, (entries = new Map()));
    if (!entries.has(canonical)) this.count += 1;
    entries.set(canonical, list);
  }

  has(kind: string, canonical: string): boolean {
    return this.byKind.get(kind)?.has(canonical) ?? false;
  }

  listOf(kind: string, canonical: string): string | undefined {
    return this.byKind.get(kind)?.get(canonical);
  }

  get size(): number {
    return this.count;
  }
}

/** Loads every list shipped in `lists/`, canonicalising each value with its kind. */
export function loadAllowlist(dir: string = LISTS_DIR): Allowlist {
  const allowlist = new SetAllowlist();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const list = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as ListFile;
    const entries = list.entries ?? (list.values ?? []).map((value) => ({ kind: list.kind ?? 'domain', value }));
    for (const { kind, value } of entries) {
      try {
        const parsed = parseIndicator(value, { kind });
        allowlist.add(parsed.kind, parsed.canonical, list.name);
      } catch (err) {
        // A list entry our parser refuses (a bare TLD, an IP in a hostname list) cannot match anyway.
        if (!(err instanceof IndicatorParseError)) throw err;
      }
    }
  }
  return allowlist;
}
