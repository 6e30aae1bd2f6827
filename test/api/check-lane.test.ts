import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';

interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

interface Ask {
  key?: string | null;
  body?: string;
  type?: string | null;
  path?: string;
  chunked?: boolean;
}

// Headers of the connection rather than of the answer.
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

const answerHeaders = (headers: http.IncomingHttpHeaders | Record<string, unknown>): [string, string][] =>
  Object.entries(headers)
    .filter(([name]) => !CONNECTION_HEADERS.has(name))
    .map(([name, value]) => [name, String(value)] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));

/**
 * The check lane (check.lane.ts) answers ordinary checks in front of Fastify. Each answer is held
 * to the router's own for the same request (`app.inject` goes to the router directly, never to
 * the lane), and a hook on the router counts what reached it, which tells which of the two answered.
 */
describe.each(DIALECTS)('the check API lane on %s', (dialect) => {
  let node: TestNode;
  let routed = 0;
  let analyst: string;
  let checkOnly: string;

  const headersOf = (ask: Ask): Record<string, string> => {
    const headers: Record<string, string> = {};
    const key = ask.key === undefined ? analyst : ask.key;
    if (key) headers.authorization = `Bearer ${key}`;
    if (ask.type !== null) headers['content-type'] = ask.type ?? 'application/json';
    return headers;
  };

  /** Over a real connection, where the lane sees it first; with how many requests reached the router meanwhile. */
  const overHttp = (ask: Ask): Promise<Answer & { routed: number }> => {
    const before = routed;
    const url = new URL(ask.path ?? '/api/v1/check', node.url);
    const headers = headersOf(ask);
    if (ask.body !== undefined && !ask.chunked) headers['content-length'] = String(Buffer.byteLength(ask.body));
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: answerHeaders(res.headers), body, routed: routed - before }));
      });
      req.on('error', reject);
      if (ask.chunked && ask.body !== undefined) {
        // Two writes before the end: Node sends the body chunked, without a length.
        req.write(ask.body.slice(0, 5));
        req.end(ask.body.slice(5));
      } else req.end(ask.body);
    });
  };

  /** Straight to the router. */
  const viaRouter = async (ask: Ask): Promise<Answer> => {
    const res = await node.app.inject({ method: 'POST', url: ask.path ?? '/api/v1/check', headers: headersOf(ask), payload: ask.body });
    return { status: res.statusCode, headers: answerHeaders(res.headers), body: res.body };
  };

  const same = async (ask: Ask): Promise<Answer & { routed: number }> => {
    const lane = await overHttp(ask);
    const router = await viaRouter(ask);
    expect({ status: lane.status, headers: lane.headers, body: lane.body }).toEqual(router);
    return lane;
  };

  beforeAll(async () => {
    node = await startNode(dialect, {
      env: { FRAUDX_RATE_LIMIT_ALLOW: '127.0.0.1,::1,::ffff:127.0.0.1' },
      beforeListen: (app) =>
        // onSend: every answer of the router passes it, refusals by earlier hooks included.
        app.addHook('onSend', (request, _reply, payload, done) => {
          if (request.url.startsWith('/api/v1/check')) routed++;
          done(null, payload);
        }),
    });
    const bank = await node.orgWithKey('Andaman Bank', 'TH', 'analyst');
    analyst = bank.key;
    checkOnly = (await createApiKey(node.ctx, 'system', bank.orgId, 'machine', 'payments', 'check')).key;
    const report = { typology: 'investment', country: 'TH', indicators: [{ value: '+66812345678', role: 'caller' }, { value: 'TH:004:1234567890', kind: 'bank-account', role: 'paid-to' }] };
    expect((await node.request('POST', '/api/v1/reports', { body: report })).status).toBe(201);
  });
  afterAll(async () => node?.close());

  it('answers ordinary checks itself, byte for byte as the router does', async () => {
    const bodies = [
      { items: [{ value: '+66812345678', kind: 'phone' }] },
      { items: [{ value: '+14155550123', kind: 'phone' }] },
      { items: [{ value: 'TH:004:1234567890' }] },
      { items: [{ value: '081 234 5678', kind: 'phone', country: 'TH' }, { value: 'not an identifier' }, { value: 'x', kind: 'horoscope' }, { value: '+66812345678', kind: 'url' }] },
    ];
    for (const key of [analyst, checkOnly]) {
      // A key's first request goes to the router, which verifies it against storage.
      expect((await overHttp({ key, body: JSON.stringify(bodies[0]) })).routed).toBe(1);
      for (const body of bodies) {
        const answer = await same({ key, body: JSON.stringify(body) });
        expect(answer.status).toBe(200);
        expect(answer.routed).toBe(0);
      }
      expect((await same({ key, body: JSON.stringify(bodies[0]), type: 'application/json; charset=utf-8' })).routed).toBe(0);
    }
    const known = JSON.parse((await overHttp({ body: JSON.stringify(bodies[0]) })).body);
    expect(known.results[0]).toMatchObject({ kind: 'phone', known: true, reports: 1 });
  });

  it('hands every other request to the router, whose answer it is', async () => {
    await overHttp({ body: '{"items":[{"value":"+66812345678"}]}' });
    const asks: [Ask, number][] = [
      [{ body: '{"items":[{"value":' }, 400],
      [{ body: '{"items":[{"value":"+66812345678","colour":"red"}]}' }, 400],
      [{ body: '{"items":[]}' }, 400],
      [{ body: '{"items":[{"value":"+66812345678"}],"__proto__":{"admin":true}}' }, 400],
      [{ body: '{"items":[{"value":"+66812345678","constructor":{"prototype":{"admin":true}}}]}' }, 400],
      [{ body: `\uFEFF${JSON.stringify({ items: [{ value: '+66812345678' }] })}` }, 200],
      [{ body: JSON.stringify({ items: Array.from({ length: 10_001 }, () => ({ value: '+66812345678', kind: 'phone' })) }) }, 413],
      [{ body: '{"items":[{"value":"+66812345678"}]}', type: 'text/plain' }, 415],
      [{ body: '{"items":[{"value":"+66812345678"}]}', type: 'APPLICATION/JSON' }, 200],
      [{ body: '{"items":[{"value":"+66812345678"}]}', chunked: true }, 200],
      [{ body: '{"items":[{"value":"+66812345678"}]}', path: '/api/v1/check?via=proxy' }, 200],
      [{ body: '{"items":[{"value":"+66812345678"}]}', key: null }, 401],
      [{ body: '{"items":[{"value":"+66812345678"}]}', key: 'fx_nosuchkey_0000000000000000' }, 401],
      [{ body: '' }, 400],
    ];
    for (const [ask, status] of asks) {
      const answer = await same(ask);
      expect([answer.status, answer.routed]).toEqual([status, 1]);
    }
  });

  it('leaves a key revoked a moment ago to the router, which refuses it', async () => {
    const made = await node.request('POST', `/api/v1/orgs/${node.ownerOrgId}/keys`, { body: { role: 'analyst', name: 'soon revoked' } });
    const key = made.body.key as string;
    const body = '{"items":[{"value":"+66812345678","kind":"phone"}]}';
    await overHttp({ key, body });
    expect((await overHttp({ key, body })).routed).toBe(0);
    expect((await node.request('DELETE', `/api/v1/keys/${made.body.id}`)).status).toBe(204);
    const refused = await same({ key, body });
    expect([refused.status, refused.routed]).toEqual([401, 1]);
  });

  it('leaves an admin key\'s hourly audit entry to the router, then answers it', async () => {
    const audited = () => node.ctx.storage.db.selectFrom('audit_log').select('seq').where('action', '=', 'auth.key-use').execute();
    const before = (await audited()).length;
    const admin = (await createApiKey(node.ctx, 'system', node.ownerOrgId, 'admin', 'fresh admin')).key;
    const body = '{"items":[{"value":"+66812345678","kind":"phone"}]}';
    expect((await overHttp({ key: admin, body })).routed).toBe(1);
    expect((await overHttp({ key: admin, body })).routed).toBe(0);
    expect((await audited()).length).toBe(before + 1);
  });
});

describe('the check API lane and the route\'s rate limit', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startNode('sqlite', { env: { FRAUDX_CHECK_RATE_LIMIT: '4' } });
  });
  afterAll(async () => node?.close());

  it('count one budget: the lane\'s answers and the router\'s alike, and refuse past it alike', async () => {
    const key = (await node.orgWithKey('Mekong Mobile', 'KH', 'machine', 'telco')).key;
    const payload = '{"items":[{"value":"+66812345678","kind":"phone"}]}';
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const lane = async () => {
      const res = await fetch(`${node.url}/api/v1/check`, { method: 'POST', headers, body: payload });
      return { status: res.status, remaining: res.headers.get('x-ratelimit-remaining'), retryAfter: res.headers.get('retry-after'), body: await res.text() };
    };
    const router = async () => {
      const res = await node.app.inject({ method: 'POST', url: '/api/v1/check', headers, payload });
      return { status: res.statusCode, remaining: res.headers['x-ratelimit-remaining'] as string | undefined, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null, body: res.body };
    };
    const answers = [await lane(), await lane(), await router(), await lane()];
    expect(answers.map((a) => [a.status, a.remaining])).toEqual([
      [200, '3'],
      [200, '2'],
      [200, '1'],
      [200, '0'],
    ]);
    const [overLane, overRouter] = [await lane(), await router()];
    expect(overLane).toEqual(overRouter);
    expect(overLane.status).toBe(429);
    expect(JSON.parse(overLane.body)).toMatchObject({ code: 'rate-limited', retryAfter: 60 });
  });
});
