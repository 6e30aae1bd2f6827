import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { createSightingBody, sightingView } from './sightings.schema.js';
import { createSighting } from './sightings.service.js';

export function sightingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/sightings',
    {
      schema: {
        tags: ['sightings'],
        summary: 'Record that your organisation saw, blocked, or found false an indicator; it moves the score',
        body: createSightingBody,
        response: { 201: sightingView },
      },
    },
    async (request, reply) => reply.code(201).send(await createSighting(ctx, principalOf(request), request.body)),
  );
}
