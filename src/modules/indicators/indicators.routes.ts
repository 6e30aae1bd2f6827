import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { KINDS } from './kinds/registry.js';
import { listingInput, recordListings } from './indicators.listings.js';
import { indicatorDetail, indicatorParams, indicatorQuery, indicatorSummary, listIndicatorsQuery, setStatusBody } from './indicators.schema.js';
import { getIndicator, listIndicators, setIndicatorStatus } from './indicators.service.js';

export function indicatorsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'List indicators, highest score first',
        querystring: listIndicatorsQuery,
        response: { 200: z.object({ items: z.array(indicatorSummary), next: z.string().nullable() }) },
      },
    },
    async (request) => listIndicators(ctx, principalOf(request), request.query),
  );
  r.get(
    '/api/v1/indicators/:kind/:value',
    {
      schema: {
        tags: ['indicators'],
        summary: 'One indicator, found by any form of its value, with its reports, losses and provenance',
        params: indicatorParams,
        querystring: indicatorQuery,
        response: { 200: indicatorDetail },
      },
    },
    async (request) => getIndicator(ctx, principalOf(request), request.params.kind, request.params.value, request.query.country?.toUpperCase()),
  );
  r.post(
    '/api/v1/indicators/:kind/:value/status',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Change an indicator\'s status (active, disputed, allowed, expired) with a reason',
        params: indicatorParams,
        body: setStatusBody,
        response: { 200: indicatorSummary },
      },
    },
    async (request) => setIndicatorStatus(ctx, principalOf(request), request.params.kind, request.params.value, request.body.status, request.body.reason),
  );
  r.post(
    '/api/v1/indicators/batch',
    {
      schema: {
        tags: ['indicators'],
        summary: 'List indicators in bulk (without reports); answers per item: accepted, merged or rejected',
        body: z.strictObject({ items: z.array(listingInput).min(1).max(10_000) }),
      },
    },
    async (request) => ({ results: await recordListings(ctx, principalOf(request), request.body.items) }),
  );
  r.get(
    '/api/v1/kinds',
    { schema: { tags: ['indicators'], summary: 'The indicator kinds this node understands' } },
    async () => ({ kinds: KINDS.map((k) => ({ name: k.name, description: k.description })) }),
  );
}
