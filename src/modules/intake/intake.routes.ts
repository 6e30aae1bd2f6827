import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { tryParseValue } from '../indicators/parse.js';
import { newChallenge } from './challenge.js';
import {
  detectQuery,
  detectResponse,
  evidenceBody,
  evidenceView,
  intakeView,
  listIntakeQuery,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  publicReportBody,
  publicReportReceipt,
  reviewBody,
} from './intake.schema.js';
import { acceptIntake, attachEvidence, getIntake, listIntake, listReportEvidence, readEvidence, rejectIntake, submitPublicReport } from './intake.service.js';

const id = z.strictObject({ id: z.string().max(64) });
// Base64 grows files by a third; the JSON around them is small.
const EVIDENCE_BODY_LIMIT = Math.ceil((MAX_EVIDENCE_BYTES * MAX_EVIDENCE_FILES * 4) / 3) + 256 * 1024;

export function intakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = intakeRateLimits();

  r.get(
    '/api/v1/public/challenge',
    { config: { rateLimit: { max: limits.challenge, timeWindow: '1 minute' } }, schema: { tags: ['public'], summary: 'A proof-of-work challenge (ALTCHA) for the public report form' } },
    async (_request, reply) => reply.header('cache-control', 'no-store').send(await newChallenge(ctx)),
  );
  r.post(
    '/api/v1/public/reports',
    {
      bodyLimit: EVIDENCE_BODY_LIMIT,
      config: { rateLimit: { max: limits.report, timeWindow: '1 hour' } },
      schema: {
        tags: ['public'],
        summary: 'Report a scam as a member of the public; it waits in the intake queue for review',
        body: publicReportBody,
        response: { 202: publicReportReceipt },
      },
    },
    async (request, reply) => reply.code(202).send(await submitPublicReport(ctx, request.body)),
  );

  // Kind detection as a person types: the public form and the check box both ask it.
  const detect = async (query: z.infer<typeof detectQuery>) => {
    const result = tryParseValue(query.value, query.kind, query.country?.toUpperCase());
    if ('error' in result) return { value: query.value, kind: null, canonical: null, display: null, error: result.error };
    return { value: query.value, kind: result.parsed.kind, canonical: result.parsed.canonical, display: result.parsed.display };
  };
  const detectSchema = { tags: ['indicators'], summary: 'Which kind a value is, and its canonical form', querystring: detectQuery, response: { 200: detectResponse } };
  r.get('/api/v1/kinds/detect', { schema: detectSchema }, async (request) => {
    principalOf(request);
    return detect(request.query);
  });
  r.get('/api/v1/public/kinds/detect', { config: { rateLimit: { max: limits.detect, timeWindow: '1 minute' } }, schema: { ...detectSchema, tags: ['public'] } }, async (request) =>
    detect(request.query),
  );

  r.get('/api/v1/intake', { schema: { tags: ['intake'], summary: 'The intake queue of public reports', querystring: listIntakeQuery, response: { 200: z.object({ items: z.array(intakeView) }) } } }, async (request) => ({
    items: await listIntake(ctx, principalOf(request), request.query.status, request.query.limit),
  }));
  r.get('/api/v1/intake/:id', { schema: { tags: ['intake'], params: id, response: { 200: intakeView } } }, async (request) => getIntake(ctx, principalOf(request), request.params.id));
  r.post('/api/v1/intake/:id/accept', { schema: { tags: ['intake'], summary: 'Accept: it becomes a report of your organisation', params: id, body: reviewBody, response: { 200: intakeView } } }, async (request) =>
    acceptIntake(ctx, principalOf(request), request.params.id, request.body.note),
  );
  r.post('/api/v1/intake/:id/reject', { schema: { tags: ['intake'], summary: 'Reject: spam, abuse or not a scam', params: id, body: reviewBody, response: { 200: intakeView } } }, async (request) =>
    rejectIntake(ctx, principalOf(request), request.params.id, request.body.note),
  );

  r.post(
    '/api/v1/reports/:id/evidence',
    { bodyLimit: EVIDENCE_BODY_LIMIT, schema: { tags: ['reports'], summary: 'Attach evidence files (screenshots, statements) to your report', params: id, body: evidenceBody, response: { 201: z.object({ items: z.array(evidenceView) }) } } },
    async (request, reply) => reply.code(201).send({ items: await attachEvidence(ctx, principalOf(request), request.params.id, request.body.files) }),
  );
  r.get('/api/v1/reports/:id/evidence', { schema: { tags: ['reports'], params: id, response: { 200: z.object({ items: z.array(evidenceView) }) } } }, async (request) => ({
    items: await listReportEvidence(ctx, principalOf(request), request.params.id),
  }));
  r.get('/api/v1/evidence/:id', { schema: { tags: ['reports'], summary: 'The bytes of one evidence file, checked against its SHA-256', params: id } }, async (request, reply) => {
    const { row, bytes } = await readEvidence(ctx, principalOf(request), request.params.id);
    return reply
      .header('content-type', row.media_type)
      // Never rendered inline: a file from the public could be crafted HTML.
      .header('content-disposition', `attachment; filename="${row.name.replace(/[^\w.-]+/g, '_')}"`)
      .header('x-content-sha256', row.sha256)
      .send(bytes);
  });
}

/** Requests per IP: a report an hour is plenty for a person and little for a flood. */
function intakeRateLimits() {
  const env = process.env;
  return {
    challenge: Number(env.FRAUDX_PUBLIC_CHALLENGE_RATE_LIMIT ?? 30),
    report: Number(env.FRAUDX_PUBLIC_REPORT_RATE_LIMIT ?? 10),
    detect: Number(env.FRAUDX_PUBLIC_DETECT_RATE_LIMIT ?? 240),
  };
}
