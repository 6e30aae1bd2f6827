import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app/context.js';
import { ProblemError } from '../../../errors/problems.js';
import { principalOf } from '../../../server/auth.plugin.js';
import { buildMispFeed } from '../misp/misp-export.js';
import { exportStixBundle } from '../stix/stix-bundle.js';
import { blocklistParams, exportFilters } from './exports.schema.js';
import { blocklist, indicatorsCsv } from './exports.service.js';

export function exportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/api/v1/exports/indicators.csv',
    { schema: { tags: ['exports'], summary: 'Indicators you may see, as CSV (kind, value, score, countries, typologies, …)', querystring: exportFilters } },
    async (request, reply) => {
      const reader = { principal: principalOf(request) };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="fraudx-indicators.csv"').send(Readable.from(indicatorsCsv(ctx, reader, request.query)));
    },
  );
  routes.get(
    '/api/v1/exports/blocklists/:kind',
    {
      schema: {
        tags: ['exports'],
        summary: 'One value per line for one kind (phone numbers for an SMS firewall, domains for a DNS resolver, …)',
        params: blocklistParams,
        querystring: exportFilters.omit({ kind: true }),
      },
    },
    async (request, reply) => {
      const reader = { principal: principalOf(request) };
      return reply.type('text/plain; charset=utf-8').send(Readable.from(blocklist(ctx, reader, { ...request.query, kind: request.params.kind })));
    },
  );
  routes.get('/api/v1/exports/stix', { schema: { tags: ['exports'], summary: 'Everything you may see as one STIX 2.1 bundle' } }, async (request, reply) =>
    reply.type('application/stix+json;version=2.1').send(await exportStixBundle(ctx, { principal: principalOf(request) })),
  );
  routes.get(
    '/api/v1/exports/misp/:file',
    {
      schema: {
        tags: ['exports'],
        summary: 'A MISP feed: point a MISP instance at /api/v1/exports/misp/ (with your key as a bearer header) — manifest.json, hashes.csv, <uuid>.json',
        params: z.strictObject({ file: z.string().max(60) }),
      },
    },
    async (request, reply) => {
      const feed = await buildMispFeed(ctx, { principal: principalOf(request) });
      const file = request.params.file;
      if (file === 'manifest.json') return reply.type('application/json').send(feed.manifest);
      if (file === 'hashes.csv') return reply.type('text/csv; charset=utf-8').send(feed.hashes);
      const event = feed.events.find((e) => `${e.Event.uuid}.json` === file);
      if (!event) throw new ProblemError('not-found', `no file ${file} in this feed`);
      return reply.type('application/json').send(event);
    },
  );
}
