import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { caseListScope } from '../policy/cases.policy.js';
import type { Principal } from '../policy/policy.js';
import { auditCase, openCase } from './cases.access.js';
import { emitCase, recordTransition } from './cases.events.js';
import { protect } from './cases.protect.js';
import type { RepatriationBody, RepatriationTransitionBody } from './cases.schema.js';
import { edgeOrThrow, nextStates, REPATRIATION_EDGES, type RepatriationState } from './cases.states.js';

export interface RepatriationView {
  id: string;
  caseId: string;
  destinationCountry: string;
  /** Null when the person's country has no embassy or consulate here. */
  mission: string | null;
  status: RepatriationState;
  strandedReason: string | null;
  retraffickingRisk: boolean;
  handoverPoint: string | null;
  handoverAt: string | null;
  nextStates: RepatriationState[];
  createdAt: string;
  updatedAt: string;
}

/** Cases in these states may start a return home. */
const MAY_START = new Set(['identified', 'assistance', 'repatriation']);

/** Opens the return of one person, at nationality verification. Only the case team starts one. */
export async function startRepatriation(ctx: AppContext, principal: Principal, caseId: string, body: RepatriationBody): Promise<RepatriationView> {
  const { row } = await openCase(ctx, principal, caseId, 'case:manage');
  if (!MAY_START.has(row.status)) throw new ProblemError('invalid-transition', `a return can start once the case is identified, not while it is ${row.status}`);
  const destination = body.destinationCountry ?? row.nationality;
  if (!destination) throw new ProblemError('validation-failed', 'the case has no nationality: give destinationCountry');
  const existing = await ctx.storage.db.selectFrom('repatriations').select('id').where('case_id', '=', caseId).executeTakeFirst();
  if (existing) throw new ProblemError('conflict', 'this person already has a repatriation; move it instead');
  const now = ctx.clock.now().toISOString();
  const id = newId();
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('repatriations')
      .values({ id, case_id: caseId, destination_country: destination, mission: body.mission ?? null, status: 'nationality-verification', stranded_reason: null, retrafficking_risk: 0, handover_point: body.handoverPoint ?? null, handover_at: null, details: protect(ctx, caseId, {}), created_at: now, updated_at: now })
      .execute();
    await recordTransition(trx, principal, { caseId, subject: 'repatriation', subjectId: id, from: null, to: 'nationality-verification', at: now });
    emitCase(emit, row, 'update', row.status);
  });
  return (await readRepatriation(ctx, caseId))!;
}

/** Moves a return along REPATRIATION_EDGES; the embassy or IOM named on the case may move it too. */
export async function transitionRepatriation(ctx: AppContext, principal: Principal, caseId: string, body: RepatriationTransitionBody): Promise<RepatriationView> {
  const { row } = await openCase(ctx, principal, caseId, 'case:assist');
  const rep = await ctx.storage.db.selectFrom('repatriations').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!rep) throw new ProblemError('not-found', 'this person has no repatriation yet');
  edgeOrThrow(REPATRIATION_EDGES, rep.status as RepatriationState, body.to, { reason: body.reason, strandedReason: body.strandedReason });
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    const done = await trx
      .updateTable('repatriations')
      .set({
        status: body.to,
        stranded_reason: body.to === 'stranded' ? (body.strandedReason ?? null) : null,
        ...(body.handoverAt ? { handover_at: new Date(body.handoverAt).toISOString() } : {}),
        ...(body.mission !== undefined ? { mission: body.mission } : {}),
        updated_at: now,
      })
      .where('id', '=', rep.id)
      .where('status', '=', rep.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new ProblemError('conflict', 'the repatriation changed meanwhile; read it again');
    await recordTransition(trx, principal, { caseId, subject: 'repatriation', subjectId: rep.id, from: rep.status, to: body.to, reason: body.reason ?? body.strandedReason, at: now });
    emitCase(emit, row, 'update', row.status);
  });
  return (await readRepatriation(ctx, caseId))!;
}

/** Re-trafficking risk is a flag beside the state: a person can be at risk at any step of the return. */
export async function setRetraffickingRisk(ctx: AppContext, principal: Principal, caseId: string, risk: boolean, reason?: string): Promise<RepatriationView> {
  const { row } = await openCase(ctx, principal, caseId, 'case:assist');
  const rep = await ctx.storage.db.selectFrom('repatriations').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!rep) throw new ProblemError('not-found', 'this person has no repatriation yet');
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    await trx.updateTable('repatriations').set({ retrafficking_risk: risk ? 1 : 0, updated_at: now }).where('id', '=', rep.id).execute();
    await recordTransition(trx, principal, { caseId, subject: 'repatriation', subjectId: rep.id, from: rep.status, to: risk ? 're-trafficking-risk' : 're-trafficking-risk-cleared', reason, at: now });
    emitCase(emit, row, 'update', row.status);
  });
  return (await readRepatriation(ctx, caseId))!;
}

export async function readRepatriation(ctx: AppContext, caseId: string): Promise<RepatriationView | null> {
  const r = await ctx.storage.db.selectFrom('repatriations').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!r) return null;
  const status = r.status as RepatriationState;
  return {
    id: r.id,
    caseId,
    destinationCountry: r.destination_country,
    mission: r.mission,
    status,
    strandedReason: r.stranded_reason,
    retraffickingRisk: r.retrafficking_risk === 1,
    handoverPoint: r.handover_point,
    handoverAt: r.handover_at,
    nextStates: nextStates(REPATRIATION_EDGES, status),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface QueueGroup {
  /** The destination country, or the mission; `null` is "no mission in this country". */
  key: string | null;
  total: number;
  byStatus: Partial<Record<RepatriationState, number>>;
  stranded: number;
  atRisk: number;
  people: { caseId: string; reference: string | null; status: RepatriationState; strandedReason: string | null; retraffickingRisk: boolean; waitingDays: number }[];
}

/**
 * The repatriation board: every return the principal may see, grouped per nationality or per
 * mission. People whose country has no mission here form their own group, listed first, so
 * they are seen rather than forgotten.
 */
export async function repatriationQueue(ctx: AppContext, principal: Principal, by: 'nationality' | 'mission'): Promise<QueueGroup[]> {
  const scope = caseListScope(principal);
  if (!scope) throw new ProblemError('forbidden', `the ${principal.role} role may not see victim cases`);
  const rows = await ctx.storage.db
    .selectFrom('repatriations as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['r.case_id', 'r.destination_country', 'r.mission', 'r.status', 'r.stranded_reason', 'r.retrafficking_risk', 'r.created_at', 'c.reference'])
    .where((eb) => eb.or([eb('c.owner_org_id', '=', scope.orgId), eb.exists(eb.selectFrom('case_partners as p').select('p.case_id').whereRef('p.case_id', '=', 'c.id').where('p.org_id', '=', scope.orgId))]))
    .orderBy('r.created_at')
    .execute();
  await auditCase(ctx, principal, null, 'case:repatriation-board', { by });
  const now = ctx.clock.now().getTime();
  const groups = new Map<string | null, QueueGroup>();
  for (const r of rows) {
    const key = by === 'nationality' ? r.destination_country : r.mission;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, total: 0, byStatus: {}, stranded: 0, atRisk: 0, people: [] }));
    const status = r.status as RepatriationState;
    g.total += 1;
    g.byStatus[status] = (g.byStatus[status] ?? 0) + 1;
    if (status === 'stranded') g.stranded += 1;
    if (r.retrafficking_risk === 1) g.atRisk += 1;
    g.people.push({ caseId: r.case_id, reference: r.reference, status, strandedReason: r.stranded_reason, retraffickingRisk: r.retrafficking_risk === 1, waitingDays: Math.floor((now - Date.parse(r.created_at)) / 86_400_000) });
  }
  return [...groups.values()].sort((a, b) => (a.key === null ? -1 : b.key === null ? 1 : b.stranded - a.stranded || b.total - a.total || a.key.localeCompare(b.key)));
}
