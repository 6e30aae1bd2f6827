import type { Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import type { Emit } from '../../app/write.js';
import type { Database, RequestTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { recordAudit } from '../audit/audit.service.js';
import { KIND_EFFECTS } from './effects/registry.js';
import { isFinal, type KindDefinition, type Move, type Party } from './kinds/kind.js';
import { definitionOf } from './kinds/registry.js';
import { announce } from './requests.notify.js';
import type { TransitionBody } from './requests.schema.js';
import { addTimeline } from './requests.store.js';

export interface Actor {
  party: Party;
  orgId: string | null;
  actorId: string;
}

/** Everything a move's effects work with. */
export interface MoveEnv {
  ctx: AppContext;
  trx: Transaction<Database>;
  emit: Emit;
  now: Date;
  nowIso: string;
  actor: Actor;
}

/** The moves a party may make from a request's state, with what each needs. */
export function allowedMoves(def: KindDefinition, state: string, party: Party): { to: string; requires: readonly string[] }[] {
  return Object.entries(def.moves[state] ?? {})
    .filter(([, move]) => move.by.includes(party))
    .map(([to, move]) => ({ to, requires: move.requires ?? [] }));
}

function ruleFor(def: KindDefinition, row: RequestTable, to: string, actor: Actor): Move {
  const move = def.moves[row.state]?.[to];
  if (!move) {
    throw new ProblemError('invalid-transition', `a ${def.kind} request cannot move from ${row.state} to ${to}`, {
      state: row.state,
      allowed: Object.keys(def.moves[row.state] ?? {}),
    });
  }
  if (!move.by.includes(actor.party)) {
    const who = move.by.includes('system') && move.by.length === 1 ? 'the clock' : `the ${move.by.join(' or the ')}`;
    throw new ProblemError('invalid-transition', `only ${who} may move a ${def.kind} request from ${row.state} to ${to}`, {
      state: row.state,
      allowed: allowedMoves(def, row.state, actor.party).map((m) => m.to),
    });
  }
  return move;
}

/**
 * Makes one move of a request's state machine: checks it is in the kind's table for this party,
 * that it carries what it needs, runs the kind's effects (holds, ledger, spawned requests,
 * delisting), stamps the clocks, and records it on the timeline, the change log and the outbox.
 */
export async function applyMove(env: MoveEnv, row: RequestTable, body: TransitionBody): Promise<RequestTable> {
  const def = definitionOf(row.kind);
  const to = body.to;
  const move = ruleFor(def, row, to, env.actor);
  const missing = (move.requires ?? []).filter((field) => body[field] === undefined);
  if (missing.length > 0) {
    throw new ProblemError('request-incomplete', `moving to ${to} needs ${missing.join(', ')}`, { missing: missing.map((field) => ({ field, why: `the move to ${to}` })) });
  }
  const from = row.state;
  const next: RequestTable = { ...row, state: to, updated_at: env.nowIso };
  if (to === 'acknowledged' && !next.acknowledged_at) next.acknowledged_at = env.nowIso;
  if (def.acted.includes(to) && !next.acted_at) next.acted_at = env.nowIso;
  if (isFinal(def, to) && !next.closed_at) next.closed_at = env.nowIso;
  const outcome = JSON.parse(row.outcome) as Record<string, unknown>;
  if (body.ground) outcome.ground = body.ground;
  if (body.reason) outcome.reason = body.reason;
  if (body.answer) outcome.answer = body.answer;

  await KIND_EFFECTS[def.kind]?.(env, { from, row: next, body, outcome });
  next.outcome = JSON.stringify(outcome);
  if (def.expiry && !def.expiry.running.includes(to)) next.alerts_sent = '[]';

  const done = await env.trx
    .updateTable('requests')
    .set({
      state: next.state,
      updated_at: next.updated_at,
      acknowledged_at: next.acknowledged_at,
      acted_at: next.acted_at,
      closed_at: next.closed_at,
      expires_at: next.expires_at,
      follow_up_due_at: next.follow_up_due_at,
      outcome: next.outcome,
      alerts_sent: next.alerts_sent,
    })
    .where('id', '=', row.id)
    .where('state', '=', from)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new ProblemError('conflict', 'the request moved meanwhile; reload it and try again');
  await addTimeline(env.trx, row.id, {
    type: 'transition',
    at: env.nowIso,
    actorOrg: env.actor.orgId,
    actorId: env.actor.actorId,
    from,
    to,
    note: body.note ?? body.reason ?? null,
    data: { party: env.actor.party, ...(body.ground ? { ground: body.ground } : {}), ...(body.wrongful ? { wrongful: true } : {}) },
  });
  await recordAudit(env.trx, env.ctx, env.actor.orgId ? { orgId: env.actor.orgId, actorId: env.actor.actorId } : 'system', 'request.transition', { type: 'request', id: row.id }, {
    kind: row.kind,
    from,
    to,
    party: env.actor.party,
  });
  // The other side hears of it; a move by the clock concerns both.
  const emailOrg = env.actor.party === 'recipient' ? next.from_org : env.actor.party === 'sender' ? next.to_org : next.to_org;
  await announce(env.trx, env.emit, next, 'request.transition', { from, to, by: env.actor.party }, { emailOrg, at: env.nowIso });
  return next;
}
