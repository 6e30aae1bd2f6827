import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import { cookieOf, principalOf, setSessionCookie } from '../../server/auth.plugin.js';
import { createUserBody, loginBody, resetPasswordBody, sessionView, userView } from './users.schema.js';
import { createUser, listUsers, resetPassword } from './users.service.js';
import { login, logout, SESSION_COOKIE } from './users.sessions.js';

export function usersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/login',
    {
      // Guessing passwords is slowed per address here and per account by the lock.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['sessions'], summary: 'Sign in with e-mail and password; sets the fraudx_session cookie', security: [], body: loginBody, response: { 200: sessionView } },
    },
    async (request, reply) => {
      const signedIn = await login(ctx, request.body.email, request.body.password);
      setSessionCookie(request, reply, signedIn.cookie);
      return signedIn.view;
    },
  );
  r.get('/api/v1/auth/session', { schema: { tags: ['sessions'], summary: 'The signed-in person and the CSRF token, or 401', response: { 200: sessionView } } }, async (request) => {
    if (!request.session) throw new ProblemError('auth-required', 'not signed in');
    return request.session.view;
  });
  r.post('/api/v1/auth/logout', { schema: { tags: ['sessions'], summary: 'Sign out: the session ends and its cookie is cleared' } }, async (request, reply) => {
    const cookie = cookieOf(request, SESSION_COOKIE);
    if (cookie) await logout(ctx, cookie);
    setSessionCookie(request, reply, null);
    return reply.code(204).send();
  });
  r.get('/api/v1/users', { schema: { tags: ['users'], summary: 'The users of your organisation (admins)', response: { 200: z.object({ items: z.array(userView) }) } } }, async (request) => ({
    items: await listUsers(ctx, principalOf(request)),
  }));
  r.post(
    '/api/v1/users',
    { schema: { tags: ['users'], summary: 'Make a user (admins); a generated password is in this answer only', body: createUserBody, response: { 201: z.object({ user: userView, password: z.string().optional() }) } } },
    async (request, reply) => reply.code(201).send(await createUser(ctx, principalOf(request), request.body)),
  );
  r.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Set a new password (admins): lifts a lock and ends the user\'s sessions; audited',
        params: z.strictObject({ id: z.string().max(64) }),
        body: resetPasswordBody,
        response: { 200: z.object({ password: z.string().optional() }) },
      },
    },
    async (request) => resetPassword(ctx, principalOf(request), request.params.id, request.body.password),
  );
}
