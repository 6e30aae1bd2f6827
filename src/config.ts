import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: string;
  /** Requests a second per IP that the public check allows. */
  publicRateLimit: number;
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
  };
}
