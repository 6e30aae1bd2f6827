import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { UserTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { findOrg, type Org } from '../orgs/orgs.store.js';
import { authorize, type Principal } from '../policy/policy.js';
import { generatePassword, hashPassword } from './passwords.js';
import type { CreateUserBody, UserView } from './users.schema.js';

export const INITIAL_PASSWORD_FILE = 'initial-admin-password';
export const INITIAL_ADMIN_EMAIL = 'admin@localhost';

export function presentUser(row: Selectable<UserTable>, now: Date): UserView {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role as UserView['role'],
    locked: row.locked_until !== null && row.locked_until > now.toISOString(),
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

/** Admins make users of their organisation; the node owner's admins, of any. The password is answered once. */
export async function createUser(ctx: AppContext, principal: Principal | 'system', body: CreateUserBody): Promise<{ user: UserView; password?: string }> {
  const orgId = body.orgId ?? (principal === 'system' ? undefined : principal.orgId);
  if (!orgId) throw new ProblemError('validation-failed', 'orgId is needed');
  if (principal !== 'system') await assertManages(ctx, principal, orgId);
  if (!(await findOrg(ctx.storage.db, orgId))) throw new ProblemError('not-found', `no organisation ${orgId}`);
  const generated = body.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(body.password ?? generated!);
  const row: Selectable<UserTable> = {
    id: newId(),
    org_id: orgId,
    email: body.email,
    name: body.name,
    role: body.role,
    password_hash: passwordHash,
    oidc_subject: null,
    failed_logins: 0,
    locked_until: null,
    must_change_password: generated ? 1 : 0,
    disabled_at: null,
    created_at: ctx.clock.now().toISOString(),
    last_login_at: null,
  };
  await write(ctx, async (trx, emit) => {
    if (await trx.selectFrom('users').select('id').where('email', '=', body.email).executeTakeFirst()) {
      throw new ProblemError('conflict', 'a user with this e-mail address exists');
    }
    await trx.insertInto('users').values(row).execute();
    emit({ entity: 'user', entityId: row.id, op: 'create', orgId, data: { id: row.id, orgId, role: row.role } });
    await recordAudit(trx, ctx, principal, 'user.create', { type: 'user', id: row.id }, { orgId, role: row.role });
  });
  return { user: presentUser(row, ctx.clock.now()), ...(generated ? { password: generated } : {}) };
}

export async function listUsers(ctx: AppContext, principal: Principal): Promise<UserView[]> {
  authorize(principal, 'user:manage');
  const rows = await ctx.storage.db.selectFrom('users').selectAll().where('org_id', '=', principal.orgId).orderBy('email').execute();
  return rows.map((r) => presentUser(r, ctx.clock.now()));
}

/** An admin sets a new password (or has one made): the lock is lifted and every session ends. Audited. */
export async function resetPassword(ctx: AppContext, principal: Principal, userId: string, password?: string): Promise<{ password?: string }> {
  const user = await ctx.storage.db.selectFrom('users').select(['id', 'org_id']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new ProblemError('not-found', `no user ${userId}`);
  await assertManages(ctx, principal, user.org_id);
  const generated = password ? undefined : generatePassword();
  const passwordHash = await hashPassword(password ?? generated!);
  await write(ctx, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, must_change_password: generated ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await recordAudit(trx, ctx, principal, 'user.password-reset', { type: 'user', id: userId }, {});
  });
  return generated ? { password: generated } : {};
}

async function assertManages(ctx: AppContext, principal: Principal, orgId: string): Promise<void> {
  authorize(principal, 'user:manage');
  if (principal.orgId !== orgId && !(await findOrg(ctx.storage.db, principal.orgId))?.isNodeOwner) {
    throw new ProblemError('forbidden', 'only the node owner\'s admins manage users of other organisations');
  }
}

/**
 * A fresh node's first person: admin@localhost, an admin of the node's organisation, with a
 * generated password written to DATA/initial-admin-password (mode 0600), like the first key.
 */
export async function createInitialAdmin(ctx: AppContext, org: Org): Promise<void> {
  if (await ctx.storage.db.selectFrom('users').select('id').where('email', '=', INITIAL_ADMIN_EMAIL).executeTakeFirst()) return;
  const { password } = await createUser(ctx, 'system', { email: INITIAL_ADMIN_EMAIL, name: 'Node administrator', role: 'admin', orgId: org.id });
  const file = path.join(ctx.config.dataDir, INITIAL_PASSWORD_FILE);
  if (!existsSync(file)) writeFileSync(file, password + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}
