import type { Transaction } from 'kysely';
import type { Database, NotificationDeliveryTable } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { smtpConfigured } from './email.js';

export type NoticeEvent = 'request.created' | 'request.transition' | 'request.alert' | 'request.escalated';

/** What a notification says about a request: ids, states and clocks, never personal data. */
export interface RequestNotice {
  event: NoticeEvent;
  at: string;
  request: {
    id: string;
    kind: string;
    state: string;
    fromOrg: string | null;
    toOrg: string;
    urgency: string;
    ackDueAt: string | null;
    actDueAt: string | null;
    expiresAt: string | null;
  };
  detail: Record<string, string | number | boolean | null>;
}

export interface NoticeTargets {
  /** Organisations whose webhooks are called. */
  orgs: readonly string[];
  /** Points of contact that get an e-mail. */
  emails: readonly { orgId: string; address: string }[];
}

/**
 * Queues a notice in the same transaction as the change it announces, so a notice is sent if
 * and only if the change committed. The dispatcher sends it afterwards, with retries.
 */
export async function enqueueNotice(trx: Transaction<Database>, notice: RequestNotice, targets: NoticeTargets): Promise<void> {
  const webhooks = targets.orgs.length === 0 ? [] : await trx.selectFrom('webhooks').select(['id', 'org_id', 'url']).where('org_id', 'in', [...targets.orgs]).where('active', '=', 1).execute();
  const base = { event: notice.event, request_id: notice.request.id, status: 'pending', attempts: 0, next_attempt_at: notice.at, last_status: null, last_error: null, created_at: notice.at, delivered_at: null };
  const rows: NotificationDeliveryTable[] = webhooks.map((w) => {
    const id = newId();
    return { ...base, id, channel: 'webhook', org_id: w.org_id, webhook_id: w.id, target: w.url, payload: JSON.stringify({ id, ...notice }) };
  });
  if (smtpConfigured()) {
    for (const e of targets.emails) {
      rows.push({ ...base, id: newId(), channel: 'email', org_id: e.orgId, webhook_id: null, target: e.address, payload: JSON.stringify(notice) });
    }
  }
  if (rows.length > 0) await trx.insertInto('notification_deliveries').values(rows).execute();
}
