import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

import type { TestDialect } from './databases.js';
import { startNode, type TestNode } from './node.js';

export const CLIENT_ID = 'fraudx';
export const CLIENT_SECRET = 'a-test-client-secret-of-some-length';

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

/** The environment that points a node at the test provider. */
export function oidcEnv(provider: TestProvider, redirectUri: string): Record<string, string> {
  return {
    FRAUDX_OIDC_ISSUER: provider.issuer,
    FRAUDX_OIDC_CLIENT_ID: CLIENT_ID,
    FRAUDX_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    FRAUDX_OIDC_REDIRECT_URI: redirectUri,
    FRAUDX_OIDC_SCOPES: 'openid email profile fraudx',
  };
}

/** The people the test provider knows, by subject. */
export type Account = { email?: string; email_verified?: boolean; name?: string; fraudx_org?: string; fraudx_role?: string };

/** A real OpenID provider (oidc-provider) on a loopback port, with its own login and consent pages. */
export async function startProvider(redirectUri: string, accounts: Map<string, Account>): Promise<TestProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post' }],
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'fraudx'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], fraudx: ['fraudx_org', 'fraudx_role'] },
    cookies: { keys: ['a-test-cookie-key'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) }),
  });
  handle = provider.callback();
  return { issuer, close: () => new Promise((done) => server.close(() => done())) };
}

export function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((done) => probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => done(port));
  }));
}

/**
 * A provider and a node configured to sign in through it. The node's port is chosen first:
 * the provider must know the redirect address before the node starts.
 */
export async function startNodeWithProvider(dialect: TestDialect, accounts: Map<string, Account>, env: Record<string, string> = {}): Promise<{ node: TestNode; provider: TestProvider }> {
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
  const provider = await startProvider(redirectUri, accounts);
  const node = await startNode(dialect, { port, env: { ...oidcEnv(provider, redirectUri), ...env } });
  return { node, provider };
}
