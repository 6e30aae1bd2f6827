import { type Expression, type SqlBool, sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { can, type Principal } from '../policy/policy.js';
import { canSee, indicatorVisibleTo, type MarkedRow, publicPrincipal, visibleTo } from '../policy/visibility.js';
import { isTlp, type Tlp } from './stix/stix-markings.js';

/**
 * Who reads a TAXII collection or an export: a principal, or nobody signed in (the public
 * collection); optionally narrowed to one sharing group. Everything interop sends is decided by
 * the policy module (`canSee`, `visibleTo`, `indicatorVisibleTo`) through the functions below.
 */
export interface Reader {
  principal: Principal | null;
  groupId?: string;
}

export type SharedEntity = 'indicator' | 'report' | 'sighting' | 'org' | 'stix-object';

function policyPrincipal(reader: Reader): Principal {
  return reader.principal ?? publicPrincipal;
}

function isMarked(row: object): row is MarkedRow {
  const r = row as Partial<MarkedRow>;
  return typeof r.tlp === 'string' && typeof r.audience === 'string' && typeof r.share_groups === 'string' && typeof r.org_id === 'string';
}

/** The TLP an object is marked with, for its STIX `object_marking_refs` or MISP `tlp:` tag. */
export function tlpOf(row: object): Tlp | undefined {
  const tlp = (row as { tlp?: unknown }).tlp;
  return typeof tlp === 'string' && isTlp(tlp) ? tlp : undefined;
}

/** Whether the reader may read reports at all (machines check and sight; they do not browse reports). */
export function readsReports(reader: Reader): boolean {
  return reader.principal !== null && reader.groupId === undefined && can(reader.principal, 'report:read');
}

/**
 * Whether the reader may receive this object. Indicators are filtered in SQL by
 * `indicatorFilter` before they get here; organisations and objects kept as received go to
 * members only; marked objects go where the policy module says, and a group collection carries
 * only what is shared with that group.
 */
export function mayRead(reader: Reader, entity: SharedEntity, row: object): boolean {
  if (entity === 'indicator') return reader.principal === null || can(reader.principal, 'indicator:read');
  if (entity === 'org') return reader.principal !== null && reader.groupId === undefined;
  if (entity === 'stix-object') return readsReports(reader);
  if (entity === 'report' && reader.principal && !can(reader.principal, 'report:read')) return false;
  if (!isMarked(row)) return false;
  if (reader.groupId !== undefined && !(row.audience === 'groups' && row.share_groups.includes(`,${reader.groupId},`))) return false;
  return canSee(policyPrincipal(reader), row);
}

/** The SQL condition on an indicator id column: some assertion or sighting about it is visible to the reader. */
export function indicatorFilter(reader: Reader, idColumn: string): Expression<SqlBool> {
  const principal = policyPrincipal(reader);
  if (reader.groupId === undefined) return indicatorVisibleTo(principal, idColumn);
  const id = sql.ref(idColumn);
  const group = `%,${reader.groupId},%`;
  return sql<SqlBool>`exists (select 1 from assertions ga where ga.indicator_id = ${id} and ga.audience = 'groups' and ga.share_groups like ${group} and ${visibleTo(principal, 'ga')})`;
}

/** The sharing groups the reader belongs to, each served as a TAXII collection of its own. */
export async function groupsOf(ctx: AppContext, reader: Reader): Promise<{ id: string; name: string }[]> {
  const ids = reader.principal?.groups ?? [];
  if (ids.length === 0) return [];
  return ctx.storage.db.selectFrom('sharing_groups').select(['id', 'name']).where('id', 'in', [...ids]).orderBy('name').execute();
}
