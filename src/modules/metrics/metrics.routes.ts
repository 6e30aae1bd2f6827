import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { METRIC_GROUPS, type MetricGroup, responderMetrics } from './responders.service.js';

export function metricsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/metrics/responders',
    {
      schema: {
        tags: ['requests'],
        summary: 'Time to acknowledge, freeze, take down, answer a dispute; share within deadline — per organisation, kind and country',
        querystring: z.strictObject({
          by: z.string().max(60).default('organisation,kind').describe('Comma-separated: organisation, kind, country.'),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
      },
    },
    async (request) => {
      const by = request.query.by.split(',').map((s) => s.trim()).filter((s): s is MetricGroup => (METRIC_GROUPS as readonly string[]).includes(s));
      return responderMetrics(ctx, principalOf(request), { by, from: request.query.from, to: request.query.to });
    },
  );
}
