import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ProblemCode, ProblemError } from '../errors/problems.js';

const PROBLEM_JSON = 'application/problem+json';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemError): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_JSON).send(problem.toDocument(request.url.split('?')[0]));
}

// Fastify's own errors for bad requests, mapped onto the catalogue.
const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation-failed',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported-media-type',
};

/** Turns every error into an RFC 9457 problem document; only genuine faults become a 500. */
export function toProblem(error: FastifyError | Error): ProblemError {
  if (error instanceof ProblemError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: v.instancePath,
      code: v.keyword,
      message: v.message ?? 'invalid',
      ...(v.keyword === 'unrecognized_keys' ? { keys: (v.params as { keys?: string[] }).keys } : {}),
    }));
    const unknown = issues.find((i) => i.code === 'unrecognized_keys');
    const where = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
    if (unknown) {
      return new ProblemError('unknown-field', `unknown field ${(unknown.keys ?? []).map((k) => `"${k}"`).join(', ')} in ${where}${unknown.path === '/' ? '' : ' at ' + unknown.path}`, { issues });
    }
    return new ProblemError('validation-failed', `${where}${issues[0].path === '/' ? '' : issues[0].path}: ${issues[0].message}`, { issues });
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new ProblemError(mapped, fastifyError.message);
  if (fastifyError.statusCode === 429) return new ProblemError('rate-limited', fastifyError.message);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new ProblemError('malformed-json', error.message);
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new ProblemError(fastifyError.statusCode === 413 ? 'body-too-large' : fastifyError.statusCode === 415 ? 'unsupported-media-type' : 'validation-failed', fastifyError.message);
  }
  return new ProblemError('internal', 'an unexpected error occurred; it has been logged');
}

/** The problem an error answers with; a genuine fault (500) is logged with its stack, which goes to the log, never to the client. */
export function problemFor(error: FastifyError | Error, log: Pick<FastifyBaseLogger, 'error'>): ProblemError {
  const problem = toProblem(error);
  if (problem.status >= 500) log.error({ err: { message: error.message, stack: error.stack, code: (error as FastifyError).code } }, 'request failed');
  return problem;
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendProblem(reply, request, problemFor(error, request.log)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new ProblemError('route-not-found', `no endpoint ${request.method} ${request.url.split('?')[0]}`)),
  );
}
