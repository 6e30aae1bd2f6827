import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import type { Principal } from '../policy/policy.js';
import { openCase } from './cases.access.js';
import { emitCase, recordTransition } from './cases.events.js';
import { protect, unprotect } from './cases.protect.js';
import type { ReferralBody } from './cases.schema.js';
import { edgeOrThrow, nextStates, OPEN_REFERRAL_STATES, REFERRAL_EDGES, type ReferralState } from './cases.states.js';
import type { ReferralType } from './cases.vocab.js';

/** How long each kind of referral may wait for an answer, unless the referrer sets a deadline. */
const DEFAULT_DAYS: Record<ReferralType, number> = { shelter: 1, medical: 1, 'legal-aid': 7, embassy: 7, iom: 14, ngo: 7, psychosocial: 7, other: 7 };
const PARTNER_ROLE: Record<ReferralType, string> = { shelter: 'shelter', medical: 'health', 'legal-aid': 'legal-aid', embassy: 'embassy', iom: 'iom', ngo: 'ngo', psychosocial: 'ngo', other: 'other' };

export interface ReferralView {
  id: string;
  type: ReferralType;
  toOrgId: string | null;
  toName: string;
  status: ReferralState;
  dueAt: string;
  /** Still open past its deadline. */
  overdue: boolean;
  note: string | null;
  nextStates: ReferralState[];
  createdAt: string;
  updatedAt: string;
}

/**
 * Refers the person to a shelter, doctor, lawyer, embassy, IOM or NGO. A referral to an
 * organisation on this node names it on the case (when the case team makes it), so the receiver
 * can read what it needs; a partner can refer only to organisations already on the case.
 */
export async function createReferral(ctx: AppContext, principal: Principal, caseId: string, body: ReferralBody): Promise<ReferralView> {
  const { row, partnerOrgIds, access } = await openCase(ctx, principal, caseId, 'case:assist');
  const onCase = !body.toOrgId || body.toOrgId === row.owner_org_id || partnerOrgIds.includes(body.toOrgId);
  if (!onCase && access !== 'team') throw new ProblemError('forbidden', 'only the case team may refer to an organisation not named on the case');
  if (body.toOrgId && !onCase && !(await ctx.storage.db.selectFrom('orgs').select('id').where('id', '=', body.toOrgId).executeTakeFirst())) {
    throw new ProblemError('validation-failed', `no organisation ${body.toOrgId}`);
  }
  const now = ctx.clock.now();
  const id = newId();
  const dueAt = body.dueAt ? new Date(body.dueAt).toISOString() : new Date(now.getTime() + DEFAULT_DAYS[body.type] * 86_400_000).toISOString();
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('case_referrals')
      .values({ id, case_id: caseId, type: body.type, to_org_id: body.toOrgId ?? null, to_name: body.toName, status: 'requested', due_at: dueAt, details: protect(ctx, caseId, { note: body.note ?? null }), created_at: now.toISOString(), updated_at: now.toISOString() })
      .execute();
    if (body.toOrgId && !onCase) await trx.insertInto('case_partners').values({ case_id: caseId, org_id: body.toOrgId, role: PARTNER_ROLE[body.type], added_at: now.toISOString() }).execute();
    await recordTransition(trx, principal, { caseId, subject: 'referral', subjectId: id, from: null, to: 'requested', at: now.toISOString() });
    emitCase(emit, row, 'update', row.status);
  });
  return (await listReferrals(ctx, caseId, false)).find((r) => r.id === id)!;
}

export async function transitionReferral(ctx: AppContext, principal: Principal, caseId: string, referralId: string, to: ReferralState, reason?: string): Promise<ReferralView> {
  const { row } = await openCase(ctx, principal, caseId, 'case:assist');
  const ref = await ctx.storage.db.selectFrom('case_referrals').selectAll().where('id', '=', referralId).where('case_id', '=', caseId).executeTakeFirst();
  if (!ref) throw new ProblemError('not-found', `no referral ${referralId} on this case`);
  edgeOrThrow(REFERRAL_EDGES, ref.status as ReferralState, to, { reason });
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    await trx.updateTable('case_referrals').set({ status: to, updated_at: now }).where('id', '=', referralId).execute();
    await recordTransition(trx, principal, { caseId, subject: 'referral', subjectId: referralId, from: ref.status, to, reason, at: now });
    emitCase(emit, row, 'update', row.status);
  });
  return (await listReferrals(ctx, caseId, false)).find((r) => r.id === referralId)!;
}

export async function listReferrals(ctx: AppContext, caseId: string, erased: boolean): Promise<ReferralView[]> {
  const now = ctx.clock.now().toISOString();
  const rows = await ctx.storage.db.selectFrom('case_referrals').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => {
    const status = r.status as ReferralState;
    return {
      id: r.id,
      type: r.type as ReferralType,
      toOrgId: r.to_org_id,
      toName: r.to_name,
      status,
      dueAt: r.due_at,
      overdue: OPEN_REFERRAL_STATES.includes(status) && r.due_at < now,
      note: erased ? null : unprotect<{ note: string | null }>(ctx, caseId, r.details).note,
      nextStates: nextStates(REFERRAL_EDGES, status),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}
