import type { Db } from '../orgs/orgs.store.js';

/** The ids of the sharing groups an organisation belongs to, sorted. */
export async function groupIdsOf(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('sharing_group_members').select('group_id').where('org_id', '=', orgId).orderBy('group_id').execute();
  return rows.map((r) => r.group_id);
}

export async function membershipOf(db: Db, groupId: string, orgId: string): Promise<string | undefined> {
  const row = await db.selectFrom('sharing_group_members').select('role').where('group_id', '=', groupId).where('org_id', '=', orgId).executeTakeFirst();
  return row?.role;
}
