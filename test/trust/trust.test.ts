import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import { runRetention } from '../../src/modules/privacy/retention.service.js';
import { INITIAL_PASSWORD_FILE } from '../../src/modules/users/users.service.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { runCli } from '../support/process.js';

const VICTIM = 'Somchai Jaidee-Victim';
const NARRATIVE = `${VICTIM} of 12 Sukhumvit Soi 7 sent his savings to a fake gold trader`;
const REPORTER = 'Kanya Srisuk-Reporter';
const REPORTER_PHONE = '089 765 4321';

describe.each(DIALECTS)('trust on %s', (dialect) => {
  let node: TestNode;
  let bankA: { orgId: string; key: string };
  let bankB: { orgId: string; key: string };
  let strictReport: string;

  beforeAll(async () => {
    node = await startNode(dialect);
    bankA = await node.orgWithKey('Andaman Bank', 'TH', 'analyst');
    bankB = await node.orgWithKey('Mekong Bank', 'TH', 'analyst');
    const res = await node.request('POST', '/api/v1/reports', {
      key: bankA.key,
      body: { typology: 'investment', summary: NARRATIVE, indicators: [{ value: '+66811112222' }], loss: { amount: '5000.00', currency: 'THB' }, marking: { tlp: 'amber+strict' } },
    });
    expect(res.status).toBe(201);
    strictReport = res.body.id;
  }, 60_000);
  afterAll(async () => node?.close());

  it('keeps an AMBER+STRICT report of one bank from another bank, the public check and statistics, and shows it to its own analysts', async () => {
    expect((await node.request('GET', `/api/v1/reports/${strictReport}`, { key: bankA.key })).body).toMatchObject({ summary: NARRATIVE, marking: { tlp: 'amber+strict', distribution: 'organisation' } });
    expect((await node.request('GET', `/api/v1/reports/${strictReport}`, { key: bankB.key })).status).toBe(404);
    expect((await node.request('GET', '/api/v1/reports', { key: bankB.key })).body.items).toEqual([]);
    expect((await node.request('GET', '/api/v1/indicators/phone/%2B66811112222', { key: bankB.key })).status).toBe(404);
    const check = await node.request('POST', '/api/v1/check', { key: bankB.key, body: { items: [{ value: '+66811112222' }] } });
    expect(check.body.results[0].known).toBe(false);
    expect((await node.request('GET', '/api/v1/public/check?value=%2B66811112222', { key: null })).body).toMatchObject({ known: false, reports: 0 });
    const stats = await node.request('GET', '/api/v1/dashboard', { key: bankB.key });
    expect(stats.body.totals).toMatchObject({ reports: 0, indicators: 0 });
    expect(stats.body.losses).toEqual([]);
    const own = await node.request('GET', '/api/v1/dashboard', { key: bankA.key });
    expect(own.body.totals.reports).toBe(1);
  });

  it('lets the owner share the bare "known" bit without the details', async () => {
    const admin = await createApiKey(node.ctx, 'system', bankA.orgId, 'admin');
    const put = await node.request('PUT', `/api/v1/orgs/${bankA.orgId}/settings`, { key: admin.key, body: { shareKnown: 'community' } });
    expect(put.status).toBe(200);
    const check = await node.request('POST', '/api/v1/check', { key: bankB.key, body: { items: [{ value: '+66811112222' }] } });
    expect(check.body.results[0]).toMatchObject({ known: true, withheld: true });
    expect(check.body.results[0].reports).toBeUndefined();
    expect((await node.request('GET', '/api/v1/public/check?value=%2B66811112222', { key: null })).body.known).toBe(false);
    await node.request('PUT', `/api/v1/orgs/${bankA.orgId}/settings`, { key: admin.key, body: { shareKnown: 'none' } });
    expect((await node.request('POST', '/api/v1/check', { key: bankB.key, body: { items: [{ value: '+66811112222' }] } })).body.results[0].known).toBe(false);
  });

  it('widens and narrows a marking, the check following at once, and audits each change', async () => {
    const made = await node.request('POST', '/api/v1/reports', { key: bankA.key, body: { typology: 'romance', indicators: [{ value: '+66813334444' }], marking: { tlp: 'green' } } });
    const id = made.body.id;
    const knownToB = async () => (await node.request('POST', '/api/v1/check', { key: bankB.key, body: { items: [{ value: '+66813334444' }] } })).body.results[0].known;
    expect(await knownToB()).toBe(true);
    const narrow = await node.request('PUT', `/api/v1/reports/${id}/marking`, { key: bankA.key, body: { marking: { tlp: 'red' }, reason: 'victim asked' } });
    expect(narrow.status).toBe(200);
    expect(narrow.body.marking).toEqual({ tlp: 'red', distribution: 'organisation', groups: [] });
    expect(await knownToB()).toBe(false);
    expect((await node.request('PUT', `/api/v1/reports/${id}/marking`, { key: bankB.key, body: { marking: { tlp: 'clear' }, reason: 'x' } })).status).toBe(404);
    const audit = await node.request('GET', `/api/v1/audit?action=marking.change&targetId=${id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'marking.change', orgId: bankA.orgId, details: { narrowed: true, reason: 'victim asked', before: { tlp: 'green' }, after: { tlp: 'red' } } });
    expect((await node.request('GET', '/api/v1/audit', { key: bankA.key })).status).toBe(403);
  });

  it('encrypts the narrative at rest: the database holds no victim name, and only the owner reads it, audited', async () => {
    // A member of the public reports too: their name and phone wait in the intake queue.
    const challenge = await node.request('GET', '/api/v1/public/challenge', { key: null });
    const solution = await solveChallenge({ challenge: challenge.body, deriveKey });
    const altcha = Buffer.from(JSON.stringify({ challenge: challenge.body, solution })).toString('base64');
    const intake = await node.request('POST', '/api/v1/public/reports', {
      key: null,
      body: { typology: 'investment', summary: `I am ${REPORTER}; a gold trader took my savings.`, contact: `${REPORTER}, ${REPORTER_PHONE}`, indicators: [{ value: '+66812223333' }], altcha },
    });
    expect(intake.status).toBe(202);
    const stored = await node.ctx.storage.db.selectFrom('intake_reports').select(['summary', 'contact']).where('id', '=', intake.body.id).executeTakeFirstOrThrow();
    expect([stored.summary.slice(0, 4), stored.contact?.slice(0, 4)]).toEqual(['fx1:', 'fx1:']);
    const operator = await node.request('GET', `/api/v1/intake/${intake.body.id}`);
    expect(operator.body).toMatchObject({ summary: `I am ${REPORTER}; a gold trader took my savings.`, contact: `${REPORTER}, ${REPORTER_PHONE}` });
    expect((await node.request('GET', `/api/v1/audit?action=personal.read&targetId=${intake.body.id}`)).body.items.length).toBe(1);
    // Another organisation's analyst reviews the queue's facts, never who reported.
    const other = await node.request('GET', `/api/v1/intake/${intake.body.id}`, { key: bankB.key });
    expect(other.body).toMatchObject({ summary: null, contact: null, typology: 'investment', indicators: [{ canonical: '+66812223333' }] });
    expect((await node.request('POST', `/api/v1/intake/${intake.body.id}/accept`, { key: bankB.key, body: {} })).status).toBe(403);

    const row = await node.ctx.storage.db.selectFrom('reports').select('summary').where('id', '=', strictReport).executeTakeFirstOrThrow();
    expect(row.summary.startsWith('fx1:')).toBe(true);
    expect(row.summary).not.toContain(VICTIM);
    expect((await node.request('GET', `/api/v1/reports/${strictReport}`, { key: bankA.key })).body.summary).toBe(NARRATIVE);
    const reads = await node.request('GET', `/api/v1/audit?action=personal.read&targetId=${strictReport}`);
    expect(reads.body.items.length).toBeGreaterThan(0);
    if (dialect === 'sqlite') {
      const main = path.join(node.db.dataDir, 'fraudx.sqlite');
      expect(existsSync(main)).toBe(true);
      // The typology is stored in the clear: the grep itself is shown to find what is there.
      const all = Buffer.concat([main, `${main}-wal`].filter(existsSync).map((f) => readFileSync(f)));
      expect(all.includes(Buffer.from('Andaman Bank'))).toBe(true);
      expect(all.includes(Buffer.from(intake.body.id))).toBe(true);
      for (const file of [main, `${main}-wal`].filter(existsSync)) {
        const bytes = readFileSync(file);
        expect(bytes.includes(Buffer.from(VICTIM)), file).toBe(false);
        expect(bytes.includes(Buffer.from('Sukhumvit')), file).toBe(false);
        expect(bytes.includes(Buffer.from(REPORTER)), file).toBe(false);
        expect(bytes.includes(Buffer.from(REPORTER_PHONE)), file).toBe(false);
      }
    }
    // The key sits beside the data, never in the database.
    expect(existsSync(path.join(node.db.dataDir, 'node-data.key'))).toBe(true);
  });

  it('erases personal data on request and by retention, keeping the anonymous facts, audited', async () => {
    const made = await node.request('POST', '/api/v1/reports', { key: bankA.key, body: { typology: 'romance', summary: 'Malee P. sent money', indicators: [{ value: '+66815556666' }] } });
    const erase = await node.request('POST', `/api/v1/reports/${made.body.id}/erase-personal`, { key: bankA.key, body: { reason: 'victim request' } });
    expect(erase.status).toBe(200);
    const after = await node.request('GET', `/api/v1/reports/${made.body.id}`, { key: bankA.key });
    expect(after.body).toMatchObject({ summary: null, typology: 'romance', indicators: [{ canonical: '+66815556666' }] });
    expect(after.body.personalErasedAt).toBeTruthy();

    const admin = await createApiKey(node.ctx, 'system', bankA.orgId, 'admin');
    await node.request('PUT', `/api/v1/orgs/${bankA.orgId}/settings`, { key: admin.key, body: { retentionDays: 30 } });
    expect(await runRetention(node.ctx)).toEqual([]);
    const later = { ...node.ctx, clock: { now: () => new Date(Date.now() + 31 * 86_400_000) } };
    const done = await runRetention(later);
    expect(done).toEqual([{ org: bankA.orgId, erased: 2 }]);
    expect((await node.request('GET', `/api/v1/reports/${strictReport}`, { key: bankA.key })).body.summary).toBeNull();
    const audit = await node.request('GET', '/api/v1/audit?action=personal.erase');
    expect(audit.body.items.map((i: { details: { reason: string } }) => i.details.reason)).toEqual(['retention: 30 days', 'request: victim request']);

    // The node operator's retention erases what public reporters wrote, keeping the queue's facts.
    const pending = () => node.ctx.storage.db.selectFrom('intake_reports').select(['summary', 'contact', 'typology']).execute();
    expect((await pending()).every((r) => r.summary.startsWith('fx1:'))).toBe(true);
    expect((await node.request('PUT', `/api/v1/orgs/${node.ownerOrgId}/settings`, { body: { retentionDays: 30 } })).status).toBe(200);
    await runRetention(node.ctx);
    expect((await pending()).every((r) => r.summary.startsWith('fx1:'))).toBe(true);
    await runRetention(later);
    expect(await pending()).toEqual([{ summary: '', contact: null, typology: 'investment' }]);
    expect((await node.request('GET', '/api/v1/audit?action=personal.erase')).body.items[0].details).toEqual({ reason: 'retention: 30 days', intake: 1 });
  });

  it('erases the public reporter\'s story and contact with the report accepted from them', async () => {
    const challenge = await node.request('GET', '/api/v1/public/challenge', { key: null });
    const solution = await solveChallenge({ challenge: challenge.body, deriveKey });
    const altcha = Buffer.from(JSON.stringify({ challenge: challenge.body, solution })).toString('base64');
    const intake = await node.request('POST', '/api/v1/public/reports', {
      key: null,
      body: { typology: 'romance', summary: `I am ${REPORTER}; he asked for a plane ticket.`, contact: REPORTER_PHONE, indicators: [{ value: '+66817778888' }], altcha },
    });
    expect(intake.status).toBe(202);
    const accepted = await node.request('POST', `/api/v1/intake/${intake.body.id}/accept`, { body: {} });
    expect(accepted.status).toBe(200);
    const entry = () => node.ctx.storage.db.selectFrom('intake_reports').select(['summary', 'contact', 'typology']).where('id', '=', intake.body.id).executeTakeFirstOrThrow();
    expect((await entry()).summary.startsWith('fx1:')).toBe(true);
    const erase = await node.request('POST', `/api/v1/reports/${accepted.body.reportId}/erase-personal`, { body: { reason: 'reporter request' } });
    expect(erase.status).toBe(200);
    expect(await entry()).toEqual({ summary: '', contact: null, typology: 'romance' });
    expect((await node.request('GET', `/api/v1/intake/${intake.body.id}`)).body).toMatchObject({ summary: '', contact: null });
  });

  it('offers no single sign-on when none is configured', async () => {
    expect((await node.request('GET', '/api/v1/auth/options', { key: null })).body).toEqual({ password: true, sso: false });
    const login = await node.request('GET', '/api/v1/auth/oidc/login', { key: null });
    expect(login.status).toBe(404);
    expect(login.body.code).toBe('sso-not-configured');
  });

  it('gives read-only check keys the check API and nothing else', async () => {
    const scoped = await node.request('POST', `/api/v1/orgs/${bankB.orgId}/keys`, { body: { role: 'machine', scope: 'check' } });
    expect(scoped.body.scope).toBe('check');
    expect((await node.request('POST', '/api/v1/check', { key: scoped.body.key, body: { items: [{ value: '+66811112222' }] } })).status).toBe(200);
    const refused = await node.request('POST', '/api/v1/sightings', { key: scoped.body.key, body: { value: '+66813334444', type: 'blocked' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('key-scope');
  });

  it('signs people in with a session cookie, demands the CSRF token on writes, locks after repeated failures and lets an admin reset', async () => {
    const password = readFileSync(path.join(node.db.dataDir, INITIAL_PASSWORD_FILE), 'utf8').trim();
    const login = await node.request('POST', '/api/v1/auth/login', { key: null, body: { email: 'admin@localhost', password } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'admin@localhost', role: 'admin', orgId: node.ownerOrgId });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^fraudx_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(';')[0];
    const csrf = login.body.csrfToken;
    const session = await node.request('GET', '/api/v1/auth/session', { key: null, headers: { cookie } });
    expect(session.body).toEqual(login.body);
    const body = { typology: 'romance', indicators: [{ value: '+66817778888' }] };
    const forged = await node.request('POST', '/api/v1/reports', { key: null, headers: { cookie }, body });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('csrf-failed');
    expect((await node.request('POST', '/api/v1/reports', { key: null, headers: { cookie, 'x-csrf-token': csrf }, body })).status).toBe(201);

    const made = await node.request('POST', '/api/v1/users', { key: null, headers: { cookie, 'x-csrf-token': csrf }, body: { email: 'officer@example.org', name: 'Officer', role: 'analyst' } });
    expect(made.status).toBe(201);
    for (let i = 0; i < 4; i++) {
      expect((await node.request('POST', '/api/v1/auth/login', { key: null, body: { email: 'officer@example.org', password: 'wrong password' } })).body.code).toBe('login-failed');
    }
    expect((await node.request('POST', '/api/v1/auth/login', { key: null, body: { email: 'officer@example.org', password: 'wrong password' } })).status).toBe(423);
    expect((await node.request('POST', '/api/v1/auth/login', { key: null, body: { email: 'officer@example.org', password: made.body.password } })).body.code).toBe('account-locked');
    expect((await node.request('POST', '/api/v1/auth/login', { key: null, body: { email: 'nobody@example.org', password: 'x' } })).body.code).toBe('login-failed');
    const reset = await node.request('POST', `/api/v1/users/${made.body.user.id}/reset-password`, { key: null, headers: { cookie, 'x-csrf-token': csrf }, body: { password: 'a new long password' } });
    expect(reset.status).toBe(200);
    expect((await node.request('POST', '/api/v1/auth/login', { key: null, body: { email: 'officer@example.org', password: 'a new long password' } })).status).toBe(200);

    expect((await node.request('POST', '/api/v1/auth/logout', { key: null, headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(204);
    expect((await node.request('GET', '/api/v1/auth/session', { key: null, headers: { cookie } })).status).toBe(401);
    const logins = await node.request('GET', '/api/v1/audit?action=auth.');
    expect(logins.body.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login-failed', 'auth.locked', 'auth.login-locked']));
  });

  it('verifies the audit chain, and `fraudx audit verify` finds a tampered row', async () => {
    const env = { DATABASE_URL: node.db.databaseUrl ?? '' };
    const whole = runCli(['audit', 'verify', '--json', '--data', node.db.dataDir], env);
    expect(whole.status, whole.stderr).toBe(0);
    const before = JSON.parse(whole.stdout);
    expect(before.ok).toBe(true);
    expect(before.entries).toBeGreaterThan(10);
    const victim = await node.ctx.storage.db.selectFrom('audit_log').select('seq').where('action', '=', 'marking.change').executeTakeFirstOrThrow();
    await sql`update audit_log set details = ${'{"narrowed":false}'} where seq = ${victim.seq}`.execute(node.ctx.storage.db);
    const broken = runCli(['audit', 'verify', '--data', node.db.dataDir], env);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`audit chain broken at entry ${victim.seq} (hash-mismatch)`);
  });
});
