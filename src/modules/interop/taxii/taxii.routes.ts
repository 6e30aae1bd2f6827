import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/context.js';
import { ProblemError } from '../../../errors/problems.js';
import { toProblem } from '../../../server/problems.plugin.js';
import { KeyAuthenticator } from '../../orgs/auth.js';
import type { Principal } from '../../policy/policy.js';
import type { StixObject } from '../stix/stix-types.js';
import { groupsOf, type Reader } from '../visibility.js';
import { taxiiPrincipal } from './taxii.auth.js';
import { collectionsFor, findCollection, presentCollection, type TaxiiCollection } from './taxii.collections.js';
import { collectionParams, envelopeBody, objectParams, objectsQuery, statusParams } from './taxii.schema.js';
import { addObjects, deleteObject, getManifest, getObject, getObjects, getStatus, getVersions, type TaxiiPage } from './taxii.service.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
const API_ROOT = 'fraudx';
const MAX_CONTENT_LENGTH = 10 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    taxiiPrincipal?: Principal | null;
  }
}

/** Whether the Accept header admits TAXII 2.1 JSON (absent, wildcards and plain JSON do too). */
function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const version = params.find((p) => p.startsWith('version='))?.slice(8);
    if (type === 'application/taxii+json') return version === undefined || version === '2.1';
    return type === '*/*' || type === 'application/*' || type === 'application/json';
  });
}

function readerOf(request: FastifyRequest): Reader {
  return { principal: request.taxiiPrincipal ?? null };
}

function signedIn(request: FastifyRequest): Principal {
  if (!request.taxiiPrincipal) throw new ProblemError('auth-required');
  return request.taxiiPrincipal;
}

async function collectionOf(ctx: AppContext, request: FastifyRequest, apiRoot: string, id: string): Promise<{ collection: TaxiiCollection; reader: Reader }> {
  if (apiRoot !== API_ROOT) throw new ProblemError('not-found', `no API root ${apiRoot}`);
  const caller = readerOf(request);
  const collection = findCollection(caller, await groupsOf(ctx, caller), id);
  const reader = collection?.readerFor(caller);
  if (!collection || !reader) {
    // A collection that needs a key is not found for the public: do not reveal more than that.
    if (!caller.principal && id !== 'public') throw new ProblemError('auth-required');
    throw new ProblemError('not-found', `no collection ${id} readable by you`);
  }
  return { collection, reader };
}

function sendPage<T>(reply: FastifyReply, page: TaxiiPage<T>): FastifyReply {
  if (page.first) reply.header('X-TAXII-Date-Added-First', page.first);
  if (page.last) reply.header('X-TAXII-Date-Added-Last', page.last);
  return reply.type(TAXII_MEDIA_TYPE).send(page.body);
}

/**
 * The TAXII 2.1 server: discovery at /taxii2/, one API root (/taxii2/fraudx/) with the
 * collections of `taxii.collections.ts`. Answers and errors are `application/taxii+json;version=2.1`.
 */
export function taxiiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const authenticator = new KeyAuthenticator(ctx);
  app.register(async (taxii) => {
    taxii.addContentTypeParser(/^application\/(taxii|vnd\.oasis\.stix)\+json/, { parseAs: 'string', bodyLimit: MAX_CONTENT_LENGTH }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (err) {
        done(new ProblemError('malformed-json', (err as Error).message), undefined);
      }
    });
    taxii.addHook('onRequest', async (request) => {
      if (!acceptsTaxii(request.headers.accept)) throw new ProblemError('not-acceptable', `this endpoint answers ${TAXII_MEDIA_TYPE}`);
      request.taxiiPrincipal = await taxiiPrincipal(authenticator, request);
    });
    // Fastify rewrites media type parameters (version="2.1"; charset=utf-8); TAXII clients compare
    // them token by token, so the exact TAXII media type is set last.
    taxii.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('application/taxii+json')) reply.header('content-type', TAXII_MEDIA_TYPE);
      return payload;
    });
    taxii.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toProblem(error);
      if (problem.status >= 500) request.log.error({ err: { message: error.message, stack: error.stack } }, 'taxii request failed');
      if (problem.status === 401) reply.header('WWW-Authenticate', 'Basic realm="fraudx", Bearer realm="fraudx"');
      // A TAXII error message (title, description, error_code, http_status) that is also a problem document.
      return reply
        .code(problem.status)
        .type(TAXII_MEDIA_TYPE)
        .send({ ...problem.toDocument(request.url.split('?')[0]), description: problem.message, error_code: problem.code, http_status: String(problem.status) });
    });

    const routes = taxii.withTypeProvider<ZodTypeProvider>();
    const hide = { hide: true };
    routes.get('/taxii2/', { schema: hide }, async (request, reply) => {
      const base = `${request.protocol}://${request.host}`;
      return reply.type(TAXII_MEDIA_TYPE).send({
        title: 'fraudx TAXII 2.1 server',
        description: 'Scam intelligence from this fraudx node: indicators, reports and sightings as STIX 2.1.',
        default: `${base}/taxii2/${API_ROOT}/`,
        api_roots: [`${base}/taxii2/${API_ROOT}/`],
      });
    });
    routes.get('/taxii2/:apiRoot/', { schema: { ...hide, params: statusParams.pick({ apiRoot: true }) } }, async (request, reply) => {
      if (request.params.apiRoot !== API_ROOT) throw new ProblemError('not-found', `no API root ${request.params.apiRoot}`);
      return reply.type(TAXII_MEDIA_TYPE).send({ title: 'fraudx', description: 'This node\'s scam intelligence.', versions: [TAXII_MEDIA_TYPE], max_content_length: MAX_CONTENT_LENGTH });
    });
    routes.get('/taxii2/:apiRoot/collections/', { schema: { ...hide, params: statusParams.pick({ apiRoot: true }) } }, async (request, reply) => {
      if (request.params.apiRoot !== API_ROOT) throw new ProblemError('not-found', `no API root ${request.params.apiRoot}`);
      const reader = readerOf(request);
      const collections = collectionsFor(reader, await groupsOf(ctx, reader));
      return reply.type(TAXII_MEDIA_TYPE).send({ collections: collections.map((c) => presentCollection(c, reader)) });
    });
    routes.get('/taxii2/:apiRoot/collections/:collection/', { schema: { ...hide, params: collectionParams } }, async (request, reply) => {
      const { collection } = await collectionOf(ctx, request, request.params.apiRoot, request.params.collection);
      return reply.type(TAXII_MEDIA_TYPE).send(presentCollection(collection, readerOf(request)));
    });
    routes.get('/taxii2/:apiRoot/collections/:collection/objects/', { schema: { ...hide, params: collectionParams, querystring: objectsQuery } }, async (request, reply) => {
      const { reader } = await collectionOf(ctx, request, request.params.apiRoot, request.params.collection);
      return sendPage(reply, await getObjects(ctx, reader, request.query));
    });
    routes.post(
      '/taxii2/:apiRoot/collections/:collection/objects/',
      { bodyLimit: MAX_CONTENT_LENGTH, schema: { ...hide, params: collectionParams, body: envelopeBody } },
      async (request, reply) => {
        const principal = signedIn(request);
        const { collection } = await collectionOf(ctx, request, request.params.apiRoot, request.params.collection);
        const status = await addObjects(ctx, principal, collection, request.body.objects as StixObject[]);
        return reply.code(202).type(TAXII_MEDIA_TYPE).send(status);
      },
    );
    routes.get('/taxii2/:apiRoot/collections/:collection/manifest/', { schema: { ...hide, params: collectionParams, querystring: objectsQuery } }, async (request, reply) => {
      const { reader } = await collectionOf(ctx, request, request.params.apiRoot, request.params.collection);
      return sendPage(reply, await getManifest(ctx, reader, request.query));
    });
    routes.get('/taxii2/:apiRoot/collections/:collection/objects/:objectId/', { schema: { ...hide, params: objectParams, querystring: objectsQuery } }, async (request, reply) => {
      const { reader } = await collectionOf(ctx, request, request.params.apiRoot, request.params.collection);
      return sendPage(reply, await getObject(ctx, reader, request.params.objectId, request.query));
    });
    routes.delete('/taxii2/:apiRoot/collections/:collection/objects/:objectId/', { schema: { ...hide, params: objectParams } }, async (request, reply) => {
      const principal = signedIn(request);
      const { reader, collection } = await collectionOf(ctx, request, request.params.apiRoot, request.params.collection);
      if (!collection.canWrite(reader)) throw new ProblemError('forbidden', 'this collection does not accept changes from you');
      await deleteObject(ctx, reader, principal, request.params.objectId);
      return reply.code(200).type(TAXII_MEDIA_TYPE).send({});
    });
    routes.get('/taxii2/:apiRoot/collections/:collection/objects/:objectId/versions/', { schema: { ...hide, params: objectParams } }, async (request, reply) => {
      const { reader } = await collectionOf(ctx, request, request.params.apiRoot, request.params.collection);
      return sendPage(reply, await getVersions(ctx, reader, request.params.objectId));
    });
    routes.get('/taxii2/:apiRoot/status/:statusId/', { schema: { ...hide, params: statusParams } }, async (request, reply) => {
      if (request.params.apiRoot !== API_ROOT) throw new ProblemError('not-found', `no API root ${request.params.apiRoot}`);
      return reply.type(TAXII_MEDIA_TYPE).send(await getStatus(ctx, signedIn(request), request.params.statusId));
    });
  });
}
