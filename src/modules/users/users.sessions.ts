import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Principal } from '../policy/policy.js';
import type { Role } from '../policy/roles.js';
import { groupIdsOf } from '../sharing/sharing.store.js';
import { passwordMatches } from './passwords.js';
import type { SessionView } from './users.schema.js';

export const SESSION_COOKIE = 'fraudx_session';
export const SESSION_HOURS = 12;
/** After this many failed sign-ins in a row the account locks for LOCK_MINUTES (or until an admin resets it). */
export const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface SignedIn {
  principal: Principal;
  view: SessionView;
}

/**
 * Signs a person in: a correct password for an unlocked account opens a session; failures count
 * towards the lock. The answer for a wrong e-mail and a wrong password is the same. Audited.
 */
export async function login(ctx: AppContext, email: string, password: string): Promise<SignedIn & { cookie: string }> {
  const now = ctx.clock.now();
  const user = await ctx.storage.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = await passwordMatches(user?.password_hash, password);
  if (!user || user.disabled_at) throw new ProblemError('login-failed');
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await write(ctx, (trx) => recordAudit(trx, ctx, { orgId: user.org_id, actorId: user.id }, 'auth.login-locked', { type: 'user', id: user.id }));
    throw new ProblemError('account-locked', `locked until ${user.locked_until}`);
  }
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lock = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    await write(ctx, async (trx) => {
      await trx.updateTable('users').set({ failed_logins: lock ? 0 : failures, locked_until: lock }).where('id', '=', user.id).execute();
      await recordAudit(trx, ctx, { orgId: user.org_id, actorId: user.id }, lock ? 'auth.locked' : 'auth.login-failed', { type: 'user', id: user.id }, { failures });
    });
    if (lock) throw new ProblemError('account-locked', `too many failed sign-ins: locked until ${lock}`);
    throw new ProblemError('login-failed');
  }
  return openSession(ctx, user, 'password');
}

/**
 * Opens a session for a person whose identity is already proven (by password or by the single
 * sign-on provider): the cookie, its CSRF token, the login time, and the audit entry.
 */
export async function openSession(ctx: AppContext, user: { id: string; org_id: string }, method: 'password' | 'oidc'): Promise<SignedIn & { cookie: string }> {
  const now = ctx.clock.now();
  const cookie = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await write(ctx, async (trx) => {
    await trx
      .insertInto('sessions')
      .values({ id_hash: digest(cookie), user_id: user.id, csrf_token: csrf, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString() })
      .execute();
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
    await recordAudit(trx, ctx, { orgId: user.org_id, actorId: user.id }, 'auth.login', { type: 'user', id: user.id }, method === 'password' ? {} : { method });
  });
  const signedIn = await sessionOf(ctx, cookie);
  if (!signedIn) throw new ProblemError('internal', 'the new session vanished');
  return { ...signedIn, cookie };
}

/** The person behind a session cookie, or undefined when it is unknown, expired or the user disabled. */
export async function sessionOf(ctx: AppContext, cookie: string): Promise<SignedIn | undefined> {
  const row = await ctx.storage.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['s.csrf_token', 's.expires_at', 'u.id', 'u.email', 'u.name', 'u.role', 'u.org_id', 'u.disabled_at', 'o.name as org_name', 'o.country'])
    .where('s.id_hash', '=', digest(cookie))
    .executeTakeFirst();
  if (!row || row.disabled_at || row.expires_at <= ctx.clock.now().toISOString()) return undefined;
  const role = row.role as Role;
  return {
    principal: { orgId: row.org_id, role, actorId: row.id, country: row.country, groups: await groupIdsOf(ctx.storage.db, row.org_id) },
    view: { user: { id: row.id, email: row.email, name: row.name, role, orgId: row.org_id, orgName: row.org_name }, csrfToken: row.csrf_token },
  };
}

export async function logout(ctx: AppContext, cookie: string): Promise<void> {
  await write(ctx, async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', digest(cookie)).execute();
  });
}
