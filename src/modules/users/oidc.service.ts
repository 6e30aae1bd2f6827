import * as client from 'openid-client';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { UserTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { audit, recordAudit } from '../audit/audit.service.js';
import { findOrg } from '../orgs/orgs.store.js';
import { openField, sealField } from '../privacy/field-cipher.js';
import { isRole } from '../policy/roles.js';
import type { OidcSettings } from './oidc.settings.js';
import { openSession, type SignedIn } from './users.sessions.js';

/** How long a person has at the provider before the sign-in must start again. */
export const FLOW_MINUTES = 10;
// Associated data of the sealed flow cookie: it cannot be passed off as any stored field.
const FLOW_AAD = 'oidc-flow';

/** What the browser carries from the login redirect to the callback, sealed under the node key. */
interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expires: number;
}

// Per settings object, so every context (a node, a test's node) keeps its own client.
const discovered = new WeakMap<OidcSettings, Promise<client.Configuration>>();

/** The provider's metadata, fetched once per process; a failed fetch is tried again next time. */
function providerConfig(settings: OidcSettings): Promise<client.Configuration> {
  let found = discovered.get(settings);
  if (!found) {
    const issuer = new URL(settings.issuer);
    // Plain HTTP is accepted only from a provider on this machine (development and tests).
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(issuer.hostname);
    found = client.discovery(
      issuer,
      settings.clientId,
      { redirect_uris: [settings.redirectUri], response_types: ['code'] },
      settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
      loopback && issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    discovered.set(settings, found);
    found.catch(() => discovered.delete(settings));
  }
  return found;
}

function settingsOf(ctx: AppContext): OidcSettings {
  if (!ctx.config.oidc) throw new ProblemError('sso-not-configured');
  return ctx.config.oidc;
}

async function reachProvider(settings: OidcSettings): Promise<client.Configuration> {
  try {
    return await providerConfig(settings);
  } catch {
    throw new ProblemError('unavailable', 'the single sign-on provider cannot be reached');
  }
}

/**
 * Starts the authorization-code flow with PKCE, state and nonce: the provider's address to send
 * the browser to, and the sealed flow for the cookie that must come back with the callback.
 */
export async function beginOidcLogin(ctx: AppContext, next: string | undefined): Promise<{ location: string; flow: string }> {
  const settings = settingsOf(ctx);
  const config = await reachProvider(settings);
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    // Only a path of this site: never an open redirect.
    next: next && next.startsWith('/') && !next.startsWith('//') ? next : '/',
    expires: ctx.clock.now().getTime() + FLOW_MINUTES * 60_000,
  };
  const location = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: settings.scopes,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  });
  return { location: location.href, flow: sealField(ctx, FLOW_AAD, JSON.stringify(flow)) };
}

function openFlow(ctx: AppContext, sealed: string | undefined): Flow {
  if (!sealed) throw new ProblemError('sso-failed', 'the sign-in was not started from this browser, or it took too long: start again');
  let flow: Flow;
  try {
    flow = JSON.parse(openField(ctx, FLOW_AAD, sealed)) as Flow;
  } catch {
    throw new ProblemError('sso-failed', 'the sign-in state is not valid: start again');
  }
  if (flow.expires < ctx.clock.now().getTime()) throw new ProblemError('sso-failed', 'the sign-in took too long: start again');
  return flow;
}

/**
 * Finishes the flow: checks state, nonce and PKCE against the flow the login started, redeems the
 * code, finds (or, when configured, makes) the person, and opens the same session a password
 * sign-in opens. `query` is the callback's query string as the provider sent it.
 */
export async function finishOidcLogin(ctx: AppContext, query: string, sealedFlow: string | undefined): Promise<SignedIn & { cookie: string; next: string }> {
  const settings = settingsOf(ctx);
  const flow = openFlow(ctx, sealedFlow);
  const config = await reachProvider(settings);
  // The callback's address is the configured one, not what the Host header claims.
  const current = new URL(settings.redirectUri);
  current.search = query;
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    claims = { ...idClaims };
    // Many providers put e-mail and custom claims only in the userinfo answer.
    if (config.serverMetadata().userinfo_endpoint) Object.assign(claims, await client.fetchUserInfo(config, tokens.access_token, idClaims.sub), { sub: idClaims.sub });
  } catch (err) {
    await audit(ctx, 'system', 'auth.sso-failed', null, { reason: reasonOf(err) });
    throw new ProblemError('sso-failed', 'the provider\'s answer could not be verified: start again');
  }
  const user = await personFor(ctx, settings, claims);
  const signedIn = await openSession(ctx, user, 'oidc');
  return { ...signedIn, next: flow.next };
}

/** A short, data-free reason for the audit log (error codes, never claim values). */
function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown; error?: unknown }).error ?? (err as { code?: unknown }).code;
  return typeof code === 'string' ? code.slice(0, 80) : 'invalid-response';
}

/**
 * The user a verified login belongs to: the one bound to this subject; else a user with the same
 * verified e-mail not yet bound to any (bound now); else, when provisioning is on, a new user in
 * the organisation and role the claims name. Anyone else is refused.
 */
async function personFor(ctx: AppContext, settings: OidcSettings, claims: Record<string, unknown>): Promise<Selectable<UserTable>> {
  const db = ctx.storage.db;
  const subject = String(claims.sub);
  const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.trim().toLowerCase() : undefined;
  let user = await db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
  if (!user && email) {
    const byEmail = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (byEmail && byEmail.oidc_subject === null) {
      await write(ctx, async (trx) => {
        await trx.updateTable('users').set({ oidc_subject: subject }).where('id', '=', byEmail.id).execute();
        await recordAudit(trx, ctx, { orgId: byEmail.org_id, actorId: byEmail.id }, 'user.sso-linked', { type: 'user', id: byEmail.id });
      });
      user = { ...byEmail, oidc_subject: subject };
    }
  }
  if (!user && settings.provision) user = await provision(ctx, settings, subject, email, claims);
  if (!user) {
    await audit(ctx, 'system', 'auth.sso-refused', null, { reason: 'unknown-user' });
    throw new ProblemError('sso-unknown-user');
  }
  if (user.disabled_at) {
    await audit(ctx, { orgId: user.org_id, actorId: user.id }, 'auth.sso-refused', { type: 'user', id: user.id }, { reason: 'disabled' });
    throw new ProblemError('sso-unknown-user', 'this account is disabled');
  }
  return user;
}

async function provision(ctx: AppContext, settings: OidcSettings, subject: string, email: string | undefined, claims: Record<string, unknown>): Promise<Selectable<UserTable> | undefined> {
  const orgId = claims[settings.orgClaim];
  if (!email || typeof orgId !== 'string' || !(await findOrg(ctx.storage.db, orgId))) return undefined;
  const claimed = claims[settings.roleClaim];
  const role = typeof claimed === 'string' && isRole(claimed) && claimed !== 'machine' ? claimed : settings.defaultRole;
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
  const row: Selectable<UserTable> = {
    id: newId(),
    org_id: orgId,
    email,
    name,
    role,
    // No password: this person signs in through the provider only.
    password_hash: null,
    oidc_subject: subject,
    failed_logins: 0,
    locked_until: null,
    must_change_password: 0,
    disabled_at: null,
    created_at: ctx.clock.now().toISOString(),
    last_login_at: null,
  };
  return write(ctx, async (trx, emit) => {
    // An e-mail already taken by a user bound to another subject is not taken over.
    if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) return undefined;
    await trx.insertInto('users').values(row).execute();
    emit({ entity: 'user', entityId: row.id, op: 'create', orgId, data: { id: row.id, orgId, role } });
    await recordAudit(trx, ctx, 'system', 'user.create', { type: 'user', id: row.id }, { orgId, role, via: 'oidc' });
    return row;
  });
}
