import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../../../errors/problems.js';
import type { KeyAuthenticator } from '../../orgs/auth.js';
import type { Principal } from '../../policy/policy.js';

/**
 * TAXII clients authenticate with the API key as a bearer token, or, since many only offer
 * HTTP Basic, with the key as the Basic password (the user name is ignored). No header at all
 * reads as the public.
 */
export async function taxiiPrincipal(authenticator: KeyAuthenticator, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (!header) return null;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!basic) return authenticator.authenticate(header);
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new ProblemError('invalid-key', 'HTTP Basic needs "user:key"; put the API key in the password');
  return authenticator.authenticate(`Bearer ${decoded.slice(colon + 1)}`);
}
