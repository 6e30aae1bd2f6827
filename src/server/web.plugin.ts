import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../errors/problems.js';

/** Where `vite build` puts the web app (web/vite.config.ts), in the project beside src/. */
export const WEB_DIST = path.join(projectRoot(), 'web', 'dist');

/** The folder of package.json above this module, whether it runs from src/ or from .build/<id>/. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('fraudx: no package.json above its sources');
    dir = up;
  }
  return dir;
}

/**
 * The web app's pages get a stricter policy than the API docs: scripts only from this origin,
 * no inline scripts. Styles may be inline (the component library sets style attributes); the
 * proof-of-work widget runs its workers from blob: URLs.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Hashed file names never change content, so they are cached for a year; everything else,
// index.html above all, is revalidated so a new build shows on the next load.
function headersFor(filePath: string): Record<string, string> {
  const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
  return { 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache', 'content-security-policy': WEB_CSP };
}

/**
 * Serves the built web app at `/`. Any GET that is not an API route, the docs or a file is a page
 * of the app (its router decides), so it gets index.html.
 */
export async function registerWeb(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'the web app is not built (npm run build:web); serving the API only');
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('fraudx: the web app is not built. Run `npm run build:web`, or use the API (see /docs).\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      for (const [name, value] of Object.entries(headersFor(filePath))) reply.header(name, value);
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0];
    // Unknown API routes and missing files stay 404s; only page paths fall back to the app.
    if (url.startsWith('/api/') || path.extname(url) !== '') {
      throw new ProblemError('route-not-found', `no endpoint GET ${url}`);
    }
    return reply.headers(headersFor('index.html')).sendFile('index.html');
  });
}
