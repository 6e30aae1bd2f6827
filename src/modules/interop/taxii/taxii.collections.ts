import { v5 as uuidv5 } from 'uuid';
import { can } from '../../policy/policy.js';
import { FRAUDX_NAMESPACE } from '../stix/stix-ids.js';
import type { Reader } from '../visibility.js';

export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

export interface TaxiiCollection {
  id: string;
  alias: string;
  title: string;
  description: string;
  /** Who reads through this collection: the caller, the public, or the caller within one group. */
  readerFor(reader: Reader): Reader | undefined;
  canWrite(reader: Reader): boolean;
}

function collectionId(name: string): string {
  return uuidv5(`taxii-collection:${name}`, FRAUDX_NAMESPACE);
}

const ALL: TaxiiCollection = {
  id: collectionId('all'),
  alias: 'all',
  title: 'Everything you may see',
  description: 'Indicators (with their observables), reports, sightings and organisations this node shares with you, in change-log order.',
  readerFor: (reader) => (reader.principal && can(reader.principal, 'indicator:read') ? { principal: reader.principal } : undefined),
  canWrite: (reader) => Boolean(reader.principal && can(reader.principal, 'indicator:import')),
};

const PUBLIC: TaxiiCollection = {
  id: collectionId('public'),
  alias: 'public',
  title: 'Public',
  description: 'What this node publishes to everyone (TLP:CLEAR, public distribution); no key needed.',
  readerFor: () => ({ principal: null }),
  canWrite: () => false,
};

export interface GroupRef {
  id: string;
  name: string;
}

/** The collections a reader can list: everything they may see, one per sharing group, the public one. */
export function collectionsFor(reader: Reader, groupRefs: readonly GroupRef[]): TaxiiCollection[] {
  const groups: TaxiiCollection[] = groupRefs.map((g) => ({
    id: collectionId(`group:${g.id}`),
    alias: `group-${g.id}`,
    title: `Sharing group: ${g.name}`,
    description: `What is shared with the sharing group ${g.name}.`,
    readerFor: (r) => (r.principal ? { principal: r.principal, groupId: g.id } : undefined),
    canWrite: () => false,
  }));
  return [...(reader.principal ? [ALL] : []), ...groups, PUBLIC];
}

export function findCollection(reader: Reader, groupRefs: readonly GroupRef[], idOrAlias: string): TaxiiCollection | undefined {
  return collectionsFor(reader, groupRefs).find((c) => c.id === idOrAlias || c.alias === idOrAlias);
}

export function presentCollection(c: TaxiiCollection, reader: Reader): Record<string, unknown> {
  return { id: c.id, title: c.title, description: c.description, alias: c.alias, can_read: c.readerFor(reader) !== undefined, can_write: c.canWrite(reader), media_types: [STIX_MEDIA_TYPE] };
}
