import type { AppContext } from '../../app/context.js';
import type { CaseTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { audit } from '../audit/audit.service.js';
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
 * Every access that passes is written to the audit log.
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

/** Every read and change of a case goes to the node's hash-chained audit log: who, which case, what, never any personal data. */
export async function auditCase(ctx: AppContext, principal: Principal, caseId: string | null, action: string, details: Record<string, unknown> = {}): Promise<void> {
  await audit(ctx, principal, action, caseId ? { type: 'case', id: caseId } : null, details);
}
