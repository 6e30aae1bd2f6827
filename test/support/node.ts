import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type AppContext, openContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config.js';
import { bootstrapNode, createApiKey, createOrg, INITIAL_KEY_FILE } from '../../src/modules/orgs/orgs.service.js';
import type { Role } from '../../src/modules/policy/roles.js';
import { buildApp } from '../../src/server/app.js';
import type { Clock } from '../../src/shared/clock.js';
import { freshDatabase, type TestDatabase, type TestDialect } from './databases.js';

export interface TestNode {
  url: string;
  ctx: AppContext;
  app: FastifyInstance;
  db: TestDatabase;
  adminKey: string;
  ownerOrgId: string;
  /** Makes an organisation with a key of the given role and returns the key. */
  orgWithKey(name: string, country: string, role: Role, sector?: string): Promise<{ orgId: string; key: string }>;
  request(method: string, route: string, options?: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** A real node: real storage, real HTTP on a loopback port. */
export interface NodeOptions {
  clock?: Clock;
  env?: Record<string, string>;
  port?: number;
  /** Called with the app before it listens: a test's own hooks go here. */
  beforeListen?: (app: FastifyInstance) => void;
}

export async function startNode(dialect: TestDialect, options: NodeOptions = {}): Promise<TestNode> {
  const db = await freshDatabase(dialect);
  const config = loadConfig({ data: db.dataDir, databaseUrl: db.databaseUrl, port: 0 }, { ...process.env, DATABASE_URL: '', ...options.env });
  const ctx = await openContext(config, { withIndex: true, clock: options.clock, log: pino({ level: 'silent' }) });
  const { org } = await bootstrapNode(ctx);
  const adminKey = readFileSync(path.join(db.dataDir, INITIAL_KEY_FILE), 'utf8').trim();
  const app = await buildApp(ctx);
  options.beforeListen?.(app);
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });

  const request: TestNode['request'] = async (method, route, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const key = opts.key === undefined ? adminKey : opts.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(url + route, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the text itself is the answer.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  return {
    url,
    ctx,
    app,
    db,
    adminKey,
    ownerOrgId: org.id,
    request,
    async orgWithKey(name, country, role, sector = 'bank') {
      const made = await createOrg(ctx, 'system', { name, country, sector: sector as 'bank' });
      const { key } = await createApiKey(ctx, 'system', made.id, role);
      return { orgId: made.id, key };
    },
    async close() {
      await app.close();
      await ctx.close();
      await db.drop();
    },
  };
}
