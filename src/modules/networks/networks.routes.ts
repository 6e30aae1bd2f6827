import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { EXPORT_MEDIA_TYPES } from './network-export.js';
import {
  exportQuery,
  hubView,
  hubsQuery,
  listNetworksQuery,
  neighbourhoodParams,
  neighbourhoodQuery,
  neighbourhoodView,
  networkDetailQuery,
  networkDetailView,
  networkParams,
  networkSummaryView,
  pathQuery,
  pathView,
} from './networks.schema.js';
import { exportNetwork, findPath, getNetwork, listHubs, listNetworks, neighbourhood } from './networks.service.js';

export function networksRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/networks',
    {
      schema: {
        tags: ['networks'],
        summary: 'Criminal networks: reports linked by shared indicators, with filters and paging',
        querystring: listNetworksQuery,
        response: { 200: z.object({ items: z.array(networkSummaryView), next: z.string().nullable() }) },
      },
    },
    async (request) => listNetworks(ctx, principalOf(request), request.query),
  );
  r.get(
    '/api/v1/networks/hubs',
    {
      schema: {
        tags: ['networks'],
        summary: 'Shared infrastructure: indicators reported from several countries or organisations, ranked',
        querystring: hubsQuery,
        response: { 200: z.object({ items: z.array(hubView) }) },
      },
    },
    async (request) => listHubs(ctx, principalOf(request), request.query),
  );
  r.get(
    '/api/v1/networks/:id',
    {
      schema: {
        tags: ['networks'],
        summary: 'One network with its members, communities and key nodes (an old id leads to the network that absorbed it)',
        params: networkParams,
        querystring: networkDetailQuery,
        response: { 200: networkDetailView },
      },
    },
    async (request) => getNetwork(ctx, principalOf(request), request.params.id, request.query.membersLimit),
  );
  r.get(
    '/api/v1/networks/:id/export',
    {
      schema: { tags: ['networks'], summary: 'One network as GraphML, CSV links or JSON, for i2, Gephi and Maltego', params: networkParams, querystring: exportQuery },
    },
    async (request, reply) => {
      const { format } = request.query;
      const { id, body } = await exportNetwork(ctx, principalOf(request), request.params.id, format);
      return reply
        .header('content-type', `${EXPORT_MEDIA_TYPES[format]}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${id}.${format}"`)
        .send(body);
    },
  );
  r.get(
    '/api/v1/indicators/:kind/:value/neighbourhood',
    {
      schema: {
        tags: ['networks'],
        summary: 'The indicators and reports around one indicator, to a depth, up to a node limit',
        params: neighbourhoodParams,
        querystring: neighbourhoodQuery,
        response: { 200: neighbourhoodView },
      },
    },
    async (request) => neighbourhood(ctx, principalOf(request), request.params.kind, request.params.value, request.query),
  );
  r.get(
    '/api/v1/paths',
    {
      schema: { tags: ['networks'], summary: 'A shortest chain of reports linking two indicators', querystring: pathQuery, response: { 200: pathView } },
    },
    async (request) => findPath(ctx, principalOf(request), request.query.from, request.query.to, request.query.country),
  );
}
