import path from 'node:path';
import { oidcSettings, type OidcSettings } from './modules/users/oidc.settings.js';
import { rateLimitSettings, type RateLimits } from './server/rate-limits.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: string;
  /** Requests a second per IP that the public check allows. */
  publicRateLimit: number;
  /** Webhooks may target loopback and private addresses (FRAUDX_WEBHOOK_ALLOW_PRIVATE); off by default against SSRF. */
  webhookAllowPrivate: boolean;
  /** Requests a minute per key or person, per address, and for the check API. */
  rateLimits: RateLimits;
  /** Single sign-on; absent unless FRAUDX_OIDC_ISSUER is set. */
  oidc?: OidcSettings;
  /** NATS servers `serve` publishes the change log to (JetStream); absent unless FRAUDX_NATS_URL is set. */
  nats?: { servers: string; stream?: string; subjectPrefix?: string };
}

export interface ConfigFlags {
  port?: string | number;
  host?: string;
  data?: string;
  databaseUrl?: string;
}

/** Configuration from the environment (FRAUDX_*, DATABASE_URL); flags override; defaults need none. */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(flags.port ?? env.FRAUDX_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`port must be a number from 0 to 65535, not ${String(flags.port ?? env.FRAUDX_PORT)}`);
  }
  return {
    port,
    host: flags.host ?? env.FRAUDX_HOST ?? '127.0.0.1',
    dataDir: path.resolve(flags.data ?? env.FRAUDX_DATA ?? './data'),
    databaseUrl: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    logLevel: env.FRAUDX_LOG_LEVEL ?? 'info',
    publicRateLimit: Number(env.FRAUDX_PUBLIC_RATE_LIMIT ?? 30),
    webhookAllowPrivate: /^(1|true|yes)$/i.test(env.FRAUDX_WEBHOOK_ALLOW_PRIVATE ?? ''),
    rateLimits: rateLimitSettings(env),
    oidc: oidcSettings(env),
    nats: env.FRAUDX_NATS_URL
      ? { servers: env.FRAUDX_NATS_URL, stream: env.FRAUDX_NATS_STREAM || undefined, subjectPrefix: env.FRAUDX_NATS_SUBJECT_PREFIX || undefined }
      : undefined,
  };
}
