import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import { cookieOf, setSessionCookie } from '../../server/auth.plugin.js';
import { beginOidcLogin, finishOidcLogin, FLOW_MINUTES } from './oidc.service.js';

const FLOW_COOKIE = 'fraudx_oidc';
const FLOW_PATH = '/api/v1/auth/oidc';

/**
 * Single sign-on. The flow cookie is SameSite=Lax: the provider sends the browser back with a
 * top-level GET, which Lax cookies accompany, while cross-site requests of any other kind do not.
 */
function setFlowCookie(request: FastifyRequest, reply: FastifyReply, value: string | null): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const life = value === null ? 'Max-Age=0' : `Max-Age=${FLOW_MINUTES * 60}`;
  reply.header('set-cookie', `${FLOW_COOKIE}=${value ?? ''}; Path=${FLOW_PATH}; HttpOnly; SameSite=Lax; ${life}${secure}`);
}

export function oidcRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/auth/options',
    { schema: { tags: ['sessions'], summary: 'How people may sign in on this node: password, and single sign-on when configured', security: [], response: { 200: z.object({ password: z.boolean(), sso: z.boolean() }) } } },
    async () => ({ password: true, sso: ctx.config.oidc !== undefined }),
  );
  r.get(
    '/api/v1/auth/oidc/login',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['sessions'],
        summary: 'Start single sign-on: redirects to the OpenID Connect provider (authorization code with PKCE)',
        security: [],
        querystring: z.object({ next: z.string().max(2000).optional().describe('A path of this site to return to after signing in') }),
      },
    },
    async (request, reply) => {
      const { location, flow } = await beginOidcLogin(ctx, request.query.next);
      setFlowCookie(request, reply, flow);
      return reply.redirect(location, 302);
    },
  );
  r.get(
    '/api/v1/auth/oidc/callback',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['sessions'], summary: 'Where the provider returns: verifies the answer, sets the fraudx_session cookie and redirects into the app', security: [] },
    },
    async (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const sealed = cookieOf(request, FLOW_COOKIE);
      // The flow is single-use whatever the outcome.
      setFlowCookie(request, reply, null);
      let signedIn: Awaited<ReturnType<typeof finishOidcLogin>>;
      try {
        signedIn = await finishOidcLogin(ctx, query, sealed);
      } catch (err) {
        // A person's browser goes back to the sign-in page, which says what went wrong; API clients get the problem.
        if (!(err instanceof ProblemError) || !acceptsHtml(request)) throw err;
        return reply.redirect(`/signin?sso=${encodeURIComponent(err.code)}`, 302);
      }
      setSessionCookie(request, reply, signedIn.cookie);
      return reply.redirect(signedIn.next, 302);
    },
  );
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}
