import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { REQUEST_KINDS } from '../requests/kinds/kind.js';
import { contactBody, contactView } from './contacts.schema.js';
import { addContact, listContacts, removeContact } from './contacts.service.js';

export function contactsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['requests'],
        summary: 'The directory of 24/7 points of contact, per organisation and request kind',
        querystring: z.strictObject({ org: z.string().max(64).optional(), kind: z.enum(REQUEST_KINDS).optional() }),
        response: { 200: z.object({ items: z.array(contactView) }) },
      },
    },
    async (request) => ({ items: await listContacts(ctx, principalOf(request), { orgId: request.query.org, kind: request.query.kind }) }),
  );
  r.post('/api/v1/contacts', { schema: { tags: ['requests'], summary: 'Add a point of contact to your organisation', body: contactBody, response: { 201: contactView } } }, async (request, reply) =>
    reply.code(201).send(await addContact(ctx, principalOf(request), request.body)),
  );
  r.delete('/api/v1/contacts/:id', { schema: { tags: ['requests'], params: z.strictObject({ id: z.string().max(64) }) } }, async (request, reply) => {
    await removeContact(ctx, principalOf(request), request.params.id);
    return reply.code(204).send();
  });
}
