import { insertRequest } from '../requests.create.js';
import type { CreateRequestInput } from '../requests.schema.js';
import { addTimeline } from '../requests.store.js';
import type { KindEffect } from './effect.js';

/**
 * Traffic data that names the next providers on the path (Budapest Art. 30) spawns a request to
 * each of them, from the same requester, carrying the original facts.
 */
export const disclosureEffects: KindEffect = async (env, move) => {
  const { row, body } = move;
  if ((row.state !== 'disclosed' && row.state !== 'partially_disclosed') || !body.nextHops?.length) return;
  const parent = JSON.parse(row.contents) as Record<string, unknown>;
  const spawned: string[] = [];
  for (const hop of body.nextHops) {
    const input: CreateRequestInput = {
      kind: hop.kind,
      to: hop.to,
      urgency: row.urgency as CreateRequestInput['urgency'],
      reference: row.reference ?? undefined,
      parentId: row.id,
      requestingAuthority: parent.requestingAuthority,
      offence: parent.offence,
      summary: parent.summary,
      data: parent.data,
      custodian: { provider: hop.provider, ...(hop.country ? { country: hop.country } : {}) },
      ...(hop.kind === 'preservation' ? { necessity: hop.note ?? `Next provider on the path disclosed under request ${row.id} (Budapest Art. 30).`, mlaIntent: parent.mlaIntent } : {}),
    };
    const child = await insertRequest(env.ctx, env.trx, env.emit, input, { orgId: row.from_org, actorId: env.actor.actorId }, { now: env.nowIso, spawnedFrom: { requestId: row.id } });
    spawned.push(child.id);
  }
  await addTimeline(env.trx, row.id, { type: 'spawned', at: env.nowIso, actorOrg: env.actor.orgId, actorId: env.actor.actorId, data: { requests: spawned } });
  move.outcome.spawned = spawned;
  move.outcome.nextHops = body.nextHops.map((h) => ({ provider: h.provider, country: h.country ?? null, to: h.to }));
};
