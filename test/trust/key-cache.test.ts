import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyAuthenticator } from '../../src/modules/orgs/auth.js';
import { startNode, type TestNode } from '../support/node.js';

/** Keys are remembered by the exact header they came in: that must never let a wrong one through. */
describe('remembered API keys', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode('sqlite');
  });
  afterAll(async () => node?.close());

  const me = (authorization: string) => fetch(`${node.url}/api/v1/me`, { headers: { authorization } }).then((r) => r.status);

  it('refuse a wrong secret under a remembered key prefix, and every spelling of a revoked key', async () => {
    const made = await node.request('POST', `/api/v1/orgs/${node.ownerOrgId}/keys`, { body: { role: 'analyst', name: 'cached' } });
    const key = made.body.key as string;
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(await me(`Bearer ${key}`)).toBe(200);
    expect(await me(`Bearer ${key}`)).toBe(200);
    expect(await me(`Bearer ${wrong}`)).toBe(401);
    expect(await me(`bearer   ${key} `)).toBe(200);
    expect((await node.request('DELETE', `/api/v1/keys/${made.body.id}`)).status).toBe(204);
    expect(await me(`Bearer ${key}`)).toBe(401);
    expect(await me(`bearer   ${key} `)).toBe(401);
  });

  it('verify a key once for the requests that ask together, and anew once that answer is in', async () => {
    const made = await node.request('POST', `/api/v1/orgs/${node.ownerOrgId}/keys`, { body: { role: 'analyst', name: 'busy' } });
    const key = made.body.key as string;
    const keys = new KeyAuthenticator(node.ctx);
    const header = `Bearer ${key}`;
    const first = keys.authenticate(header);
    expect(first).toBeInstanceOf(Promise);
    expect(keys.authenticate(header)).toBe(first);
    const principal = await first;
    expect(principal.actorId).toBe(made.body.id);
    // Verified: answered at once from the cache.
    expect(keys.authenticate(header)).toBe(principal);

    const wrong = `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const refused = keys.authenticate(wrong);
    expect(keys.authenticate(wrong)).toBe(refused);
    await expect(refused).rejects.toMatchObject({ code: 'invalid-key' });
    const again = keys.authenticate(wrong);
    expect(again).not.toBe(refused);
    await expect(again).rejects.toMatchObject({ code: 'invalid-key' });
  });
});
