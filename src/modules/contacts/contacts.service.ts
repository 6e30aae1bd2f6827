import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { ContactTable, Database } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { authorize, type Principal } from '../policy/policy.js';
import type { ContactBody, ContactView } from './contacts.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function presentContact(row: ContactTable): ContactView {
  return { id: row.id, orgId: row.org_id, kind: row.kind, role: row.role, name: row.name, email: row.email, phone: row.phone, hours: row.hours, timezone: row.timezone };
}

/** Adds a point of contact to the caller's own organisation. */
export async function addContact(ctx: AppContext, principal: Principal, body: ContactBody): Promise<ContactView> {
  authorize(principal, 'request:configure');
  if (!body.email && !body.phone) throw new ProblemError('validation-failed', 'a contact needs an e-mail address or a phone number');
  const row: ContactTable = {
    id: newId(),
    org_id: principal.orgId,
    kind: body.kind,
    role: body.role,
    name: body.name,
    email: body.email ?? null,
    phone: body.phone ?? null,
    hours: body.hours,
    timezone: body.timezone,
    created_at: ctx.clock.now().toISOString(),
  };
  await write(ctx, async (trx, emit) => {
    await trx.insertInto('contacts').values(row).execute();
    emit({ entity: 'contact', entityId: row.id, op: 'create', orgId: principal.orgId, data: { id: row.id, kind: row.kind, role: row.role } });
  });
  return presentContact(row);
}

export async function removeContact(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  authorize(principal, 'request:configure');
  await write(ctx, async (trx, emit) => {
    const gone = await trx.deleteFrom('contacts').where('id', '=', id).where('org_id', '=', principal.orgId).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new ProblemError('not-found', `no contact ${id} in your organisation`);
    emit({ entity: 'contact', entityId: id, op: 'delete', orgId: principal.orgId, data: { id } });
  });
}

/** The directory: every organisation's points of contact, so a sender knows who acts at 3 a.m. */
export async function listContacts(ctx: AppContext, principal: Principal, filter: { orgId?: string; kind?: string }): Promise<ContactView[]> {
  authorize(principal, 'request:read');
  let q = ctx.storage.db.selectFrom('contacts').selectAll();
  if (filter.orgId) q = q.where('org_id', '=', filter.orgId);
  if (filter.kind) q = q.where('kind', 'in', [filter.kind, '*']);
  return (await q.orderBy('org_id').orderBy('kind').orderBy('created_at').execute()).map(presentContact);
}

/**
 * The contacts a request goes to: those for its kind, else the organisation's catch-all ones.
 *
 * routeContacts(db, bankId, 'payment-intervention', 'primary') // [the bank's 24/7 freeze desk]
 */
export async function routeContacts(db: Db, orgId: string, kind: string, role: 'primary' | 'escalation'): Promise<ContactTable[]> {
  const rows = await db.selectFrom('contacts').selectAll().where('org_id', '=', orgId).where('kind', 'in', [kind, '*']).where('role', '=', role).orderBy('created_at').execute();
  const specific = rows.filter((r) => r.kind === kind);
  return specific.length > 0 ? specific : rows;
}
