import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { countryCode } from '../orgs/orgs.schema.js';
import { REQUEST_KINDS } from '../requests/kinds/kind.js';
import { listDeadlineRules, setDeadlineRule } from './deadlines.service.js';

const duration = z.string().max(20).describe('ISO 8601 duration, e.g. PT72H, P60D.');

export function deadlinesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/requests/deadlines', { schema: { tags: ['requests'], summary: 'Deadline defaults (with their sources) and this node\'s rules' } }, async (request) =>
    listDeadlineRules(ctx, principalOf(request)),
  );
  r.put(
    '/api/v1/requests/deadlines',
    {
      schema: {
        tags: ['requests'],
        summary: 'Set the deadlines of a kind for a jurisdiction or a partnership (sender → recipient)',
        body: z.strictObject({
          kind: z.enum(REQUEST_KINDS),
          jurisdiction: countryCode.optional(),
          fromOrg: z.string().max(64).optional(),
          toOrg: z.string().max(64).optional(),
          settings: z
            .strictObject({
              acknowledgeWithin: duration.optional(),
              actWithin: duration.optional(),
              holdFor: duration.optional(),
              holdAfterComplaint: duration.optional(),
              complaintWithin: duration.optional(),
              preserveFor: duration.optional(),
              alertsBefore: z.array(duration).max(5).optional(),
            })
            .refine((s) => Object.keys(s).length > 0, 'name at least one setting'),
        }),
      },
    },
    async (request) => setDeadlineRule(ctx, principalOf(request), request.body),
  );
}
