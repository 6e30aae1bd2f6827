import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import { recordAudit } from '../audit/audit.service.js';
import { storeEvidenceFiles } from '../intake/evidence.js';
import { findOrg } from '../orgs/orgs.store.js';
import { authorize, type Principal } from '../policy/policy.js';
import { authorizeRequestRead } from '../policy/requests.policy.js';
import { clockStatus } from './clocks.js';
import { describeField, describeShape } from './kinds/describe.js';
import { definitionOf, KIND_DEFINITIONS } from './kinds/registry.js';
import { statesOf } from './kinds/kind.js';
import { LEGAL_BASES } from './legal-bases.js';
import { insertRequest } from './requests.create.js';
import { applyMove } from './requests.move.js';
import { presentRequest, type RequestView } from './requests.presenter.js';
import { common, type CreateRequestInput, type ListRequestsQuery, type TransitionBody, transitionBody } from './requests.schema.js';
import { addTimeline, type Db, loadRequest, timelineOf } from './requests.store.js';

async function orgNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('orgs').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
}

/** Sends a request from the caller's organisation. */
export async function createRequest(ctx: AppContext, principal: Principal, input: CreateRequestInput): Promise<RequestView> {
  authorize(principal, 'request:send');
  if (input.parentId) authorizeRequestRead(principal, (await loadRequest(ctx.storage.db, input.parentId)).parties, input.parentId);
  const files = storeEvidenceFiles(ctx, input.attachments ?? []);
  const row = await write(ctx, (trx, emit) => insertRequest(ctx, trx, emit, input, { orgId: principal.orgId, actorId: principal.actorId }, { files, now: ctx.clock.now().toISOString() }));
  return getRequest(ctx, principal, row.id);
}

/** Moves a request: only its sender or recipient may, and only along its kind's table. */
export async function moveRequest(ctx: AppContext, principal: Principal, id: string, body: TransitionBody): Promise<RequestView> {
  authorize(principal, 'request:act');
  const relation = authorizeRequestRead(principal, (await loadRequest(ctx.storage.db, id)).parties, id);
  if (relation === 'authorised') throw new ProblemError('forbidden', 'organisations a request is shared with may read it, not move it');
  await write(ctx, async (trx, emit) => {
    const { row } = await loadRequest(trx, id);
    const now = ctx.clock.now();
    await applyMove({ ctx, trx, emit, now, nowIso: now.toISOString(), actor: { party: relation, orgId: principal.orgId, actorId: principal.actorId } }, row, body);
  });
  return getRequest(ctx, principal, id);
}

/** One request with its clocks, legs, attachments, spawned requests and timeline. */
export async function getRequest(ctx: AppContext, principal: Principal, id: string): Promise<RequestView> {
  const db = ctx.storage.db;
  const { row, parties } = await loadRequest(db, id);
  const relation = authorizeRequestRead(principal, parties, id);
  const [legs, attachments, children, timeline, names] = await Promise.all([
    db.selectFrom('payment_legs').selectAll().where('request_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('request_attachments').selectAll().where('request_id', '=', id).orderBy('created_at').execute(),
    db.selectFrom('requests').select('id').where('parent_id', '=', id).orderBy('created_at').execute(),
    timelineOf(db, id),
    orgNames(db),
  ]);
  return presentRequest(row, { relation, parties, orgNames: names, now: ctx.clock.now(), legs, attachments, children: children.map((c) => c.id), timeline });
}

/**
 * The inbox (sent to the caller's organisation), the outbox (sent by it), or requests shared
 * with it; newest first, paged by (sent_at, id).
 */
export async function listRequests(ctx: AppContext, principal: Principal, query: ListRequestsQuery) {
  authorize(principal, 'request:read');
  const db = ctx.storage.db;
  const org = principal.orgId;
  const shared = db.selectFrom('request_grants').select('request_id').where('org_id', '=', org);
  let q = db.selectFrom('requests').selectAll();
  if (query.box === 'inbox') q = q.where('to_org', '=', org);
  else if (query.box === 'outbox') q = q.where('from_org', '=', org);
  else if (query.box === 'shared') q = q.where('id', 'in', shared);
  else q = q.where((eb) => eb.or([eb('to_org', '=', org), eb('from_org', '=', org), eb('id', 'in', shared)]));
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.cursor) {
    const [sentAt, lastId] = decodeCursor(query.cursor, 2);
    q = q.where((eb) => eb.or([eb('sent_at', '<', String(sentAt)), eb.and([eb('sent_at', '=', String(sentAt)), eb('id', '<', String(lastId))])]));
  }
  const now = ctx.clock.now();
  let rows = await q.orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  rows = rows.slice(0, query.limit);
  const last = rows[rows.length - 1];
  if (query.overdue) rows = rows.filter((r) => (clockStatus(definitionOf(r.kind), r, now).overdue.length > 0) === (query.overdue === 'true'));
  const grants = rows.length === 0 ? [] : await db.selectFrom('request_grants').selectAll().where('request_id', 'in', rows.map((r) => r.id)).execute();
  const names = await orgNames(db);
  const items = rows.map((row) => {
    const parties = { fromOrg: row.from_org, toOrg: row.to_org, sharedWith: grants.filter((g) => g.request_id === row.id).map((g) => g.org_id) };
    return presentRequest(row, { relation: authorizeRequestRead(principal, parties, row.id), parties, orgNames: names, now });
  });
  return { items, next: more && last ? encodeCursor([last.sent_at, last.id]) : null };
}

/** The sender or recipient lets another organisation see a request (a coordinating centre, a partner bank). */
export async function shareRequest(ctx: AppContext, principal: Principal, id: string, orgId: string): Promise<RequestView> {
  authorize(principal, 'request:act');
  const relation = authorizeRequestRead(principal, (await loadRequest(ctx.storage.db, id)).parties, id);
  if (relation === 'authorised') throw new ProblemError('forbidden', 'only the sender or the recipient may share a request');
  if (!(await findOrg(ctx.storage.db, orgId))) throw new ProblemError('not-found', `no organisation ${orgId}`);
  await write(ctx, async (trx, emit) => {
    const now = ctx.clock.now().toISOString();
    await trx.insertInto('request_grants').values({ request_id: id, org_id: orgId, granted_by: principal.actorId, created_at: now }).onConflict((oc) => oc.columns(['request_id', 'org_id']).doNothing()).execute();
    await recordAudit(trx, ctx, principal, 'request.share', { type: 'request', id }, { orgId });
    await addTimeline(trx, id, { type: 'shared', at: now, actorOrg: principal.orgId, actorId: principal.actorId, data: { orgId } });
    const { row, parties } = await loadRequest(trx, id);
    emit({ entity: 'request', entityId: id, op: 'update', orgId: principal.orgId, data: { id, kind: row.kind, state: row.state, event: 'request.shared', audience: [parties.fromOrg, parties.toOrg, ...parties.sharedWith].filter(Boolean) } });
  });
  return getRequest(ctx, principal, id);
}

/**
 * The kinds, their states and moves, required contents and default legal bases: what forms are
 * built from. `contents` and `moveFields` describe each field's input from the schemas the API
 * validates with; a kind's contents are required by the kind (`required`) or by the legal basis.
 */
export function requestKinds() {
  return {
    common: describeShape(common).filter((f) => f.name !== 'attachments' && f.name !== 'parentId'),
    moveFields: describeShape(transitionBody.shape).filter((f) => f.name !== 'to'),
    kinds: Object.values(KIND_DEFINITIONS).map((def) => ({
      kind: def.kind,
      title: def.title,
      fields: Object.keys(def.fields),
      contents: Object.entries(def.fields).map(([name, schema]) => ({ ...describeField(name, schema), required: def.required.some((r) => r.field === name) })),
      required: def.required,
      defaultBasis: def.defaultBasis,
      states: statesOf(def),
      moves: Object.entries(def.moves).flatMap(([from, tos]) => Object.entries(tos).map(([to, m]) => ({ from, to, by: m.by, requires: m.requires ?? [] }))),
      acted: def.acted,
      expiry: def.expiry ?? null,
    })),
    legalBases: LEGAL_BASES,
  };
}
