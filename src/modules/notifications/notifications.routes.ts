import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { streamRequestEvents } from './stream.js';
import { addWebhook, listDeliveries, listWebhooks, removeWebhook } from './webhooks.service.js';

const id = z.strictObject({ id: z.string().max(64) });

export function notificationsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['requests'],
        summary: 'Register a webhook: request events are POSTed to it, signed with HMAC-SHA256 over the body (x-fraudx-signature: sha256=HEX)',
        body: z.strictObject({ url: z.url().max(2000) }),
      },
    },
    async (request, reply) => reply.code(201).send(await addWebhook(ctx, principalOf(request), request.body.url)),
  );
  r.get('/api/v1/webhooks', { schema: { tags: ['requests'], summary: 'Your organisation\'s webhooks' } }, async (request) => ({ items: await listWebhooks(ctx, principalOf(request)) }));
  r.delete('/api/v1/webhooks/:id', { schema: { tags: ['requests'], params: id } }, async (request, reply) => {
    await removeWebhook(ctx, principalOf(request), request.params.id);
    return reply.code(204).send();
  });
  const deliveriesQuery = z.strictObject({ status: z.enum(['pending', 'delivered', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
  r.get('/api/v1/webhooks/:id/deliveries', { schema: { tags: ['requests'], summary: 'The delivery log of one webhook', params: id, querystring: deliveriesQuery } }, async (request) => ({
    items: await listDeliveries(ctx, principalOf(request), { webhookId: request.params.id, ...request.query }),
  }));
  r.get('/api/v1/notifications/deliveries', { schema: { tags: ['requests'], summary: 'The delivery log of your organisation: webhook calls and e-mails', querystring: deliveriesQuery } }, async (request) => ({
    items: await listDeliveries(ctx, principalOf(request), request.query),
  }));
  r.get(
    '/api/v1/requests/stream',
    {
      schema: {
        tags: ['requests'],
        summary: 'Live changes of the requests you may see, as server-sent events; resume with Last-Event-ID',
        querystring: z.strictObject({ after: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (request, reply) => streamRequestEvents(ctx, principalOf(request), request, reply, request.query.after),
  );
}
