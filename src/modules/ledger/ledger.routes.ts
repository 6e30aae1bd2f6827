import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { LEDGER_GROUPS, ledgerRollup } from './ledger.service.js';

export function ledgerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/ledger',
    {
      schema: {
        tags: ['requests'],
        summary: 'The asset ledger per currency: reported lost, held, frozen, seized, returned, released, found wrongful (total in, balance now)',
        querystring: z.strictObject({
          by: z.enum(LEDGER_GROUPS).default('none'),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          currency: z.string().length(3).optional(),
        }),
      },
    },
    async (request) => ledgerRollup(ctx, principalOf(request), request.query),
  );
}
