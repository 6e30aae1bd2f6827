import { can, type Principal } from '../policy/policy.js';
import type { Tlp } from './stix/stix-markings.js';

/**
 * Who reads a TAXII collection or an export: a principal, or nobody signed in (the public
 * collection); optionally narrowed to one sharing group. Every object interop sends passes
 * `mayRead` — the one place where the policy module's markings filter plugs in.
 */
export interface Reader {
  principal: Principal | null;
  groupId?: string;
}

export type SharedEntity = 'indicator' | 'report' | 'sighting' | 'org' | 'stix-object';

/** The marking an object carries (the trust model's `marking`), read from its stored row. */
export interface Marking {
  tlp: Tlp;
  distribution: string;
  groups: string[];
}

export function markingOf(row: object): Marking | undefined {
  const raw = (row as { marking?: unknown }).marking;
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    return JSON.parse(raw) as Marking;
  } catch {
    return undefined;
  }
}

/**
 * Whether the reader may receive this object. Until the trust model's markings exist, the rules
 * are today's: signed-in readers who may read reports see everything; machines see indicators,
 * sightings and organisations but no reports; the public and group collections carry only what
 * is marked for them.
 */
export function mayRead(reader: Reader, entity: SharedEntity, row: object): boolean {
  const marking = markingOf(row);
  if (reader.groupId !== undefined) return marking?.distribution === 'groups' && marking.groups.includes(reader.groupId);
  if (!reader.principal) return marking?.distribution === 'public' && marking.tlp === 'clear';
  if (entity === 'report' || entity === 'stix-object') return can(reader.principal, 'report:read');
  return can(reader.principal, 'indicator:read');
}

/** The sharing groups the reader belongs to, each served as a TAXII collection of its own. */
export function groupsOf(reader: Reader): { id: string; name: string }[] {
  void reader;
  return [];
}
