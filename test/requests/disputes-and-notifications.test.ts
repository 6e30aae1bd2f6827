import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/modules/notifications/dispatcher.js';
import { verifySignature } from '../../src/modules/notifications/signature.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { ManualClock, send, validBody } from './support.js';

async function solved(node: TestNode): Promise<string> {
  const res = await node.request('GET', '/api/v1/public/challenge', { key: null });
  const solution = await solveChallenge({ challenge: res.body, deriveKey });
  return Buffer.from(JSON.stringify({ challenge: res.body, solution })).toString('base64');
}

/** A real SMTP server on a loopback port, keeping what arrives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: string[] }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, mails };
}

/** A webhook receiver that checks signatures, and fails the first call to test retries. */
async function startReceiver(): Promise<{ server: Server; url: string; received: { event: string; body: string; signature: string }[]; setSecret(s: string): void; failNext: number }> {
  const state = { received: [] as { event: string; body: string; signature: string }[], secret: '', failNext: 1 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (state.failNext > 0) {
        state.failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      const signature = String(req.headers['x-fraudx-signature']);
      res.writeHead(verifySignature(state.secret, body, signature) ? 204 : 401).end();
      state.received.push({ event: String(req.headers['x-fraudx-event']), body, signature });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/fraudx`;
  return {
    server,
    url,
    get received() {
      return state.received;
    },
    setSecret: (s) => (state.secret = s),
    get failNext() {
      return state.failNext;
    },
  };
}

describe.each(DIALECTS)('disputes and notifications on %s', (dialect) => {
  // The proof-of-work library checks expiry against real time, so this clock starts at the real time.
  const start = Math.floor(Date.now() / 1000) * 1000;
  const clock = new ManualClock(start);
  let node: TestNode;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let police: { orgId: string; key: string };
  let bank: { orgId: string; key: string };
  let bankAdmin: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startReceiver();
    process.env.FRAUDX_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    node = await startNode(dialect, { clock, env: { FRAUDX_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    police = await node.orgWithKey('Police', 'TH', 'analyst', 'law-enforcement');
    bank = await node.orgWithKey('Bank', 'TH', 'analyst', 'bank');
    const { createApiKey } = await import('../../src/modules/orgs/orgs.service.js');
    bankAdmin = (await createApiKey(node.ctx, 'system', bank.orgId, 'admin')).key;
  });
  afterAll(async () => {
    delete process.env.FRAUDX_SMTP_URL;
    await node?.close();
    await new Promise<void>((r) => smtp.server.close(() => r()));
    receiver.server.close();
  });

  it('upholds a public dispute: the check API answers known: false at once, and the freeze is released as wrongful', async () => {
    const account = { value: 'TH:014:5550001111', kind: 'bank-account' };
    const report = await node.request('POST', '/api/v1/reports', {
      key: police.key,
      body: { typology: 'shopping', summary: 'Paid for a phone; seller vanished.', country: 'TH', indicators: [{ ...account, role: 'paid-to' }] },
    });
    expect(report.status).toBe(201);
    const check = () => node.request('POST', '/api/v1/check', { key: bank.key, body: { items: [account] } });
    expect((await check()).body.results[0].known).toBe(true);

    const body = validBody('payment-intervention', bank.orgId);
    (body.legs as any)[0].account = account;
    const freeze = await send(node, police.key, body);
    await node.request('POST', `/api/v1/requests/${freeze.id}/transitions`, { key: bank.key, body: { to: 'acknowledged' } });
    await node.request('POST', `/api/v1/requests/${freeze.id}/transitions`, { key: bank.key, body: { to: 'held', legs: [{ id: freeze.legs[0].id, status: 'held', held: '100000.00' }] } });

    const dispute = {
      indicator: account,
      grounds: 'legitimate-business',
      statement: 'This is my shop\'s account. The buyer paid me for a phone I delivered.',
      contact: { name: 'Somchai', email: 'somchai@example.org' },
      evidence: [{ name: 'delivery.pdf', mediaType: 'application/pdf', data: Buffer.from('%PDF-1.4 receipt').toString('base64') }],
    };
    const forged = await node.request('POST', '/api/v1/public/disputes', { key: null, body: { ...dispute, altcha: 'bm90IGEgc29sdXRpb24=' } });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('challenge-failed');
    const filed = await node.request('POST', '/api/v1/public/disputes', { key: null, body: { ...dispute, altcha: await solved(node) } });
    expect(filed.status).toBe(202);
    expect(filed.body).toMatchObject({ state: 'sent', answerBy: new Date(start + 24 * 3600_000).toISOString() });

    // The listing organisation finds it in its inbox, with the disputant's contact and the evidence's hash.
    const inbox = await node.request('GET', '/api/v1/requests?box=inbox&kind=redress', { key: police.key });
    expect(inbox.body.items.map((i: any) => i.id)).toEqual([filed.body.id]);
    const seen = await node.request('GET', `/api/v1/requests/${filed.body.id}`, { key: police.key });
    expect(seen.body).toMatchObject({ from: null, disputant: JSON.stringify(dispute.contact), attachments: [{ name: 'delivery.pdf', size: 16 }] });
    expect((await node.request('GET', `/api/v1/requests/${filed.body.id}`, { key: bank.key })).status).toBe(404);

    clock.advance(3 * 3600_000);
    const upheld = await node.request('POST', `/api/v1/requests/${filed.body.id}/transitions`, { key: police.key, body: { to: 'upheld', answer: 'Confirmed with the buyer: the sale was real. Delisted.' } });
    expect(upheld.status).toBe(200);
    expect(upheld.body.outcome).toMatchObject({ indicatorStatus: 'allowed', releasedFreezes: [freeze.id] });
    const after = (await check()).body.results[0];
    expect(after.known).toBe(false);
    expect(after.status).toBe('allowed');
    const publicCheck = await node.request('GET', `/api/v1/public/check?value=${encodeURIComponent(account.value)}&kind=bank-account`, { key: null });
    if (publicCheck.status === 200) expect(publicCheck.body.known).toBe(false);

    const released = await node.request('GET', `/api/v1/requests/${freeze.id}`, { key: police.key });
    expect(released.body).toMatchObject({ state: 'released', outcome: { wrongful: true }, legs: [{ held: '0.00', wrongful: '100000.00', status: 'wrongful' }] });
    const [row] = (await node.request('GET', '/api/v1/ledger', { key: bank.key })).body.rows;
    expect(row.buckets.wrongful).toEqual({ total: '100000.00', balance: '100000.00' });

    const status = await node.request('GET', `/api/v1/public/disputes/${filed.body.id}?token=${filed.body.token}`, { key: null });
    expect(status.body).toMatchObject({ state: 'upheld', answer: 'Confirmed with the buyer: the sale was real. Delisted.' });
    expect((await node.request('GET', `/api/v1/public/disputes/${filed.body.id}?token=wrong-token-123`, { key: null })).status).toBe(404);
    const metrics = await node.request('GET', '/api/v1/metrics/responders?by=organisation,kind', { key: police.key });
    expect(metrics.body.rows.find((r: any) => r.kind === 'redress')).toMatchObject({ orgId: police.orgId, medianSecondsToAct: 10800, withinDeadline: { share: 1 } });
  });

  it('signs webhooks with HMAC-SHA256 over the body, retries with backoff, logs deliveries, and e-mails the 24/7 contact over SMTP', async () => {
    const hook = await node.request('POST', '/api/v1/webhooks', { key: bankAdmin, body: { url: receiver.url } });
    expect(hook.status).toBe(201);
    receiver.setSecret(hook.body.secret);
    const contact = await node.request('POST', '/api/v1/contacts', { key: bankAdmin, body: { kind: 'takedown', name: 'Fraud desk 24/7', email: 'fraud-desk@bank.example', phone: '+66 2 000 0000' } });
    expect(contact.status).toBe(201);

    const takedown = await send(node, police.key, validBody('takedown', bank.orgId));
    expect(takedown.contactId).toBe(contact.body.id);
    let run = await deliverDue(node.ctx);
    expect(run).toMatchObject({ delivered: 1, retrying: 1 });
    expect(smtp.mails.some((m) => m.includes('fraud-desk@bank.example') && m.includes(takedown.id))).toBe(true);
    expect(receiver.received).toHaveLength(0);

    // Not yet due: the backoff is 30 seconds.
    clock.advance(29_000);
    expect((await deliverDue(node.ctx)).delivered).toBe(0);
    clock.advance(1_000);
    run = await deliverDue(node.ctx);
    expect(run.delivered).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expect(got.event).toBe('request.created');
    expect(verifySignature(hook.body.secret, got.body, got.signature)).toBe(true);
    expect(verifySignature(hook.body.secret, got.body.replace('takedown', 'tak3down'), got.signature)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ event: 'request.created', request: { id: takedown.id, kind: 'takedown', state: 'sent' } });

    const log = await node.request('GET', `/api/v1/webhooks/${hook.body.id}/deliveries`, { key: bankAdmin });
    expect(log.body.items[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 204, requestId: takedown.id });
    const all = await node.request('GET', '/api/v1/notifications/deliveries', { key: bankAdmin });
    expect(all.body.items.map((d: any) => d.channel).sort()).toEqual(['email', 'webhook']);
  });

  it('streams request changes to those who may see them as server-sent events', async () => {
    const from = node.ctx.feed.position;
    const takedown = await send(node, police.key, validBody('takedown', bank.orgId));
    await node.request('POST', `/api/v1/requests/${takedown.id}/transitions`, { key: bank.key, body: { to: 'taken_down' } });
    const read = async (key: string) => {
      const controller = new AbortController();
      const res = await fetch(`${node.url}/api/v1/requests/stream?after=${from}`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('taken_down') && text.split('\n\n').length < 50) {
        const { value, done } = await Promise.race([reader.read(), new Promise<{ value: undefined; done: true }>((r) => setTimeout(() => r({ value: undefined, done: true }), 1500))]);
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      controller.abort();
      return text;
    };
    const seen = await read(bank.key);
    expect(seen).toContain(`"id":"${takedown.id}"`);
    expect(seen).toMatch(/id: \d+\nevent: request\ndata: .*"state":"taken_down"/);
    const outsider = await node.orgWithKey('Outsider', 'SG', 'analyst');
    expect(await read(outsider.key)).not.toContain(takedown.id);
  });
});
