import type { Kysely, Transaction } from 'kysely';
import type { Database, OrgTable } from '../../db/schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface Org {
  id: string;
  name: string;
  country: string;
  sector: string;
  isNodeOwner: boolean;
  createdAt: string;
}

export function toOrg(row: OrgTable): Org {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    sector: row.sector,
    isNodeOwner: row.is_node_owner === 1,
    createdAt: row.created_at,
  };
}

export async function findOrg(db: Db, id: string): Promise<Org | undefined> {
  const row = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrg(row) : undefined;
}

export async function findNodeOwner(db: Db): Promise<Org | undefined> {
  const row = await db.selectFrom('orgs').selectAll().where('is_node_owner', '=', 1).executeTakeFirst();
  return row ? toOrg(row) : undefined;
}

export async function listOrgs(db: Db): Promise<Org[]> {
  const rows = await db.selectFrom('orgs').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toOrg);
}
