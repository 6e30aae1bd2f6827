import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HEADERS, HELMET_OPTIONS, HSTS, registerSecurityHeaders, SECURITY_HEADERS } from '../../src/server/security-headers.js';
import { WEB_CSP } from '../../src/server/web.plugin.js';
import { startNode, type TestNode } from '../support/node.js';

/** What helmet itself sets with the node's options: names as it spells them, values, order. */
async function helmetHeaders(): Promise<[string, string][]> {
  const app = Fastify();
  const seen: [string, string][] = [];
  let recording = true;
  // Around helmet's hooks, so it sees each header helmet sets, as helmet sets it, and no other.
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    const setHeader = raw.setHeader.bind(raw);
    raw.setHeader = (name, value) => {
      if (recording) seen.push([name, String(value)]);
      return setHeader(name, value);
    };
    done();
  });
  await app.register(helmet, HELMET_OPTIONS);
  app.addHook('onRequest', (_request, _reply, done) => {
    recording = false;
    done();
  });
  app.get('/', async () => ({}));
  await app.inject('/');
  await app.close();
  return seen;
}

describe('security headers', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode('sqlite');
  });
  afterAll(async () => node?.close());

  it('are the ones helmet sets with the same options, spelled and ordered alike', async () => {
    expect(SECURITY_HEADERS).toEqual(await helmetHeaders());
  });

  it('come with every kind of answer: helmet\'s on pages, the API\'s own on JSON and problems, the web app\'s stricter policy', async () => {
    const expected = await helmetHeaders();
    const check = (body: string, key?: string) =>
      fetch(`${node.url}/api/v1/check`, { method: 'POST', headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' }, body });
    const pages = [await fetch(`${node.url}/health`), await fetch(`${node.url}/missing.png`), await fetch(`${node.url}/docs/`)];
    const api = [
      await check('{"items":[{"value":"+66812345678"}]}', node.adminKey),
      await check('{}'),
      await check('{"items":"none"}', node.adminKey),
      await fetch(`${node.url}/api/v1/nothing-here`, { headers: { authorization: `Bearer ${node.adminKey}` } }),
      await fetch(`${node.url}/taxii2/`, { headers: { authorization: `Bearer ${node.adminKey}`, accept: 'application/taxii+json;version=2.1' } }),
    ];
    expect(pages.map((r) => r.status)).toEqual([200, 404, 200]);
    expect(api.map((r) => r.status)).toEqual([200, 401, 400, 404, 200]);
    for (const res of pages) for (const [name, value] of expected) expect(res.headers.get(name), `${res.url} ${name}`).toBe(value);
    for (const res of api) {
      for (const [name, value] of API_HEADERS) expect(res.headers.get(name), `${res.url} ${name}`).toBe(value);
      // Only the API's set: what governs a page's scripts, referrers and popups is not sent.
      for (const [name] of expected) if (!API_HEADERS.some(([n]) => n === name)) expect(res.headers.get(name), `${res.url} ${name}`).toBeNull();
    }
    for (const res of [...pages, ...api]) expect(res.headers.get('strict-transport-security')).toBeNull();
    const page = await fetch(`${node.url}/`);
    expect(page.headers.get('content-security-policy')).toBe(WEB_CSP);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('add HSTS only to answers over TLS', async () => {
    const app = Fastify({ trustProxy: true });
    registerSecurityHeaders(app);
    app.get('/', async () => ({}));
    app.get('/api/v1/x', async () => ({}));
    for (const url of ['/', '/api/v1/x']) {
      const tls = await app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      const plain = await app.inject({ url });
      expect(tls.headers['strict-transport-security']).toBe(HSTS);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      expect(plain.headers['x-content-type-options']).toBe('nosniff');
    }
    await app.close();
  });
});
