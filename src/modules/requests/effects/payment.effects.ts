import { ProblemError } from '../../../errors/problems.js';
import { resolveDeadlines } from '../../deadlines/deadlines.service.js';
import { addDuration } from '../../deadlines/duration.js';
import { toMinorUnits } from '../../money/money.js';
import type { LegInput } from '../kinds/payment-intervention.js';
import { insertLegs, insertRequest } from '../requests.create.js';
import type { MoveEnv } from '../requests.move.js';
import type { CreateRequestInput, LegOutcome } from '../requests.schema.js';
import { addTimeline } from '../requests.store.js';
import type { KindEffect, MoveEffect } from './effect.js';
import { legOf, legsOf, releaseLeg, shift, stillHeld } from './payment-legs.js';

/** Holds, extensions, seizures, returns and releases: each moves money in the ledger and sets the hold clock. */
export const paymentEffects: KindEffect = async (env, move) => {
  const { row, body } = move;
  const to = row.state;
  if (to === 'held' || to === 'partially_held' || to === 'funds_moved') {
    await recordLegOutcomes(env, move, body.legs ?? []);
    if (to !== 'funds_moved') {
      const settings = await resolveDeadlines(env.trx, { kind: 'payment-intervention', jurisdiction: row.jurisdiction, fromOrg: row.from_org, toOrg: row.to_org });
      row.expires_at = addDuration(env.nowIso, settings.holdFor ?? 'PT72H');
      const contents = JSON.parse(row.contents) as { policeReport?: unknown };
      if (settings.complaintWithin && !contents.policeReport) row.follow_up_due_at = addDuration(env.nowIso, settings.complaintWithin);
    }
  } else if (to === 'hold_extended') {
    await extendHold(env, move);
  } else if (to === 'seized') {
    for (const leg of await legsOf(env, row.id)) {
      await shift(env, row, leg, 'held', 'seized', Number(leg.held_minor));
      await shift(env, row, leg, 'frozen', 'seized', Number(leg.frozen_minor));
      if (stillHeld(leg) > 0) await shift(env, row, leg, null, 'seized', 0, 'seized');
    }
    row.expires_at = null;
    move.outcome.seizureOrder = body.order;
  } else if (to === 'returned_full' || to === 'returned_partial') {
    await recordReturns(env, move);
    row.expires_at = null;
  } else if (to === 'released' || to === 'lapsed') {
    const bucket = body.wrongful ? 'wrongful' : 'released';
    let total = 0;
    for (const leg of await legsOf(env, row.id)) total += await releaseLeg(env, row, leg, bucket);
    if (body.wrongful) move.outcome.wrongful = true;
    move.outcome.releasedMinor = total;
  }
};

async function recordLegOutcomes(env: MoveEnv, move: MoveEffect, outcomes: readonly LegOutcome[]): Promise<void> {
  const { row } = move;
  for (const o of outcomes) {
    const leg = await legOf(env, row.id, o.id);
    const held = toMinorUnits(o.held ?? '0', leg.currency);
    const moved = toMinorUnits(o.movedOn ?? '0', leg.currency);
    if (held + moved + Number(leg.held_minor) + Number(leg.moved_minor) > Number(leg.amount_minor)) {
      throw new ProblemError('validation-failed', `leg ${leg.id}: held and moved on add up to more than the ${leg.currency} amount of the leg`);
    }
    leg.moved_minor = Number(leg.moved_minor) + moved;
    leg.responded_at = env.nowIso;
    await shift(env, row, leg, null, 'held', held, o.status);
    const hops = o.onwardHops ?? [];
    const hopped = hops.reduce((sum, h) => sum + toMinorUnits(h.amount, h.currency ?? leg.currency), 0);
    if (hopped > leg.moved_minor) throw new ProblemError('validation-failed', `leg ${leg.id}: onward hops add up to more than the amount moved on`);
    await followTheMoney(env, move, leg.id, leg.currency, hops);
  }
}

/**
 * Onward hops become child legs. Hops to an organisation on this node become a child request to
 * it, from the original requester, so the freeze follows the money; the others stay as legs of
 * this request, marked untraced.
 */
async function followTheMoney(env: MoveEnv, move: MoveEffect, legId: string, currency: string, hops: NonNullable<LegOutcome['onwardHops']>): Promise<void> {
  const { row } = move;
  const byOrg = new Map<string, LegInput[]>();
  for (const h of hops) {
    const leg: LegInput = { institution: h.institution, account: h.account, amount: h.amount, currency: h.currency ?? currency, at: h.at, references: h.references };
    const key = h.to ?? '';
    byOrg.set(key, [...(byOrg.get(key) ?? []), leg]);
  }
  const parent = JSON.parse(row.contents) as Record<string, unknown>;
  const spawned: string[] = [];
  for (const [to, legs] of byOrg) {
    if (!to) {
      await insertLegs(env.trx, row, legs, { now: env.nowIso, parentLegIds: legs.map(() => legId), reportLoss: false, status: 'untraced' });
      continue;
    }
    const crypto = legs.some((l) => l.account.kind === 'crypto-wallet');
    const input: CreateRequestInput = {
      ...parent,
      kind: 'payment-intervention',
      to,
      urgency: row.urgency as CreateRequestInput['urgency'],
      reference: row.reference ?? undefined,
      legalBasis: JSON.parse(row.legal_basis) as CreateRequestInput['legalBasis'],
      parentId: row.id,
      channel: crypto ? 'exchange-freeze' : parent.channel,
      legs,
    };
    const child = await insertRequest(env.ctx, env.trx, env.emit, input, { orgId: row.from_org, actorId: env.actor.actorId }, { now: env.nowIso, spawnedFrom: { requestId: row.id, legIds: legs.map(() => legId) } });
    spawned.push(child.id);
  }
  if (spawned.length > 0) {
    await addTimeline(env.trx, row.id, { type: 'spawned', at: env.nowIso, actorOrg: env.actor.orgId, actorId: env.actor.actorId, data: { legId, requests: spawned } });
    move.outcome.spawned = [...((move.outcome.spawned as string[] | undefined) ?? []), ...spawned];
  }
}

async function extendHold(env: MoveEnv, move: MoveEffect): Promise<void> {
  const { row, body } = move;
  const ext = body.extension ?? {};
  let until = ext.until ? new Date(ext.until).toISOString() : undefined;
  if (!until && ext.policeComplaint) {
    const settings = await resolveDeadlines(env.trx, { kind: 'payment-intervention', jurisdiction: row.jurisdiction, fromOrg: row.from_org, toOrg: row.to_org });
    until = addDuration(new Date(ext.policeComplaint.filedAt).toISOString(), settings.holdAfterComplaint ?? 'P7D');
  }
  if (!until) throw new ProblemError('request-incomplete', 'an extension needs `until` (with the order) or the victim\'s police complaint', { missing: [{ field: 'extension.until', why: 'a hold lapses unless extended to a time' }] });
  if (until <= env.nowIso) throw new ProblemError('validation-failed', `the extension ends at ${until}, which has passed`);
  row.expires_at = until;
  if (ext.policeComplaint) row.follow_up_due_at = null;
  row.alerts_sent = '[]';
  const extensions = (move.outcome.extensions as unknown[] | undefined) ?? [];
  move.outcome.extensions = [...extensions, { until, order: ext.order ?? null, policeComplaint: ext.policeComplaint ? { number: ext.policeComplaint.number, agency: ext.policeComplaint.agency } : null }];
  // An extension by order or complaint turns the provisional hold into a freeze.
  for (const leg of await legsOf(env, row.id)) await shift(env, row, leg, 'held', 'frozen', Number(leg.held_minor));
}

async function recordReturns(env: MoveEnv, move: MoveEffect): Promise<void> {
  const { row } = move;
  for (const r of move.body.returns ?? []) {
    const leg = await legOf(env, row.id, r.legId);
    let left = toMinorUnits(r.amount, leg.currency);
    for (const bucket of ['seized', 'frozen', 'held'] as const) {
      const column = bucket === 'seized' ? 'seized_minor' : bucket === 'frozen' ? 'frozen_minor' : 'held_minor';
      const take = Math.min(left, Number(leg[column]));
      await shift(env, row, leg, bucket, 'returned', take);
      left -= take;
    }
    if (left > 0) throw new ProblemError('validation-failed', `leg ${leg.id}: more is returned than is held, frozen or seized`);
    await shift(env, row, leg, null, 'returned', 0, stillHeld(leg) === 0 ? 'returned' : 'partially_returned');
  }
}
