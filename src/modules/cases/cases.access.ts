import type { AppContext } from '../../app/context.js';
import type { CaseTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { type CaseAccess, type CaseAction, caseAccessOf, canOnCase } from '../policy/cases.policy.js';
import type { Principal } from '../policy/policy.js';

export interface CaseHandle {
  row: CaseTable;
  partnerOrgIds: string[];
  access: CaseAccess;
}

/**
 * Loads a case for one action, or refuses. Someone outside the case team and its named partners
 * gets `not-found`, exactly as for a case that does not exist: they do not learn it is there.
 * Every access that passes is written to the case access log.
 */
export async function openCase(ctx: AppContext, principal: Principal, id: string, action: CaseAction): Promise<CaseHandle> {
  const db = ctx.storage.db;
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  const partnerOrgIds = row ? (await db.selectFrom('case_partners').select('org_id').where('case_id', '=', id).execute()).map((p) => p.org_id) : [];
  const facts = { ownerOrgId: row?.owner_org_id ?? '', partnerOrgIds };
  if (!row || !canOnCase(principal, facts, 'case:read')) throw new ProblemError('not-found', `no case ${id}`);
  if (!canOnCase(principal, facts, action)) throw new ProblemError('forbidden', `only the case team may ${action.slice(5)} this case`);
  if (row.erased_at && action !== 'case:read') throw new ProblemError('conflict', 'this case was erased on request');
  await auditCase(ctx, principal, id, action);
  return { row, partnerOrgIds, access: caseAccessOf(principal, facts) };
}

/**
 * Appends to the case access log. Written outside `write`: a read is not a change other nodes
 * or streams should hear about, and the log must hold no personal data.
 */
export async function auditCase(ctx: AppContext, principal: Principal, caseId: string | null, action: string): Promise<void> {
  await ctx.storage.db
    .insertInto('case_access_log')
    .values({ id: newId(), case_id: caseId, org_id: principal.orgId, actor_id: principal.actorId, action, at: ctx.clock.now().toISOString() })
    .execute();
}
