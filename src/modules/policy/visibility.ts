import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Distribution, MarkingRow, Tlp } from './markings.js';
import type { Principal } from './policy.js';
import { ROLES, type Role } from './roles.js';

/**
 * Who may see a marked object, as one small table. An object is seen by a principal when
 *   1. the principal's role may read its TLP, and
 *   2. the principal is in its audience: the owner organisation; the members of the sharing groups
 *      it names; or every principal whose kind the audience reaches.
 * `canSee` answers for one row in memory and `visibleTo` is the same rule as a SQL condition;
 * the matrix tests hold the two to the same answers.
 */
const TLP_READERS: Record<Tlp, readonly Role[]> = {
  clear: ROLES,
  green: ROLES,
  amber: ROLES,
  'amber+strict': ROLES,
  // For the eyes of individual people: not read-only staff accounts, not machines.
  red: ['admin', 'analyst', 'intake'],
};

type PrincipalKind = NonNullable<Principal['audience']>;

/** The audiences each kind of principal is part of without being named. */
const REACHES: Record<PrincipalKind, readonly Distribution[]> = {
  member: ['community', 'federation', 'public'],
  partner: ['federation', 'public'],
  public: ['public'],
};

/** Personal data (narratives, names) is read by people of the owner and of named groups only. */
const PERSONAL_READERS: readonly Role[] = ['admin', 'analyst', 'intake'];

/** The audiences every member of this node is in: what check facts and statistics count for all. */
export const SHARED_AUDIENCES: readonly Distribution[] = REACHES.member;

/** The public, as a principal: it may read only what is CLEAR and distributed to the public. */
export const publicPrincipal: Principal = { orgId: '', role: 'viewer', actorId: 'public', country: '', audience: 'public' };

export interface MarkedRow extends MarkingRow {
  org_id: string;
}

function kindOf(principal: Principal): PrincipalKind {
  return principal.audience ?? 'member';
}

function isOwner(principal: Principal, row: { org_id: string }): boolean {
  return kindOf(principal) !== 'public' && principal.orgId === row.org_id;
}

function inNamedGroup(principal: Principal, row: MarkingRow): boolean {
  return row.audience === 'groups' && (principal.groups ?? []).some((g) => row.share_groups.includes(`,${g},`));
}

/**
 * @example
 * canSee(bankAnalyst, { org_id: otherBank, tlp: 'amber+strict', audience: 'organisation', … }) // → false
 */
export function canSee(principal: Principal, row: MarkedRow): boolean {
  if (!TLP_READERS[row.tlp as Tlp]?.includes(principal.role)) return false;
  if (isOwner(principal, row)) return true;
  if (inNamedGroup(principal, row)) return true;
  return REACHES[kindOf(principal)].includes(row.audience as Distribution);
}

/** Whether the principal may read the personal data (narrative, names) of a visible object. */
export function canSeePersonal(principal: Principal, row: MarkedRow): boolean {
  if (!PERSONAL_READERS.includes(principal.role) || !canSee(principal, row)) return false;
  return isOwner(principal, row) || inNamedGroup(principal, row);
}

/**
 * The same rule as `canSee`, as a condition on the marking columns of `table` (a name or alias).
 *
 * @example
 * db.selectFrom('reports as r').selectAll('r').where(visibleTo(principal, 'r'))
 * // … where ((r.org_id = $1 or r.audience in ('community','federation','public')
 * //          or (r.audience = 'groups' and r.share_groups like '%,<group>,%')) and r.tlp in (…))
 */
export function visibleTo(principal: Principal, table: string): Expression<SqlBool> {
  const col = (name: string) => sql.ref(`${table}.${name}`);
  const audiences: RawBuilder<unknown>[] = [sql`${col('audience')} in (${sql.join([...REACHES[kindOf(principal)]])})`];
  if (kindOf(principal) !== 'public') audiences.push(sql`${col('org_id')} = ${principal.orgId}`);
  for (const group of principal.groups ?? []) {
    audiences.push(sql`(${col('audience')} = 'groups' and ${col('share_groups')} like ${`%,${group},%`})`);
  }
  const tlps = (Object.keys(TLP_READERS) as Tlp[]).filter((t) => TLP_READERS[t].includes(principal.role));
  return sql<SqlBool>`((${sql.join(audiences, sql` or `)}) and ${col('tlp')} in (${sql.join(tlps)}))`;
}

/**
 * An indicator is visible to a principal when at least one assertion or sighting about it is: an
 * identifier known only from objects the principal may not see is, for that principal, unknown.
 *
 * @example
 * db.selectFrom('indicators as i').selectAll('i').where(indicatorVisibleTo(principal, 'i.id'))
 */
export function indicatorVisibleTo(principal: Principal, indicatorId: string): Expression<SqlBool> {
  const id = sql.ref(indicatorId);
  return sql<SqlBool>`(exists (select 1 from assertions va where va.indicator_id = ${id} and ${visibleTo(principal, 'va')})
    or exists (select 1 from sightings vs where vs.indicator_id = ${id} and ${visibleTo(principal, 'vs')}))`;
}

/** The table, for the docs and the tests. */
export function visibilityTable(): { readers: Record<Tlp, readonly Role[]>; reaches: Record<PrincipalKind, readonly Distribution[]> } {
  return { readers: TLP_READERS, reaches: REACHES };
}
