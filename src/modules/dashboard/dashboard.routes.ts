import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { dashboardQuery, dashboardView } from './dashboard.schema.js';
import { dashboard } from './dashboard.service.js';

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/dashboard',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The dashboard figures: totals, losses per currency, reports and blocks over time, top typologies and countries, what changed since a time',
        querystring: dashboardQuery,
        response: { 200: dashboardView },
      },
    },
    async (request) => dashboard(ctx, principalOf(request), request.query),
  );
}
