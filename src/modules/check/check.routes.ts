import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { type ApiAuth, principalOf } from '../../server/auth.plugin.js';
import { CHECK_BODY_LIMIT, CHECK_PATH, type CheckLimit, checkLane, type Lane, replayHandedOver } from './check.lane.js';
import { listBody } from '../../server/json-body.js';
import { checkBody, checkResponse, publicCheckQuery, publicCheckResponse } from './check.schema.js';
import { check, publicCheck } from './check.service.js';
import { checkValidatorCompiler } from './check.validate.js';

/** The check routes; answers the check API's lane (check.lane.ts), which shares the route's parts. */
export function checkRoutes(app: FastifyInstance, ctx: AppContext, auth: ApiAuth): Lane {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The route's own budget, one counter for the route and the lane: the plugin's per-route limit
  // is made here rather than from the route's config, so that the lane can count with it too.
  const limit: CheckLimit = app.rateLimit({ max: ctx.config.rateLimits.check, timeWindow: '1 minute' });
  r.post(
    CHECK_PATH,
    {
      bodyLimit: CHECK_BODY_LIMIT,
      config: { rateLimit: false },
      onRequest: limit,
      preParsing: replayHandedOver,
      // The zod schemas stay for the OpenAPI document; bodies are checked by their fast twin.
      validatorCompiler: checkValidatorCompiler,
      // A thousand results make a body past V8's large-object size: written in slices (json-body.ts).
      // Fastify sends a serializer's Buffer as it is; its types only name strings.
      serializerCompiler: () => (data) => listBody('results', (data as { results: unknown[] }).results) as string,
      schema: {
        tags: ['check'],
        summary: 'Is this known fraud? Up to 10,000 items a request, answered in order from memory',
        body: checkBody,
        response: { 200: checkResponse },
      },
    },
    async (request) => ({ results: check(ctx, principalOf(request), request.body) }),
  );
  r.get(
    '/api/v1/public/check',
    {
      config: { rateLimit: { max: ctx.config.publicRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'The public check, without a key: only whether it is known, how often, and what kind of scam',
        querystring: publicCheckQuery,
        response: { 200: publicCheckResponse },
      },
    },
    async (request) => publicCheck(ctx, request.query.value, request.query.kind, request.query.country),
  );
  return checkLane(ctx, auth, limit);
}
