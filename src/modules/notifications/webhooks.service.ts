import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { NotificationDeliveryTable, WebhookTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { authorize, type Principal } from '../policy/policy.js';
import { refusedTarget } from './webhook-target.js';

export function presentWebhook(row: WebhookTable) {
  return { id: row.id, url: row.url, active: row.active === 1, createdAt: row.created_at };
}

/** Registers a webhook for the caller's organisation; the signing secret is shown this once. */
export async function addWebhook(ctx: AppContext, principal: Principal, url: string) {
  authorize(principal, 'request:configure');
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) throw new ProblemError('validation-failed', 'a webhook URL must be http(s)');
  const refused = await refusedTarget(parsed, ctx.config.webhookAllowPrivate);
  if (refused) throw new ProblemError('webhook-target-refused', `${refused}; set FRAUDX_WEBHOOK_ALLOW_PRIVATE=true to allow private targets`);
  const row: WebhookTable = { id: newId(), org_id: principal.orgId, url, secret: `whsec_${randomBytes(24).toString('base64url')}`, active: 1, created_at: ctx.clock.now().toISOString() };
  await write(ctx, async (trx, emit) => {
    await trx.insertInto('webhooks').values(row).execute();
    emit({ entity: 'webhook', entityId: row.id, op: 'create', orgId: principal.orgId, data: { id: row.id } });
  });
  return { ...presentWebhook(row), secret: row.secret };
}

export async function listWebhooks(ctx: AppContext, principal: Principal) {
  authorize(principal, 'request:configure');
  const rows = await ctx.storage.db.selectFrom('webhooks').selectAll().where('org_id', '=', principal.orgId).orderBy('created_at').execute();
  return rows.map(presentWebhook);
}

export async function removeWebhook(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  authorize(principal, 'request:configure');
  await write(ctx, async (trx, emit) => {
    const done = await trx.updateTable('webhooks').set({ active: 0 }).where('id', '=', id).where('org_id', '=', principal.orgId).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new ProblemError('not-found', `no webhook ${id} in your organisation`);
    emit({ entity: 'webhook', entityId: id, op: 'delete', orgId: principal.orgId, data: { id } });
  });
}

export function presentDelivery(row: NotificationDeliveryTable) {
  return {
    id: row.id,
    channel: row.channel,
    webhookId: row.webhook_id,
    event: row.event,
    requestId: row.request_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

/** The delivery log of the caller's organisation: webhook calls and e-mails, newest first. */
export async function listDeliveries(ctx: AppContext, principal: Principal, filter: { webhookId?: string; status?: string; limit: number }) {
  authorize(principal, 'request:configure');
  let q = ctx.storage.db.selectFrom('notification_deliveries').selectAll().where('org_id', '=', principal.orgId);
  if (filter.webhookId) q = q.where('webhook_id', '=', filter.webhookId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(presentDelivery);
}
