import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { contactsRoutes } from '../contacts/contacts.routes.js';
import { deadlinesRoutes } from '../deadlines/deadlines.routes.js';
import { MAX_EVIDENCE_BYTES } from '../intake/intake.schema.js';
import { ledgerRoutes } from '../ledger/ledger.routes.js';
import { metricsRoutes } from '../metrics/metrics.routes.js';
import { notificationsRoutes } from '../notifications/notifications.routes.js';
import { publicDisputeBody, publicDisputeReceipt } from './disputes.schema.js';
import { publicDisputeStatus, submitPublicDispute } from './disputes.service.js';
import { createRequestBody, type CreateRequestInput, listRequestsQuery, shareBody, transitionBody } from './requests.schema.js';
import { createRequest, getRequest, listRequests, moveRequest, requestKinds, shareRequest } from './requests.service.js';

const id = z.strictObject({ id: z.string().max(64) });
// Attachments travel as base64 inside the JSON body.
const ATTACHMENT_BODY_LIMIT = Math.ceil((MAX_EVIDENCE_BYTES * 5 * 4) / 3) + 256 * 1024;

/** Cooperation requests and what serves them: contacts, deadlines, ledger, metrics, notifications, disputes. */
export function cooperationRoutes(app: FastifyInstance, ctx: AppContext): void {
  requestsRoutes(app, ctx);
  contactsRoutes(app, ctx);
  deadlinesRoutes(app, ctx);
  ledgerRoutes(app, ctx);
  metricsRoutes(app, ctx);
  notificationsRoutes(app, ctx);
  disputesRoutes(app, ctx);
}

function requestsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/requests',
    {
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      schema: { tags: ['requests'], summary: 'Send a cooperation request to another organisation; refused with request-incomplete until its kind\'s required contents are present', body: createRequestBody },
    },
    async (request, reply) => reply.code(201).send(await createRequest(ctx, principalOf(request), request.body as CreateRequestInput)),
  );
  r.get('/api/v1/requests', { schema: { tags: ['requests'], summary: 'Inbox, outbox and requests shared with your organisation', querystring: listRequestsQuery } }, async (request) =>
    listRequests(ctx, principalOf(request), request.query),
  );
  r.get('/api/v1/requests/kinds', { schema: { tags: ['requests'], summary: 'Request kinds: contents, required fields, legal bases, states and moves' } }, async (request) => {
    principalOf(request);
    return requestKinds();
  });
  r.get('/api/v1/requests/:id', { schema: { tags: ['requests'], summary: 'A request with its state, clocks, legs and timeline', params: id } }, async (request) =>
    getRequest(ctx, principalOf(request), request.params.id),
  );
  r.post(
    '/api/v1/requests/:id/transitions',
    { schema: { tags: ['requests'], summary: 'Move a request to another state; 409 invalid-transition when its kind does not allow the move', params: id, body: transitionBody } },
    async (request) => moveRequest(ctx, principalOf(request), request.params.id, request.body),
  );
  r.post('/api/v1/requests/:id/share', { schema: { tags: ['requests'], summary: 'Let another organisation see a request', params: id, body: shareBody } }, async (request) =>
    shareRequest(ctx, principalOf(request), request.params.id, request.body.orgId),
  );
}

function disputesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const env = process.env;
  r.post(
    '/api/v1/public/disputes',
    {
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      config: { rateLimit: { max: Number(env.FRAUDX_PUBLIC_DISPUTE_RATE_LIMIT ?? 5), timeWindow: '1 hour' } },
      schema: {
        tags: ['public'],
        summary: 'Dispute a listing of your number, account, wallet or site; the listing organisation must answer within its deadline',
        body: publicDisputeBody,
        response: { 202: publicDisputeReceipt },
      },
    },
    async (request, reply) => reply.code(202).send(await submitPublicDispute(ctx, request.body)),
  );
  r.get(
    '/api/v1/public/disputes/:id',
    {
      config: { rateLimit: { max: Number(env.FRAUDX_PUBLIC_DISPUTE_STATUS_RATE_LIMIT ?? 60), timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'Follow your dispute with the token you were given', params: id, querystring: z.strictObject({ token: z.string().min(10).max(100) }) },
    },
    async (request) => publicDisputeStatus(ctx, request.params.id, request.query.token),
  );
}
