import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { ProblemError } from '../errors/problems.js';
import { KeyAuthenticator } from '../modules/orgs/auth.js';
import type { Principal } from '../modules/policy/policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const PUBLIC_PREFIXES = ['/api/v1/public/'];

/** Every /api route but the public ones needs `Authorization: Bearer KEY`. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const authenticator = new KeyAuthenticator(ctx);
  app.addHook('onRequest', async (request) => {
    const url = request.url;
    if (!url.startsWith('/api/') || PUBLIC_PREFIXES.some((p) => url.startsWith(p))) return;
    request.principal = await authenticator.authenticate(request.headers.authorization);
  });
}

/** The principal of an authenticated route; reaching a handler without one is a bug, not bad input. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ProblemError('auth-required');
  return request.principal;
}
