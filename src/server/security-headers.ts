import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { isApiUrl } from './api-url.js';

/**
 * The helmet policy of every response. Swagger UI needs its own inline scripts and styles;
 * everything else is same-origin. HSTS is left to `registerSecurityHeaders`, which sends it only
 * over TLS.
 */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'", 'https:'], 'img-src': ["'self'", 'data:'], 'worker-src': ["'self'", 'blob:'] },
  },
  hsts: false,
} as const;

/**
 * The headers helmet sets for `HELMET_OPTIONS`, in its order and spelling: helmet's own middleware,
 * run once at start-up against a response that only records them. None of them depends on the
 * request (no nonces), and @fastify/helmet would build the same middleware and parse the policy
 * again on every request, which cost a check request more than the check itself.
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = headersOf(HELMET_OPTIONS);

function headersOf(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: number | string | readonly string[]) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The headers of API answers (JSON, problems, STIX, TAXII): those the OWASP REST Security Cheat
 * Sheet names for APIs. The rest of helmet's set governs how a browser treats a page (scripts,
 * referrers, prefetching, downloads, popups), which a JSON answer is not; a check system sends
 * thousands of requests a second, and each header is validated and written every time.
 */
export const API_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

const API_HEADER_LIST = API_HEADERS.flat();

/**
 * The API's security headers as a raw header list, as `registerSecurityHeaders` sets them (HSTS
 * over TLS only): for answers written outside Fastify (the check lane). A new list each time, for
 * the answer's own headers to follow.
 */
export function apiHeaderList(encrypted: boolean): string[] {
  return encrypted ? [...API_HEADER_LIST, 'strict-transport-security', HSTS] : API_HEADER_LIST.slice();
}

/**
 * Sets the security headers on every response, the API's own set on API answers: on the raw
 * response at the start of the request, so error responses carry them too and a route's own
 * header (the web app's stricter policy) takes precedence. HSTS means something only over TLS
 * (served so, or through a trusted proxy that says so). One synchronous hook, so no promise per
 * request.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const raw = reply.raw;
    const headers = isApiUrl(request.url) ? API_HEADERS : SECURITY_HEADERS;
    for (let i = 0; i < headers.length; i++) raw.setHeader(headers[i][0], headers[i][1]);
    if (request.protocol === 'https') raw.setHeader('strict-transport-security', HSTS);
    done();
  });
}
