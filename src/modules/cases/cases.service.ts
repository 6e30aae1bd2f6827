import type { Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { type Emit, write } from '../../app/write.js';
import type { CaseTable, Database } from '../../db/schema.js';
import { emitCase, recordTransition } from './cases.events.js';
import { ProblemError } from '../../errors/problems.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import { newId } from '../../shared/ids.js';
import { findOrg } from '../orgs/orgs.store.js';
import { canOnCase, caseListScope } from '../policy/cases.policy.js';
import type { Principal } from '../policy/policy.js';
import { auditCase, type CaseHandle, openCase } from './cases.access.js';
import { type CaseView, exploitationOf, presentCase } from './cases.present.js';
import { protect, unprotect } from './cases.protect.js';
import type { CreateCaseBody, JourneyEventBody, ListCasesQuery, PartnerBody, Person, UpdateCaseBody } from './cases.schema.js';
import { CASE_EDGES, type CaseState, edgeOrThrow } from './cases.states.js';
import { listReferrals } from './referrals.service.js';
import { readRepatriation } from './repatriation.service.js';
import { listScreenings } from './screening.service.js';

type Trx = Transaction<Database>;

export interface CreateCaseOptions {
  /** Bulk intake passes the operation and roll number: the same row imported twice is stored once. */
  rollKey?: string;
}

export async function createCase(ctx: AppContext, principal: Principal, body: CreateCaseBody, options: CreateCaseOptions = {}): Promise<{ view: CaseView; created: boolean }> {
  const { id, created } = await storeNewCase(ctx, principal, body, options);
  return { view: await getCase(ctx, principal, id), created };
}

/** Stores a new case (or finds the one a roll row already made) without reading it back. */
export async function storeNewCase(ctx: AppContext, principal: Principal, body: CreateCaseBody, options: CreateCaseOptions = {}): Promise<{ id: string; created: boolean }> {
  return (await storeNewCases(ctx, principal, [{ body, ...options }]))[0];
}

/** Stores several new cases in one transaction: bulk intake takes a roll in a few writes, not one a person. */
export async function storeNewCases(ctx: AppContext, principal: Principal, items: readonly ({ body: CreateCaseBody } & CreateCaseOptions)[]): Promise<{ id: string; created: boolean }[]> {
  if (!canOnCase(principal, { ownerOrgId: principal.orgId, partnerOrgIds: [] }, 'case:create')) {
    throw new ProblemError('forbidden', `the ${principal.role} role may not open victim cases`);
  }
  for (const orgId of new Set(items.flatMap((i) => i.body.partners.map((p) => p.orgId)))) await requireOrg(ctx, orgId);
  const now = ctx.clock.now().toISOString();
  return write(ctx, async (trx, emit) => {
    const out: { id: string; created: boolean }[] = [];
    for (const { body, rollKey } of items) {
      const existing = rollKey ? await trx.selectFrom('cases').select('id').where('roll_key', '=', rollKey).executeTakeFirst() : undefined;
      out.push(existing ? { id: existing.id, created: false } : { id: await insertCase(ctx, trx, emit, principal, body, rollKey ?? null, now), created: true });
    }
    return out;
  });
}

async function insertCase(ctx: AppContext, trx: Trx, emit: Emit, principal: Principal, body: CreateCaseBody, rollKey: string | null, now: string): Promise<string> {
  const id = newId();
  const row: CaseTable = {
    id,
    owner_org_id: principal.orgId,
    reference: body.reference ?? null,
    operation: body.operation ?? null,
    status: 'intake',
    status_reason: null,
    nationality: body.nationality ?? null,
    nationality_verification: body.nationalityVerification,
    gender: body.gender,
    age_band: body.ageBand ?? null,
    languages: body.languages.join(','),
    exploitation_types: JSON.stringify({ types: body.exploitationTypes, forcedCriminality: body.forcedCriminality }),
    compound_country: body.compoundCountry ?? null,
    trafficking_status: null,
    trafficking_status_by: null,
    screening_outcome: null,
    personal: protect(ctx, id, body.person),
    roll_key: rollKey,
    created_at: now,
    updated_at: now,
    erased_at: null,
  };
  await trx.insertInto('cases').values(row).execute();
  for (const p of body.partners) await trx.insertInto('case_partners').values({ case_id: id, org_id: p.orgId, role: p.role, added_at: now }).execute();
  for (const e of body.journey) await insertJourneyEvent(ctx, trx, id, e, now);
  await recordTransition(trx, principal, { caseId: id, subject: 'case', subjectId: id, from: null, to: 'intake', at: now });
  emitCase(emit, row, 'create', 'intake');
  return id;
}

async function requireOrg(ctx: AppContext, orgId: string): Promise<void> {
  if (!(await findOrg(ctx.storage.db, orgId))) throw new ProblemError('validation-failed', `no organisation ${orgId} to name as a partner`);
}

async function insertJourneyEvent(ctx: AppContext, trx: Trx, caseId: string, e: JourneyEventBody, now: string): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({ id: newId(), case_id: caseId, type: e.type, occurred_on: e.date ?? null, country: e.country ?? null, place: e.place ?? null, compound: e.compound ?? null, details: protect(ctx, caseId, { description: e.description ?? null }), created_at: now })
    .execute();
}

export async function getCase(ctx: AppContext, principal: Principal, id: string): Promise<CaseView> {
  return viewOf(ctx, await openCase(ctx, principal, id, 'case:read'));
}

async function viewOf(ctx: AppContext, handle: CaseHandle): Promise<CaseView> {
  const db = ctx.storage.db;
  const id = handle.row.id;
  const erased = handle.row.erased_at !== null;
  const partners = await db.selectFrom('case_partners').select(['org_id', 'role']).where('case_id', '=', id).orderBy('added_at').execute();
  const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('occurred_on').orderBy('created_at').execute();
  const identifiers = await db.selectFrom('case_identifiers').select(['kind', 'canonical']).where('case_id', '=', id).orderBy('kind').orderBy('canonical').execute();
  const history = await db.selectFrom('case_transitions').selectAll().where('case_id', '=', id).orderBy('at').orderBy('id').execute();
  return presentCase(ctx, handle.row, handle.access, {
    partners: partners.map((p) => ({ orgId: p.org_id, role: p.role })),
    journey: events.map((e) => ({
      id: e.id,
      type: e.type as JourneyEventBody['type'],
      date: e.occurred_on ?? undefined,
      country: e.country ?? undefined,
      place: e.place ?? undefined,
      compound: e.compound ?? undefined,
      description: erased ? undefined : (unprotect<{ description: string | null }>(ctx, id, e.details).description ?? undefined),
    })),
    screenings: await listScreenings(ctx, id, erased),
    identifiers,
    referrals: await listReferrals(ctx, id, erased),
    repatriation: await readRepatriation(ctx, id),
    history: history.map((h) => ({ subject: h.subject, from: h.from_state, to: h.to_state, reason: h.reason, at: h.at, orgId: h.org_id })),
  });
}

export interface CaseSummary {
  id: string;
  ownerOrgId: string;
  reference: string | null;
  operation: string | null;
  displayName: string | null;
  status: string;
  nationality: string | null;
  gender: string;
  ageBand: string | null;
  screeningOutcome: string | null;
  compoundCountry: string | null;
  createdAt: string;
}

/** The cases the principal's organisation holds or is named on, newest first. */
export async function listCases(ctx: AppContext, principal: Principal, query: ListCasesQuery): Promise<{ items: CaseSummary[]; next: string | null }> {
  const scope = caseListScope(principal);
  if (!scope) throw new ProblemError('forbidden', `the ${principal.role} role may not see victim cases`);
  let q = ctx.storage.db
    .selectFrom('cases')
    .selectAll()
    .where((eb) =>
      eb.or([eb('owner_org_id', '=', scope.orgId), eb.exists(eb.selectFrom('case_partners as p').select('p.case_id').whereRef('p.case_id', '=', 'cases.id').where('p.org_id', '=', scope.orgId))]),
    );
  if (query.status) q = q.where('status', '=', query.status);
  if (query.nationality) q = q.where('nationality', '=', query.nationality);
  if (query.operation) q = q.where('operation', '=', query.operation);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, 2).map(String);
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  await auditCase(ctx, principal, null, 'case:list');
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      ownerOrgId: r.owner_org_id,
      reference: r.reference,
      operation: r.operation,
      displayName: r.erased_at ? null : displayNameOf(unprotect<Person>(ctx, r.id, r.personal)),
      status: r.status,
      nationality: r.nationality,
      gender: r.gender,
      ageBand: r.age_band,
      screeningOutcome: r.screening_outcome,
      compoundCountry: r.compound_country,
      createdAt: r.created_at,
    })),
    next: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}

function displayNameOf(p: Person): string | null {
  const name = [p.firstName, p.middleName, p.secondName].filter(Boolean).join(' ');
  return name || p.aliases[0] || null;
}

export async function updateCase(ctx: AppContext, principal: Principal, id: string, body: UpdateCaseBody): Promise<CaseView> {
  const { row } = await openCase(ctx, principal, id, 'case:manage');
  const exploitation = exploitationOf(row);
  const changes: Partial<CaseTable> = { updated_at: ctx.clock.now().toISOString() };
  if (body.person) changes.personal = protect(ctx, id, body.person);
  if (body.gender) changes.gender = body.gender;
  if (body.ageBand) changes.age_band = body.ageBand;
  if (body.nationality) changes.nationality = body.nationality;
  if (body.nationalityVerification) changes.nationality_verification = body.nationalityVerification;
  if (body.languages) changes.languages = body.languages.join(',');
  if (body.compoundCountry) changes.compound_country = body.compoundCountry;
  if (body.exploitationTypes || body.forcedCriminality) {
    changes.exploitation_types = JSON.stringify({ types: body.exploitationTypes ?? exploitation.types, forcedCriminality: body.forcedCriminality ?? exploitation.forcedCriminality });
  }
  await write(ctx, async (trx, emit) => {
    await trx.updateTable('cases').set(changes).where('id', '=', id).execute();
    emitCase(emit, row, 'update', row.status);
  });
  return getCase(ctx, principal, id);
}

/** Moves a case along CASE_EDGES; a move the table does not list, or one missing what it needs, is refused. */
export async function transitionCase(ctx: AppContext, principal: Principal, id: string, to: CaseState, reason?: string): Promise<CaseView> {
  const { row } = await openCase(ctx, principal, id, 'case:manage');
  edgeOrThrow(CASE_EDGES, row.status as CaseState, to, { reason, screeningOutcome: row.screening_outcome });
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    // Guarded by the old status, so two officers moving the same case at once cannot both win.
    const done = await trx.updateTable('cases').set({ status: to, status_reason: reason ?? null, updated_at: now }).where('id', '=', id).where('status', '=', row.status).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new ProblemError('conflict', 'the case changed meanwhile; read it again');
    await recordTransition(trx, principal, { caseId: id, subject: 'case', subjectId: id, from: row.status, to, reason, at: now });
    emitCase(emit, row, 'update', to);
  });
  return getCase(ctx, principal, id);
}

export async function addPartner(ctx: AppContext, principal: Principal, id: string, body: PartnerBody): Promise<CaseView> {
  const { row, partnerOrgIds } = await openCase(ctx, principal, id, 'case:manage');
  await requireOrg(ctx, body.orgId);
  if (body.orgId === row.owner_org_id) throw new ProblemError('validation-failed', 'the organisation holding the case is its team, not a partner');
  await write(ctx, async (trx) => {
    if (partnerOrgIds.includes(body.orgId)) await trx.updateTable('case_partners').set({ role: body.role }).where('case_id', '=', id).where('org_id', '=', body.orgId).execute();
    else await trx.insertInto('case_partners').values({ case_id: id, org_id: body.orgId, role: body.role, added_at: ctx.clock.now().toISOString() }).execute();
  });
  await auditCase(ctx, principal, id, 'case:partner-added', { orgId: body.orgId, role: body.role });
  return getCase(ctx, principal, id);
}

export async function removePartner(ctx: AppContext, principal: Principal, id: string, orgId: string): Promise<CaseView> {
  await openCase(ctx, principal, id, 'case:manage');
  await write(ctx, async (trx) => {
    await trx.deleteFrom('case_partners').where('case_id', '=', id).where('org_id', '=', orgId).execute();
  });
  await auditCase(ctx, principal, id, 'case:partner-removed', { orgId });
  return getCase(ctx, principal, id);
}

export async function addJourneyEvent(ctx: AppContext, principal: Principal, id: string, body: JourneyEventBody): Promise<CaseView> {
  const { row } = await openCase(ctx, principal, id, 'case:assist');
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    await insertJourneyEvent(ctx, trx, id, body, now);
    if (body.type === 'Exploitation' && body.country && !row.compound_country) await trx.updateTable('cases').set({ compound_country: body.country }).where('id', '=', id).execute();
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', id).execute();
    emitCase(emit, row, 'update', row.status);
  });
  return getCase(ctx, principal, id);
}

/**
 * Erasure on request: every personal field (identity, journey stories, screening details, referral
 * and repatriation notes) is deleted. What stays is what holds no person: the status, categories
 * that statistics count, the history of moves, and the links that keep the numbers the person was
 * forced to operate flagged as coerced — dropping those would point the numbers at them again.
 */
export async function eraseCase(ctx: AppContext, principal: Principal, id: string): Promise<CaseView> {
  const { row } = await openCase(ctx, principal, id, 'case:manage');
  const now = ctx.clock.now().toISOString();
  const blank = protect(ctx, id, null);
  await write(ctx, async (trx, emit) => {
    await trx.updateTable('cases').set({ personal: blank, reference: null, roll_key: null, erased_at: now, updated_at: now }).where('id', '=', id).execute();
    await trx.updateTable('case_events').set({ details: blank, place: null }).where('case_id', '=', id).execute();
    await trx.updateTable('case_screenings').set({ details: blank }).where('case_id', '=', id).execute();
    await trx.updateTable('case_referrals').set({ details: blank }).where('case_id', '=', id).execute();
    await trx.updateTable('repatriations').set({ details: blank }).where('case_id', '=', id).execute();
    await recordTransition(trx, principal, { caseId: id, subject: 'case', subjectId: id, from: row.status, to: row.status, reason: 'erased on request', at: now });
    emitCase(emit, row, 'update', row.status);
  });
  return getCase(ctx, principal, id);
}
