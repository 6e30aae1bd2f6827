import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { addMemberBody, createGroupBody, groupView } from './sharing.schema.js';
import { addMember, createGroup, getGroup, listGroups, removeMember } from './sharing.service.js';

const groupId = z.strictObject({ id: z.string().max(64) });

export function sharingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sharing groups'];
  r.get('/api/v1/sharing-groups', { schema: { tags, summary: 'The sharing groups your organisation belongs to', response: { 200: z.object({ items: z.array(groupView) }) } } }, async (request) => ({
    items: await listGroups(ctx, principalOf(request)),
  }));
  r.post('/api/v1/sharing-groups', { schema: { tags, summary: 'Make a sharing group; your organisation owns it', body: createGroupBody, response: { 201: groupView } } }, async (request, reply) =>
    reply.code(201).send(await createGroup(ctx, principalOf(request), request.body)),
  );
  r.get('/api/v1/sharing-groups/:id', { schema: { tags, params: groupId, response: { 200: groupView } } }, async (request) => getGroup(ctx, principalOf(request), request.params.id));
  r.post('/api/v1/sharing-groups/:id/members', { schema: { tags, summary: 'Add an organisation (owners only)', params: groupId, body: addMemberBody, response: { 200: groupView } } }, async (request) =>
    addMember(ctx, principalOf(request), request.params.id, request.body),
  );
  r.delete(
    '/api/v1/sharing-groups/:id/members/:orgId',
    { schema: { tags, summary: 'Remove an organisation (owners only); audited', params: z.strictObject({ id: z.string().max(64), orgId: z.string().max(64) }), response: { 200: groupView } } },
    async (request) => removeMember(ctx, principalOf(request), request.params.id, request.params.orgId),
  );
}
