import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { RequestTable } from '../../db/schema.js';
import { resolveDeadlines } from '../deadlines/deadlines.service.js';
import { durationMs } from '../deadlines/duration.js';
import { clockStatus } from './clocks.js';
import type { RequestKind } from './kinds/kind.js';
import { definitionOf, KIND_DEFINITIONS } from './kinds/registry.js';
import { type Actor, applyMove } from './requests.move.js';
import { announce } from './requests.notify.js';
import { addTimeline } from './requests.store.js';

const CLOCK: Actor = { party: 'system', orgId: null, actorId: 'clock' };

export interface ClockRun {
  lapsed: string[];
  alerts: { id: string; before: string }[];
  escalated: { id: string; level: number }[];
}

/**
 * One tick of the request clocks at `ctx.clock.now()`: holds and preservations past their expiry
 * lapse (money is released in the ledger), alerts go out before they do, and requests whose
 * acknowledge or act clock ran out escalate. Each change is its own write; running it twice
 * at the same instant changes nothing more.
 */
export async function runClocks(ctx: AppContext): Promise<ClockRun> {
  const run: ClockRun = { lapsed: [], alerts: [], escalated: [] };
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const db = ctx.storage.db;
  for (const def of Object.values(KIND_DEFINITIONS)) {
    const expiry = def.expiry;
    if (!expiry) continue;
    const running = await db.selectFrom('requests').selectAll().where('kind', '=', def.kind).where('state', 'in', [...expiry.running]).where('expires_at', 'is not', null).execute();
    for (const row of running) {
      if ((row.expires_at as string) <= nowIso) {
        const moved = await write(ctx, async (trx, emit) => {
          const fresh = await trx.selectFrom('requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
          if (fresh.state !== row.state || fresh.expires_at !== row.expires_at) return false;
          await applyMove({ ctx, trx, emit, now, nowIso, actor: CLOCK }, fresh, { to: expiry.lapseTo, reason: `the ${expiry.clock} reached its expiry at ${row.expires_at} without extension` });
          return true;
        });
        if (moved) run.lapsed.push(row.id);
      } else {
        run.alerts.push(...(await sendAlerts(ctx, row, now)));
      }
    }
  }
  const late = await db
    .selectFrom('requests')
    .selectAll()
    .where('closed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('acknowledged_at', 'is', null), eb('acted_at', 'is', null), eb('ack_due_at', '<', nowIso), eb('escalation_level', '<', 1)]),
        eb.and([eb('acted_at', 'is', null), eb('act_due_at', '<', nowIso), eb('escalation_level', '<', 2)]),
      ]),
    )
    .execute();
  for (const row of late) {
    const { overdue } = clockStatus(definitionOf(row.kind), row, now);
    const level = overdue.includes('act') ? 2 : overdue.includes('acknowledge') ? 1 : 0;
    if (level <= row.escalation_level) continue;
    const done = await write(ctx, async (trx, emit) => {
      const updated = await trx.updateTable('requests').set({ escalation_level: level, escalated_at: nowIso }).where('id', '=', row.id).where('escalation_level', '=', row.escalation_level).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      const fresh = { ...row, escalation_level: level, escalated_at: nowIso };
      await addTimeline(trx, row.id, { type: 'escalated', at: nowIso, actorOrg: null, actorId: CLOCK.actorId, data: { level, overdue } });
      await announce(trx, emit, fresh, 'request.escalated', { level, overdue: overdue.join(',') }, { emailOrg: row.to_org, contactRole: 'escalation', at: nowIso });
      return true;
    });
    if (done) run.escalated.push({ id: row.id, level });
  }
  return run;
}

/** Alerts before a hold lapses or a preservation expires, each once per expiry (an extension re-arms them). */
async function sendAlerts(ctx: AppContext, row: RequestTable, now: Date): Promise<{ id: string; before: string }[]> {
  const settings = await resolveDeadlines(ctx.storage.db, { kind: row.kind as RequestKind, jurisdiction: row.jurisdiction, fromOrg: row.from_org, toOrg: row.to_org });
  const sent = JSON.parse(row.alerts_sent) as string[];
  const expiresAt = Date.parse(row.expires_at as string);
  const due = settings.alertsBefore.filter((before) => !sent.includes(before) && now.getTime() >= expiresAt - durationMs(before));
  if (due.length === 0) return [];
  const nowIso = now.toISOString();
  const done = await write(ctx, async (trx, emit) => {
    const updated = await trx
      .updateTable('requests')
      .set({ alerts_sent: JSON.stringify([...sent, ...due]) })
      .where('id', '=', row.id)
      .where('alerts_sent', '=', row.alerts_sent)
      .where('expires_at', '=', row.expires_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    // The most urgent alert speaks for all that fell due at once.
    const before = due[due.length - 1];
    await addTimeline(trx, row.id, { type: 'alert', at: nowIso, actorOrg: null, actorId: CLOCK.actorId, data: { expiresAt: row.expires_at, before } });
    // The sender must act (extend, submit the MLA request); the recipient is told too, by webhook.
    await announce(trx, emit, row, 'request.alert', { expiresAt: row.expires_at, before }, { emailOrg: row.from_org, at: nowIso });
    return true;
  });
  return done ? due.map((before) => ({ id: row.id, before })) : [];
}
