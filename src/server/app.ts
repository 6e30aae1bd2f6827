import { createServer, type Server } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';
import type { Lane } from '../modules/check/check.lane.js';
import { checkRoutes } from '../modules/check/check.routes.js';
import { casesRoutes } from '../modules/cases/cases.routes.js';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.js';
import { indicatorsRoutes } from '../modules/indicators/indicators.routes.js';
import { interopRoutes } from '../modules/interop/interop.routes.js';
import { networksRoutes } from '../modules/networks/networks.routes.js';
import { intakeRoutes } from '../modules/intake/intake.routes.js';
import { orgsRoutes } from '../modules/orgs/orgs.routes.js';
import { reportsRoutes } from '../modules/reports/reports.routes.js';
import { cooperationRoutes } from '../modules/requests/requests.routes.js';
import { sightingsRoutes } from '../modules/sightings/sightings.routes.js';
import { ApiAuth, registerAuth } from './auth.plugin.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { sharingRoutes } from '../modules/sharing/sharing.routes.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import { oidcRoutes } from '../modules/users/oidc.routes.js';
import { registerProblemHandlers } from './problems.plugin.js';
import { rateLimitOptions } from './rate-limits.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerWeb } from './web.plugin.js';

/**
 * Builds the HTTP app over a context; `serve` only binds it to a port. Request bodies are
 * validated by the zod schemas, and the same schemas make the OpenAPI document.
 */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  // The check API's lane sees each request first (check.lane.ts); it is set once the routes are.
  let lane: Lane | undefined;
  const app = Fastify({
    serverFactory: (router, options) => withFastifyTimeouts(createServer((req, res) => (lane?.(req, res, router) ? undefined : router(req, res))), options),
    // pino's logger is Fastify's; the cast keeps the app's type the plain FastifyInstance.
    loggerInstance: ctx.log.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // No per-request log lines: URLs can carry the values people check.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are shaped by presenters; documenting them is the schemas' job, not re-checking them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerProblemHandlers(app);
  // Closing, the router answers everything (503 to new requests, connections closed as Fastify does).
  app.addHook('preClose', (done) => {
    lane = undefined;
    done();
  });
  // The API speaks JSON only: a text body is refused with 415 rather than read as a string.
  app.removeContentTypeParser('text/plain');

  registerSecurityHeaders(app);
  await app.register(rateLimit, rateLimitOptions(ctx.config.rateLimits));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'fraudx API', version: '1', description: 'Share scam intelligence, check identifiers in real time, link reports into networks.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key: fx_…' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const auth = new ApiAuth(ctx);
  registerAuth(app, ctx, auth);
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', node: ctx.node.id, indicators: ctx.index.size, changeLog: ctx.feed.position }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    reportsRoutes(api, ctx);
    indicatorsRoutes(api, ctx);
    sightingsRoutes(api, ctx);
    lane = checkRoutes(api, ctx, auth);
    orgsRoutes(api, ctx);
    networksRoutes(api, ctx);
    intakeRoutes(api, ctx);
    dashboardRoutes(api, ctx);
    cooperationRoutes(api, ctx);
    casesRoutes(api, ctx);
    sharingRoutes(api, ctx);
    auditRoutes(api, ctx);
    usersRoutes(api, ctx);
    oidcRoutes(api, ctx);
  });
  interopRoutes(app, ctx);
  // Last: the web app's fallback answers only what no route above claims.
  await registerWeb(app);
  return app;
}

/** The timeouts Fastify gives the server it makes itself (its defaults: keep-alive 72 s), for the one made here. */
function withFastifyTimeouts(server: Server, options: Record<string, unknown>): Server {
  server.keepAliveTimeout = options.keepAliveTimeout as number;
  server.requestTimeout = options.requestTimeout as number;
  server.setTimeout(options.connectionTimeout as number);
  if ((options.maxRequestsPerSocket as number) > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket as number;
  return server;
}
