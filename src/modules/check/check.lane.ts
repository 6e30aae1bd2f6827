import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest, preParsingHookHandler } from 'fastify';
import type { AppContext } from '../../app/context.js';
import type { ApiAuth } from '../../server/auth.plugin.js';
import { listBody } from '../../server/json-body.js';
import { problemFor } from '../../server/problems.plugin.js';
import { isExempt } from '../../server/rate-limits.js';
import { apiHeaderList } from '../../server/security-headers.js';
import { can, type Principal } from '../policy/policy.js';
import type { CheckBody } from './check.schema.js';
import { MAX_CHECK_ITEMS } from './check.schema.js';
import { check } from './check.service.js';
import { isCheckBody } from './check.validate.js';

/** Hands a request to Fastify: the server's own request handler. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A lane in front of the app's router: answers the request and says true, or says false and
 * leaves it untouched for the router.
 */
export type Lane = (req: IncomingMessage, res: ServerResponse, router: RequestHandler) => boolean;

/** The check route's rate limit, as @fastify/rate-limit's `rateLimit()` makes it: counts, adds its headers, throws when exceeded. */
export type CheckLimit = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export const CHECK_PATH = '/api/v1/check';
/** The check route's body limit (a request of 10,000 items fits): the lane and the route keep the same. */
export const CHECK_BODY_LIMIT = 8 * 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

// Bodies the lane read and handed to the router, for the route's preParsing hook to read again.
const handedOver = new WeakMap<IncomingMessage, Buffer>();

/**
 * The check route's preParsing hook: a body the lane read before handing the request over is read
 * again from memory; any other comes from the connection as usual.
 */
export const replayHandedOver: preParsingHookHandler = (request, _reply, payload, done) => {
  const body = handedOver.get(request.raw);
  done(null, body ? Readable.from([body]) : payload);
};

/**
 * The check API's lane: payment and call systems send thousands of checks a second, and for one
 * item Fastify's request lifecycle (hooks, a promise per step, reply objects) costs more than the
 * check. An ordinary check (POST /api/v1/check, a JSON body with a length, a key verified moments
 * ago whose scope allows it and whose use needs no audit entry now, a body the check validator
 * accepts) is answered here with the same parts the route uses: the app's `ApiAuth`, the route's
 * rate limit (same counter), `check`, `listBody`, the API security headers and the problem
 * documents. Anything else goes to the router: untouched when told from its headers, with its body
 * read again (`replayHandedOver`) when told from its body. The answers are the same byte for byte
 * (check.lane.test.ts).
 */
export function checkLane(ctx: AppContext, auth: ApiAuth, limit: CheckLimit): Lane {
  return (req, res, router) => {
    if (req.method !== 'POST' || req.url !== CHECK_PATH) return false;
    const headers = req.headers;
    const length = Number(headers['content-length']);
    if (!(length > 0 && length <= CHECK_BODY_LIMIT) || headers['transfer-encoding'] !== undefined || !isJson(headers['content-type'])) return false;
    const principal = auth.settled('POST', CHECK_PATH, headers.authorization);
    if (!principal || !can(principal, 'check:query')) return false;
    readBody(req, (raw) => {
      const body = parsed(raw);
      if (!body) {
        handedOver.set(req, raw);
        router(req, res);
        return;
      }
      answer(ctx, req, res, principal, body, limit);
    });
    return true;
  };
}

function answer(ctx: AppContext, req: IncomingMessage, res: ServerResponse, principal: Principal, body: CheckBody, limit: CheckLimit): void {
  const headers = apiHeaderList(isEncrypted(req));
  // An exempt address is not counted (the limit would say so after a few promises).
  if (isExempt(ctx.config.rateLimits, req.socket.remoteAddress, CHECK_PATH)) return respond(ctx, res, headers, principal, body);
  limit(asLimitedRequest(req, principal), collectInto(headers)).then(
    () => respond(ctx, res, headers, principal, body),
    (err: Error) => sendProblem(res, headers, err, ctx.log),
  );
}

function respond(ctx: AppContext, res: ServerResponse, headers: string[], principal: Principal, body: CheckBody): void {
  let out: string | Buffer;
  try {
    out = listBody('results', check(ctx, principal, body));
  } catch (err) {
    sendProblem(res, headers, err as Error, ctx.log);
    return;
  }
  send(res, 200, headers, JSON_TYPE, out);
}

/** The body as a check the lane answers: valid JSON the check validator accepts, within the item limit; undefined for the router to answer. */
function parsed(raw: Buffer): CheckBody | undefined {
  let data: unknown;
  try {
    data = JSON.parse(raw.toString());
  } catch {
    return undefined;
  }
  // Only `items`, `value`, `kind` and `country` pass, so no `__proto__` or `constructor` key does.
  return isCheckBody(data) && data.items.length <= MAX_CHECK_ITEMS ? data : undefined;
}

/** The whole body: Node's parser ends a request with a length once that many bytes came. */
function readBody(req: IncomingMessage, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A client that goes away mid-body leaves nothing to answer: Node closes the socket.
  req.on('error', () => undefined);
  req.on('end', () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}

function isJson(type: string | undefined): boolean {
  return type === 'application/json' || type === JSON_TYPE;
}

function isEncrypted(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}

/**
 * What the rate limit reads of a request (the app's key generator, allow-list and maximum read
 * the principal, the address and the URL; the plugin reads the route's config).
 */
function asLimitedRequest(req: IncomingMessage, principal: Principal): FastifyRequest {
  return { raw: req, ip: req.socket.remoteAddress, url: CHECK_PATH, method: 'POST', headers: req.headers, principal, routeOptions: { config: {} } } as unknown as FastifyRequest;
}

/** A reply whose headers (the rate limit's) go into the lane's list, in the order they are set. */
function collectInto(headers: string[]): FastifyReply {
  const reply = {
    header(name: string, value: unknown) {
      headers.push(name, String(value));
      return reply;
    },
  };
  return reply as unknown as FastifyReply;
}

function sendProblem(res: ServerResponse, headers: string[], err: Error, log: AppContext['log']): void {
  const problem = problemFor(err, log);
  send(res, problem.status, headers, PROBLEM_TYPE, JSON.stringify(problem.toDocument(CHECK_PATH)));
}

function send(res: ServerResponse, status: number, headers: string[], type: string, body: string | Buffer): void {
  headers.push('content-type', type, 'content-length', String(Buffer.byteLength(body)));
  res.writeHead(status, headers);
  res.end(body);
}
