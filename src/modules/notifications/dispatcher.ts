import type { AppContext } from '../../app/context.js';
import type { NotificationDeliveryTable } from '../../db/schema.js';
import { sendNoticeEmail } from './email.js';
import type { RequestNotice } from './outbox.js';
import { signBody } from './signature.js';
import { refusedTarget } from './webhook-target.js';

/** After this many failed tries a delivery is given up and shows as failed in the log. */
export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 3600_000;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** 30 s, 1 min, 2 min, … doubling up to 6 h between tries. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DispatchSummary {
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Sends every delivery that is due. Each row is leased first (its next try moved a minute on,
 * only if nobody else moved it), so several `serve` processes never send one twice at once.
 */
export async function deliverDue(ctx: AppContext, limit = 100): Promise<DispatchSummary> {
  const db = ctx.storage.db;
  const now = ctx.clock.now();
  const due = await db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  const summary: DispatchSummary = { delivered: 0, retrying: 0, failed: 0 };
  for (const row of due) {
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    const leased = await db
      .updateTable('notification_deliveries')
      .set({ next_attempt_at: lease })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(leased.numUpdatedRows) === 0) continue;
    const result = await attempt(ctx, row);
    const attempts = row.attempts + 1;
    const at = ctx.clock.now();
    if (result.ok) {
      summary.delivered += 1;
      await db.updateTable('notification_deliveries').set({ status: 'delivered', attempts, last_status: result.status, last_error: null, delivered_at: at.toISOString() }).where('id', '=', row.id).execute();
    } else {
      const gaveUp = attempts >= MAX_ATTEMPTS;
      if (gaveUp) summary.failed += 1;
      else summary.retrying += 1;
      await db
        .updateTable('notification_deliveries')
        .set({
          status: gaveUp ? 'failed' : 'pending',
          attempts,
          last_status: result.status,
          last_error: result.error.slice(0, 500),
          next_attempt_at: new Date(at.getTime() + backoffMs(attempts)).toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return summary;
}

type Attempt = { ok: true; status: number | null } | { ok: false; status: number | null; error: string };

async function attempt(ctx: AppContext, row: NotificationDeliveryTable): Promise<Attempt> {
  try {
    if (row.channel === 'email') {
      await sendNoticeEmail(row.target, JSON.parse(row.payload) as RequestNotice);
      return { ok: true, status: null };
    }
    const hook = row.webhook_id ? await ctx.storage.db.selectFrom('webhooks').select(['secret', 'active']).where('id', '=', row.webhook_id).executeTakeFirst() : undefined;
    if (!hook || hook.active !== 1) return { ok: false, status: null, error: 'the webhook was removed' };
    // Checked again at each call: a name that resolved to a public address may since point inside.
    const refused = await refusedTarget(new URL(row.target), ctx.config.webhookAllowPrivate);
    if (refused) return { ok: false, status: null, error: `refused: ${refused}` };
    const event = (JSON.parse(row.payload) as { event: string }).event;
    const res = await fetch(row.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'fraudx-webhooks/1',
        'x-fraudx-event': event,
        'x-fraudx-delivery': row.id,
        'x-fraudx-signature': signBody(hook.secret, row.payload),
      },
      body: row.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    // Only the error's message: a webhook URL may carry a token, and e-mail addresses are personal.
    ctx.log.warn({ delivery: row.id, channel: row.channel }, 'notification delivery failed');
    return { ok: false, status: null, error: (err as Error).message };
  }
}
