import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { authorize, type Principal } from '../policy/policy.js';
import { isRole, type Role } from '../policy/roles.js';
import { generateKey } from './keys.js';
import type { CreateOrgBody } from './orgs.schema.js';
import { findNodeOwner, findOrg, listOrgs, type Org } from './orgs.store.js';
import { defaultSettingColumns } from './orgs.settings.js';
import { createInitialAdmin } from '../users/users.service.js';

/** The node itself acting, for set-up done from the command line on the node's own machine. */
export function systemPrincipal(org: Org): Principal {
  return { orgId: org.id, role: 'admin', actorId: 'system', country: org.country };
}

export async function createOrg(ctx: AppContext, principal: Principal | 'system', body: CreateOrgBody, isNodeOwner = false): Promise<Org> {
  if (principal !== 'system') authorize(principal, 'org:manage');
  const org: Org = { id: newId(), name: body.name, country: body.country, sector: body.sector, isNodeOwner, createdAt: ctx.clock.now().toISOString() };
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('orgs')
      .values({
        id: org.id,
        name: org.name,
        country: org.country,
        sector: org.sector,
        is_node_owner: isNodeOwner ? 1 : 0,
        asserted_count: 0,
        false_positive_count: 0,
        created_at: org.createdAt,
        ...defaultSettingColumns(),
      })
      .execute();
    emit({ entity: 'org', entityId: org.id, op: 'create', orgId: org.id, data: org });
  });
  return org;
}

export async function getOrg(ctx: AppContext, principal: Principal, id: string): Promise<Org> {
  authorize(principal, 'org:read');
  const org = await findOrg(ctx.storage.db, id);
  if (!org) throw new ProblemError('not-found', `no organisation ${id}`);
  return org;
}

export async function getOrgs(ctx: AppContext, principal: Principal): Promise<Org[]> {
  authorize(principal, 'org:read');
  return listOrgs(ctx.storage.db);
}

export type KeyScope = 'full' | 'check';

export interface ApiKeyView {
  id: string;
  orgId: string;
  role: Role;
  name: string;
  /** full, or check: read-only, the check API only. */
  scope: KeyScope;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates a key and returns it with its secret, which is never shown again. */
export async function createApiKey(
  ctx: AppContext,
  principal: Principal | 'system',
  orgId: string,
  role: string,
  name = '',
  scope: KeyScope = 'full',
): Promise<ApiKeyView & { key: string }> {
  if (principal !== 'system') {
    authorize(principal, 'key:manage');
    if (principal.orgId !== orgId && !(await findOrg(ctx.storage.db, principal.orgId))?.isNodeOwner) {
      throw new ProblemError('forbidden', 'only the node owner\'s admins may make keys for other organisations');
    }
  }
  if (!isRole(role)) throw new ProblemError('validation-failed', `role must be one of admin, analyst, intake, viewer, machine`);
  if (!(await findOrg(ctx.storage.db, orgId))) throw new ProblemError('not-found', `no organisation ${orgId}`);
  const { key, prefix, secretHash } = generateKey();
  const view: ApiKeyView = { id: newId(), orgId, role, name, scope, prefix, createdAt: ctx.clock.now().toISOString(), lastUsedAt: null, revokedAt: null };
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('api_keys')
      .values({ id: view.id, org_id: orgId, role, name, scope, prefix, secret_hash: secretHash, created_at: view.createdAt, last_used_at: null, revoked_at: null })
      .execute();
    // The log names the key, never its secret.
    emit({ entity: 'api_key', entityId: view.id, op: 'create', orgId, data: { id: view.id, orgId, role, prefix } });
  });
  return { ...view, key };
}

export async function listApiKeys(ctx: AppContext, principal: Principal, orgId: string): Promise<ApiKeyView[]> {
  authorize(principal, 'key:manage');
  const rows = await ctx.storage.db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    role: r.role as Role,
    name: r.name,
    scope: r.scope as KeyScope,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiKey(ctx: AppContext, principal: Principal, keyId: string): Promise<void> {
  authorize(principal, 'key:manage');
  const row = await ctx.storage.db.selectFrom('api_keys').select(['id', 'org_id', 'revoked_at']).where('id', '=', keyId).executeTakeFirst();
  if (!row || (row.org_id !== principal.orgId && !(await findOrg(ctx.storage.db, principal.orgId))?.isNodeOwner)) {
    throw new ProblemError('not-found', `no key ${keyId}`);
  }
  if (row.revoked_at) return;
  await write(ctx, async (trx, emit) => {
    const at = ctx.clock.now().toISOString();
    await trx.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', keyId).execute();
    emit({ entity: 'api_key', entityId: keyId, op: 'update', orgId: row.org_id, data: { id: keyId, revokedAt: at } });
  });
}

export const INITIAL_KEY_FILE = 'initial-admin-key';

/**
 * A fresh node makes its own organisation and a first admin key, and writes the key to
 * DATA/initial-admin-key (mode 0600) so the operator can find it. Returns the file's path when
 * it made one.
 */
export async function bootstrapNode(ctx: AppContext): Promise<{ org: Org; keyFile?: string }> {
  const existing = await findNodeOwner(ctx.storage.db);
  if (existing) return { org: existing };
  const org = await createOrg(
    ctx,
    'system',
    {
      name: process.env.FRAUDX_ORG_NAME ?? 'This fraudx node',
      country: (process.env.FRAUDX_ORG_COUNTRY ?? 'TH').toUpperCase(),
      sector: 'anti-scam-centre',
    },
    true,
  );
  const { key } = await createApiKey(ctx, 'system', org.id, 'admin', 'initial admin key');
  const keyFile = path.join(ctx.config.dataDir, INITIAL_KEY_FILE);
  if (!existsSync(keyFile)) writeFileSync(keyFile, key + '\n', { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  await createInitialAdmin(ctx, org);
  return { org, keyFile };
}
