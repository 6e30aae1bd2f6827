import type { Transaction } from 'kysely';
import type { Emit } from '../../app/write.js';
import type { CaseTable, Database } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import type { Principal } from '../policy/policy.js';

type Trx = Transaction<Database>;

/** A change to a case goes to the change log with its id and status only: never a name or a story. */
export function emitCase(emit: Emit, row: Pick<CaseTable, 'id' | 'owner_org_id'>, op: 'create' | 'update', status: string): void {
  emit({ entity: 'case', entityId: row.id, op, orgId: row.owner_org_id, data: { id: row.id, status } });
}

export async function recordTransition(
  trx: Trx,
  principal: Principal,
  t: { caseId: string; subject: 'case' | 'referral' | 'repatriation'; subjectId: string; from: string | null; to: string; reason?: string | null; at: string },
): Promise<void> {
  await trx
    .insertInto('case_transitions')
    .values({ id: newId(), case_id: t.caseId, subject: t.subject, subject_id: t.subjectId, from_state: t.from, to_state: t.to, reason: t.reason ?? null, org_id: principal.orgId, actor_id: principal.actorId, at: t.at })
    .execute();
}
