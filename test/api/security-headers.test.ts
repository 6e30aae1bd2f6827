import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELMET_OPTIONS, HSTS, registerSecurityHeaders, SECURITY_HEADERS } from '../../src/server/security-headers.js';
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

  it('come with every kind of answer: JSON, problems, the docs and the web app (with its stricter policy)', async () => {
    const expected = await helmetHeaders();
    const answers = [
      await fetch(`${node.url}/health`),
      await fetch(`${node.url}/api/v1/check`, { method: 'POST', headers: { authorization: `Bearer ${node.adminKey}`, 'content-type': 'application/json' }, body: '{"items":[{"value":"+66812345678"}]}' }),
      await fetch(`${node.url}/api/v1/check`, { method: 'POST', body: '{}' }),
      await fetch(`${node.url}/missing.png`),
      await fetch(`${node.url}/docs/`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 404, 200]);
    for (const res of answers) {
      for (const [name, value] of expected) expect(res.headers.get(name), `${res.url} ${name}`).toBe(value);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const page = await fetch(`${node.url}/`);
    expect(page.headers.get('content-security-policy')).toBe(WEB_CSP);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('add HSTS only to answers over TLS', async () => {
    const app = Fastify({ trustProxy: true });
    registerSecurityHeaders(app);
    app.get('/', async () => ({}));
    const tls = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    const plain = await app.inject({ url: '/' });
    expect(tls.headers['strict-transport-security']).toBe(HSTS);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });
});
