import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { auditPage, auditQuery } from './audit.schema.js';
import { listAudit } from './audit.service.js';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    { schema: { tags: ['audit'], summary: 'The hash-chained audit log, newest first (admins)', querystring: auditQuery, response: { 200: auditPage } } },
    async (request) => listAudit(ctx, principalOf(request), request.query),
  );
}
