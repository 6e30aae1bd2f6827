import type { Transaction } from 'kysely';
import type { Database, RequestTable } from '../../db/schema.js';
import type { Emit } from '../../app/write.js';
import { routeContacts } from '../contacts/contacts.service.js';
import { enqueueNotice, type NoticeEvent } from '../notifications/outbox.js';
import { requestAudience } from '../policy/requests.policy.js';

/**
 * Tells everyone concerned that a request changed: an event on the change log (read by the
 * live stream), webhooks of the organisations that may see it, and e-mail to the points of
 * contact of the organisation that must act next (`emailOrg`).
 */
export async function announce(
  trx: Transaction<Database>,
  emit: Emit,
  row: RequestTable,
  event: NoticeEvent,
  detail: Record<string, string | number | boolean | null>,
  options: { emailOrg: string | null; contactRole?: 'primary' | 'escalation'; at: string },
): Promise<void> {
  const grants = await trx.selectFrom('request_grants').select('org_id').where('request_id', '=', row.id).execute();
  const audience = requestAudience({ fromOrg: row.from_org, toOrg: row.to_org, sharedWith: grants.map((g) => g.org_id) });
  emit({
    entity: 'request',
    entityId: row.id,
    op: event === 'request.created' ? 'create' : 'update',
    orgId: row.from_org,
    data: { id: row.id, kind: row.kind, state: row.state, event, fromOrg: row.from_org, toOrg: row.to_org, parentId: row.parent_id, audience, ...detail },
  });
  const contacts = options.emailOrg ? await routeContacts(trx, options.emailOrg, row.kind, options.contactRole ?? 'primary') : [];
  await enqueueNotice(
    trx,
    {
      event,
      at: options.at,
      request: { id: row.id, kind: row.kind, state: row.state, fromOrg: row.from_org, toOrg: row.to_org, urgency: row.urgency, ackDueAt: row.ack_due_at, actDueAt: row.act_due_at, expiresAt: row.expires_at },
      detail,
    },
    { orgs: audience, emails: contacts.filter((c) => c.email).map((c) => ({ orgId: c.org_id, address: c.email as string })) },
  );
}
