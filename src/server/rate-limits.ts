import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../errors/problems.js';
import { isApiUrl } from './api-url.js';

/** Requests a minute, per API key or signed-in person, and per address for everyone else. */
export interface RateLimits {
  /** Every API request of one key or one person (FRAUDX_RATE_LIMIT). */
  perKey: number;
  /** The check API, counted on its own: payment and call systems send many (FRAUDX_CHECK_RATE_LIMIT). */
  check: number;
  /** API requests without a key or session, per address (FRAUDX_ANONYMOUS_RATE_LIMIT). */
  anonymous: number;
  /** Addresses never limited, such as a load test on this machine (FRAUDX_RATE_LIMIT_ALLOW). */
  allow: string[];
}

export function rateLimitSettings(env: NodeJS.ProcessEnv): RateLimits {
  return {
    perKey: perMinute(env, 'FRAUDX_RATE_LIMIT', 6_000),
    check: perMinute(env, 'FRAUDX_CHECK_RATE_LIMIT', 60_000),
    anonymous: perMinute(env, 'FRAUDX_ANONYMOUS_RATE_LIMIT', 300),
    allow: (env.FRAUDX_RATE_LIMIT_ALLOW ?? '').split(',').map((a) => a.trim()).filter(Boolean),
  };
}

function perMinute(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of requests a minute, not ${env[name]}`);
  return value;
}

/**
 * Whether a request goes unlimited: from an allow-listed address, or not to the API. Only the API
 * and TAXII count: the web app's files are cheap and many per page.
 */
export function isExempt(limits: RateLimits, ip: string | undefined, url: string): boolean {
  return (ip !== undefined && limits.allow.includes(ip)) || !isApiUrl(url);
}

/**
 * The global limit. Authentication runs first (an app hook, before these route hooks), so a
 * request is counted against its key or person when it has one, else against its address.
 * Routes with their own limit (the public ones, sign-in, the check API) keep these keys and the
 * allow-list, with a budget of their own.
 */
export function rateLimitOptions(limits: RateLimits): RateLimitPluginOptions {
  return {
    global: true,
    timeWindow: '1 minute',
    max: (request: FastifyRequest) => (request.principal ? limits.perKey : limits.anonymous),
    keyGenerator: (request: FastifyRequest) => (request.principal ? `actor:${request.principal.actorId}` : `ip:${request.ip}`),
    allowList: (request: FastifyRequest) => isExempt(limits, request.ip, request.url),
    errorResponseBuilder: (_request, context) => new ProblemError('rate-limited', `rate limit of ${context.max} requests per ${context.after} reached`, { retryAfter: Math.ceil(context.ttl / 1000) }),
  };
}
