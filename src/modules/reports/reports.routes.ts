import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { eraseReportPersonal } from '../privacy/retention.service.js';
import { changeReportMarking } from './reports.marking.js';
import { createReportBody, erasePersonalBody, listReportsQuery, markingChangeBody, reportView } from './reports.schema.js';
import { createReport, getReport, listReports } from './reports.service.js';

const reportId = z.strictObject({ id: z.string().max(64) });

export function reportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Report a scam with its indicators; every indicator is normalised and counted',
        body: createReportBody,
        response: { 201: reportView },
      },
    },
    async (request, reply) => {
      const { report } = await createReport(ctx, principalOf(request), request.body);
      return reply.code(201).header('location', `/api/v1/reports/${report.id}`).send(report);
    },
  );
  r.get(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'List reports, newest first, with filters and cursor paging',
        querystring: listReportsQuery,
        response: { 200: z.object({ items: z.array(reportView), next: z.string().nullable() }) },
      },
    },
    async (request) => listReports(ctx, principalOf(request), request.query),
  );
  r.put(
    '/api/v1/reports/:id/marking',
    {
      schema: { tags: ['reports'], summary: 'Widen or narrow the marking of your own report; audited', params: reportId, body: markingChangeBody, response: { 200: reportView } },
    },
    async (request) => changeReportMarking(ctx, principalOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/reports/:id/erase-personal',
    {
      schema: { tags: ['reports'], summary: 'Erase the personal data (narrative) of your own report, keeping its anonymous facts; audited', params: reportId, body: erasePersonalBody, response: { 200: z.object({ erasedAt: z.string() }) } },
    },
    async (request) => eraseReportPersonal(ctx, principalOf(request), request.params.id, request.body.reason),
  );
  r.get(
    '/api/v1/reports/:id',
    {
      schema: { tags: ['reports'], summary: 'One report with its indicators', params: reportId, response: { 200: reportView } },
    },
    async (request) => getReport(ctx, principalOf(request), request.params.id),
  );
}
