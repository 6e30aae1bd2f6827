import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { ProblemError } from '../errors/problems.js';
import { audit } from '../modules/audit/audit.service.js';
import { KeyAuthenticator } from '../modules/orgs/auth.js';
import type { Principal } from '../modules/policy/policy.js';
import { SESSION_COOKIE, SESSION_HOURS, sessionOf, type SignedIn } from '../modules/users/users.sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** Set when the request was authenticated by the session cookie rather than a key. */
    session?: SignedIn;
  }
}

const PUBLIC_PREFIXES = ['/api/v1/public/', '/api/v1/auth/login', '/api/v1/auth/options', '/api/v1/auth/oidc/'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What a check-scoped (read-only) key may call. */
const CHECK_SCOPE = new Set(['POST /api/v1/check', 'GET /api/v1/me']);
// Privileged key use is audited at most this often per key, so the log records who used admin
// keys and when without an entry per request.
const KEY_AUDIT_MS = 3_600_000;

/**
 * How API requests are authenticated: one per app, shared by the Fastify hook (`registerAuth`)
 * and the check API's lane (check.lane.ts), so that both know the same keys and audit alike.
 */
export class ApiAuth {
  readonly keys: KeyAuthenticator;
  private readonly keyAudited = new Map<string, number>();

  constructor(private readonly ctx: AppContext) {
    this.keys = new KeyAuthenticator(ctx);
  }

  /**
   * The principal of a key request when it is settled at once: a key verified moments ago, whose
   * scope allows the call and whose use needs no audit entry now. Undefined otherwise: the hook
   * below then decides (asks storage, writes the audit entry, or refuses).
   */
  settled(method: string, path: string, authorization: string | undefined): Principal | undefined {
    const principal = this.keys.verified(authorization);
    if (!principal || !scopeAllows(principal, method, path) || this.auditDue(principal)) return undefined;
    return principal;
  }

  /** The principal of a key request, after refusing a scope that does not allow it and auditing privileged use. */
  withKey(request: FastifyRequest, principal: Principal): Promise<void> | undefined {
    if (!scopeAllows(principal, request.method, request.url.split('?')[0])) throw new ProblemError('key-scope');
    if (this.auditDue(principal)) {
      this.keyAudited.set(principal.actorId, Date.now());
      return audit(this.ctx, principal, 'auth.key-use', { type: 'api-key', id: principal.actorId }, { method: request.method, route: request.routeOptions.url ?? '' }).then(() => {
        request.principal = principal;
      });
    }
    request.principal = principal;
    return undefined;
  }

  // Privileged key use is audited at most once per KEY_AUDIT_MS per key.
  private auditDue(principal: Principal): boolean {
    return principal.role === 'admin' && Date.now() - (this.keyAudited.get(principal.actorId) ?? 0) > KEY_AUDIT_MS;
  }
}

function scopeAllows(principal: Principal, method: string, path: string): boolean {
  return principal.scope !== 'check' || CHECK_SCOPE.has(`${method} ${path}`);
}

/**
 * Every /api route but the public ones needs `Authorization: Bearer KEY` or the session cookie of
 * a signed-in person. A cookie-authenticated write must also carry its session's CSRF token in
 * `x-csrf-token`: a cross-site form can send the cookie, never the header.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext, auth: ApiAuth): void {
  const withSession = async (request: FastifyRequest, cookie: string): Promise<void> => {
    const signedIn = await sessionOf(ctx, cookie);
    if (!signedIn) throw new ProblemError('auth-required', 'the session has ended: sign in again');
    if (WRITES.has(request.method) && !sameToken(request.headers['x-csrf-token'], signedIn.view.csrfToken)) throw new ProblemError('csrf-failed');
    request.principal = signedIn.principal;
    request.session = signedIn;
  };

  // A callback hook, not an async one: a key verified moments ago is answered without a promise
  // (every check request comes this way). A throw here reaches Fastify as the hook's error.
  app.addHook('onRequest', (request, _reply, done) => {
    const url = request.url;
    if (!url.startsWith('/api/') || PUBLIC_PREFIXES.some((p) => url.startsWith(p))) return done();
    const authorization = request.headers.authorization;
    // A key, when given, decides: the cookie header is read only without one.
    const cookie = authorization ? undefined : cookieOf(request, SESSION_COOKIE);
    let pending: Promise<void> | undefined;
    if (authorization || !cookie) {
      const principal = auth.keys.authenticate(authorization);
      pending = principal instanceof Promise ? principal.then((p) => auth.withKey(request, p)) : auth.withKey(request, principal);
    } else {
      pending = withSession(request, cookie);
    }
    if (pending === undefined) done();
    else pending.then(() => done(), done);
  });
}

/** The principal of an authenticated route; reaching a handler without one is a bug, not bad input. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ProblemError('auth-required');
  return request.principal;
}

export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Sets (or, with null, clears) the session cookie: HttpOnly, SameSite=Lax, Secure over TLS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string | null): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const life = value === null ? 'Max-Age=0' : `Max-Age=${SESSION_HOURS * 3600}`;
  reply.header('set-cookie', `${SESSION_COOKIE}=${value ?? ''}; Path=/; HttpOnly; SameSite=Lax; ${life}${secure}`);
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
