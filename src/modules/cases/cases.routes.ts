import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { principalOf } from '../../server/auth.plugin.js';
import { exportHtcds } from './cases.htcds.js';
import {
  caseParams, createCaseBody, journeyEventBody, listCasesQuery, partnerBody, referralBody, referralTransitionBody, repatriationBody,
  repatriationTransitionBody, riskBody, screeningBody, subParams, transitionBody, updateCaseBody,
} from './cases.schema.js';
import { addJourneyEvent, addPartner, createCase, eraseCase, getCase, listCases, removePartner, transitionCase, updateCase } from './cases.service.js';
import { caseStatistics, parseDimensions } from './cases.stats.js';
import { caseVocabulary } from './cases.vocabulary-view.js';
import { createReferral, transitionReferral } from './referrals.service.js';
import { repatriationQueue, setRetraffickingRisk, startRepatriation, transitionRepatriation } from './repatriation.service.js';
import { recordScreening } from './screening.service.js';

const tags = ['cases'];
/** Case answers are documented by their fields in the docs; the schema names what clients rely on. */
const caseView = z.looseObject({ id: z.string(), status: z.string(), access: z.string() });

export function casesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/cases', { schema: { tags, summary: 'Open a victim case (need-to-know: the case team and the partners named on it)', body: createCaseBody, response: { 201: caseView } } }, async (request, reply) => {
    const { view } = await createCase(ctx, principalOf(request), request.body);
    return reply.code(201).header('location', `/api/v1/cases/${view.id}`).send(view);
  });
  r.get('/api/v1/cases', { schema: { tags, summary: 'The cases your organisation holds or is named on, newest first', querystring: listCasesQuery } }, async (request) => listCases(ctx, principalOf(request), request.query));
  r.get('/api/v1/cases/vocabulary', { schema: { tags, summary: 'The HTCDS picklists, ILO indicators and state machines, with local extensions marked' } }, async () => caseVocabulary());
  r.get(
    '/api/v1/cases/repatriation-board',
    { schema: { tags, summary: 'Returns home grouped per nationality or per mission; people with no mission here come first', querystring: z.strictObject({ by: z.enum(['nationality', 'mission']).default('nationality') }) } },
    async (request) => ({ groups: await repatriationQueue(ctx, principalOf(request), request.query.by) }),
  );
  r.get(
    '/api/v1/cases/export/htcds',
    { schema: { tags, summary: 'Every case you may read, as HTCDS 2.0 records (local extensions under ext_)', querystring: z.strictObject({ operation: z.string().max(200).optional() }) } },
    async (request) => ({ standard: 'HTCDS 2.0', records: await exportHtcds(ctx, principalOf(request), { operation: request.query.operation }) }),
  );
  r.get('/api/v1/cases/:id', { schema: { tags, summary: 'One case: person, journey, screenings, referrals, repatriation, history (every read is logged)', params: caseParams, response: { 200: caseView } } }, async (request) =>
    getCase(ctx, principalOf(request), request.params.id),
  );
  r.patch('/api/v1/cases/:id', { schema: { tags, summary: 'Correct the person, nationality or exploitation of a case', params: caseParams, body: updateCaseBody } }, async (request) =>
    updateCase(ctx, principalOf(request), request.params.id, request.body),
  );
  r.get('/api/v1/cases/:id/htcds', { schema: { tags, summary: 'One case as an HTCDS 2.0 record', params: caseParams } }, async (request) =>
    (await exportHtcds(ctx, principalOf(request), { ids: [request.params.id] }))[0],
  );
  r.post('/api/v1/cases/:id/transitions', { schema: { tags, summary: 'Move the case along its state machine', params: caseParams, body: transitionBody } }, async (request) =>
    transitionCase(ctx, principalOf(request), request.params.id, request.body.to, request.body.reason),
  );
  r.post('/api/v1/cases/:id/partners', { schema: { tags, summary: 'Name a partner organisation on the case (it may then read it)', params: caseParams, body: partnerBody } }, async (request) =>
    addPartner(ctx, principalOf(request), request.params.id, request.body),
  );
  r.delete('/api/v1/cases/:id/partners/:sub', { schema: { tags, summary: 'Remove a partner from the case', params: subParams } }, async (request) =>
    removePartner(ctx, principalOf(request), request.params.id, request.params.sub),
  );
  r.post('/api/v1/cases/:id/journey', { schema: { tags, summary: 'Add a journey event: recruitment, transit, exploitation, escape, rescue, detention, handover', params: caseParams, body: journeyEventBody } }, async (request, reply) =>
    reply.code(201).send(await addJourneyEvent(ctx, principalOf(request), request.params.id, request.body)),
  );
  r.post(
    '/api/v1/cases/:id/screenings',
    { schema: { tags, summary: 'Record a screening on the ILO indicators; the outcome is the officer\'s, fraudx never computes it', params: caseParams, body: screeningBody } },
    async (request, reply) => reply.code(201).send(await recordScreening(ctx, principalOf(request), request.params.id, request.body)),
  );
  r.post('/api/v1/cases/:id/referrals', { schema: { tags, summary: 'Refer the person to a shelter, doctor, lawyer, embassy, IOM or NGO, with a deadline', params: caseParams, body: referralBody } }, async (request, reply) =>
    reply.code(201).send(await createReferral(ctx, principalOf(request), request.params.id, request.body)),
  );
  r.post('/api/v1/cases/:id/referrals/:sub/transitions', { schema: { tags, summary: 'Move a referral along its state machine', params: subParams, body: referralTransitionBody } }, async (request) =>
    transitionReferral(ctx, principalOf(request), request.params.id, request.params.sub, request.body.to, request.body.reason),
  );
  r.post('/api/v1/cases/:id/repatriation', { schema: { tags, summary: 'Start the return home of this person', params: caseParams, body: repatriationBody } }, async (request, reply) =>
    reply.code(201).send(await startRepatriation(ctx, principalOf(request), request.params.id, request.body)),
  );
  r.post('/api/v1/cases/:id/repatriation/transitions', { schema: { tags, summary: 'Move the return along its state machine (stranded and declined included)', params: caseParams, body: repatriationTransitionBody } }, async (request) =>
    transitionRepatriation(ctx, principalOf(request), request.params.id, request.body),
  );
  r.put('/api/v1/cases/:id/repatriation/risk', { schema: { tags, summary: 'Set or clear the re-trafficking risk flag', params: caseParams, body: riskBody } }, async (request) =>
    setRetraffickingRisk(ctx, principalOf(request), request.params.id, request.body.retraffickingRisk, request.body.reason),
  );
  r.post('/api/v1/cases/:id/erasure', { schema: { tags, summary: 'Erase the person\'s data on their request; the coerced-operator flags stay', params: caseParams } }, async (request) =>
    eraseCase(ctx, principalOf(request), request.params.id),
  );
  r.get(
    '/api/v1/public/case-statistics',
    {
      config: { rateLimit: { max: ctx.config.publicRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'People assisted, by nationality, country of the compound, gender or year; no cell under 11 people is published',
        querystring: z.strictObject({ by: z.string().max(100).default('nationality,compoundCountry') }),
      },
    },
    async (request) => caseStatistics(ctx, parseDimensions(request.query.by)),
  );
}
