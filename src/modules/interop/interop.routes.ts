import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { exportsRoutes } from './exports/exports.routes.js';
import { taxiiRoutes } from './taxii/taxii.routes.js';

/** Interoperability endpoints: the TAXII 2.1 server under /taxii2/ and exports under /api/v1/exports/. */
export function interopRoutes(app: FastifyInstance, ctx: AppContext): void {
  taxiiRoutes(app, ctx);
  exportsRoutes(app, ctx);
}
