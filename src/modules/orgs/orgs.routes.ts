import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { ROLES } from '../policy/roles.js';
import { createOrgBody, orgResponse } from './orgs.schema.js';
import { getOrgSettings, orgSettingsBody, orgSettingsView, updateOrgSettings } from './orgs.settings.js';
import { createApiKey, createOrg, getOrg, getOrgs, listApiKeys, revokeApiKey } from './orgs.service.js';

const keyView = z.object({
  id: z.string(),
  orgId: z.string(),
  role: z.enum(ROLES),
  name: z.string(),
  scope: z.enum(['full', 'check']).describe('check: a read-only key for the check API only'),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const orgId = z.strictObject({ id: z.string().max(64) });

export function orgsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/me', { schema: { tags: ['organisations'], summary: 'Who the key belongs to' } }, async (request) => {
    const principal = principalOf(request);
    return { orgId: principal.orgId, role: principal.role, keyId: principal.actorId, org: await getOrg(ctx, principal, principal.orgId).catch(() => null) };
  });
  r.get('/api/v1/orgs', { schema: { tags: ['organisations'], response: { 200: z.object({ items: z.array(orgResponse) }) } } }, async (request) => ({
    items: await getOrgs(ctx, principalOf(request)),
  }));
  r.post('/api/v1/orgs', { schema: { tags: ['organisations'], body: createOrgBody, response: { 201: orgResponse } } }, async (request, reply) =>
    reply.code(201).send(await createOrg(ctx, principalOf(request), request.body)),
  );
  r.get('/api/v1/orgs/:id', { schema: { tags: ['organisations'], params: orgId, response: { 200: orgResponse } } }, async (request) =>
    getOrg(ctx, principalOf(request), request.params.id),
  );
  r.get('/api/v1/orgs/:id/keys', { schema: { tags: ['keys'], params: orgId, response: { 200: z.object({ items: z.array(keyView) }) } } }, async (request) => ({
    items: await listApiKeys(ctx, principalOf(request), request.params.id),
  }));
  r.post(
    '/api/v1/orgs/:id/keys',
    {
      schema: {
        tags: ['keys'],
        summary: 'Make an API key; the key is in this answer only and never shown again',
        params: orgId,
        body: z.strictObject({ role: z.enum(ROLES), name: z.string().max(200).default(''), scope: z.enum(['full', 'check']).default('full') }),
        response: { 201: keyView.extend({ key: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiKey(ctx, principalOf(request), request.params.id, request.body.role, request.body.name, request.body.scope)),
  );
  r.get('/api/v1/orgs/:id/settings', { schema: { tags: ['organisations'], summary: 'Your organisation\'s default marking, "known" sharing and retention', params: orgId, response: { 200: orgSettingsView } } }, async (request) =>
    getOrgSettings(ctx, principalOf(request), request.params.id),
  );
  r.put('/api/v1/orgs/:id/settings', { schema: { tags: ['organisations'], summary: 'Change them (admins); audited', params: orgId, body: orgSettingsBody, response: { 200: orgSettingsView } } }, async (request) =>
    updateOrgSettings(ctx, principalOf(request), request.params.id, request.body),
  );
  r.delete('/api/v1/keys/:id', { schema: { tags: ['keys'], summary: 'Revoke a key', params: orgId } }, async (request, reply) => {
    await revokeApiKey(ctx, principalOf(request), request.params.id);
    return reply.code(204).send();
  });
}
