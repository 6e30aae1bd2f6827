import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { newCase, screening } from './fixtures.js';

describe.each(DIALECTS)('victim cases on %s', (dialect) => {
  let node: TestNode;
  let team: { orgId: string; key: string };
  let partner: { orgId: string; key: string };
  let other: { orgId: string; key: string };
  let teamViewer: string;
  let teamMachine: string;
  let caseId: string;

  beforeAll(async () => {
    node = await startNode(dialect);
    team = await node.orgWithKey('Anti Scam Centre', 'TH', 'analyst', 'anti-scam-centre');
    partner = await node.orgWithKey('Mekong Freedom Network', 'TH', 'analyst', 'ngo');
    other = await node.orgWithKey('Andaman Bank', 'TH', 'analyst');
    teamViewer = (await createApiKey(node.ctx, 'system', team.orgId, 'viewer')).key;
    teamMachine = (await createApiKey(node.ctx, 'system', team.orgId, 'machine')).key;
    const res = await node.request('POST', '/api/v1/cases', { key: team.key, body: newCase({ partners: [{ orgId: partner.orgId, role: 'shelter' }] }) });
    expect(res.status).toBe(201);
    caseId = res.body.id;
  });
  afterAll(async () => node?.close());

  it('creates a case with 201, its id, the person decrypted for the team, and intake as the first state', async () => {
    const res = await node.request('GET', `/api/v1/cases/${caseId}`, { key: team.key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: caseId, status: 'intake', htcdsStatus: 'Active', access: 'team', nationality: 'MM', nextStates: ['screening'] });
    expect(res.body.person).toMatchObject({ firstName: 'Aung', aliases: ['Kevin'] });
    expect(res.body.journey.map((e: { type: string }) => e.type)).toEqual(['Recruitment', 'Exploitation', 'Rescue']);
    expect(res.body.journey[0].description).toContain('job advert');
  });

  it('keeps personal fields encrypted at rest and out of the change log', async () => {
    const row = await node.ctx.storage.db.selectFrom('cases').select('personal').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.personal.startsWith('fx1:')).toBe(true);
    expect(row.personal).not.toContain('Aung');
    const events = await node.ctx.storage.db.selectFrom('case_events').select('details').where('case_id', '=', caseId).execute();
    for (const e of events) expect(e.details).not.toContain('advert');
    const log = await node.ctx.storage.db.selectFrom('change_log').select('data').where('entity', '=', 'case').execute();
    expect(log.length).toBeGreaterThan(0);
    for (const l of log) expect(l.data).not.toMatch(/Aung|Kevin|MA1234567|advert/);
  });

  // The fixed access matrix: who reads, who assists (referrals, repatriation), who manages (status, screening).
  const MATRIX = [
    { who: 'case team', read: 200, list: 1, assist: 201, manage: 200 },
    { who: 'named partner', read: 200, list: 1, assist: 201, manage: 403 },
    { who: 'other organisation', read: 404, list: 0, assist: 404, manage: 404 },
    { who: 'team viewer', read: 404, list: 403, assist: 404, manage: 404 },
    { who: 'team machine client', read: 404, list: 403, assist: 404, manage: 404 },
    { who: 'public', read: 401, list: 401, assist: 401, manage: 401 },
  ] as const;
  const keyOf = (who: (typeof MATRIX)[number]['who']): string | null =>
    ({ 'case team': team.key, 'named partner': partner.key, 'other organisation': other.key, 'team viewer': teamViewer, 'team machine client': teamMachine, public: null })[who];

  it.each(MATRIX)('gives the $who exactly: read $read, list $list, assist $assist, manage $manage', async ({ who, read, list, assist, manage }) => {
    const key = keyOf(who);
    expect((await node.request('GET', `/api/v1/cases/${caseId}`, { key })).status).toBe(read);
    const listed = await node.request('GET', '/api/v1/cases', { key });
    if (list === 0 || list === 1) expect(listed.body.items.filter((c: { id: string }) => c.id === caseId)).toHaveLength(list);
    else expect(listed.status).toBe(list);
    expect((await node.request('POST', `/api/v1/cases/${caseId}/referrals`, { key, body: { type: 'medical', toName: 'Mae Sot hospital' } })).status).toBe(assist);
    expect((await node.request('PATCH', `/api/v1/cases/${caseId}`, { key, body: { languages: ['my'] } })).status).toBe(manage);
  });

  it('audits every read of a case with who read it, in the hash-chained audit log', async () => {
    await node.request('GET', `/api/v1/cases/${caseId}`, { key: partner.key });
    const entries = await node.ctx.storage.db.selectFrom('audit_log').selectAll().where('target_type', '=', 'case').where('target_id', '=', caseId).execute();
    expect(entries.some((r) => r.action === 'case:read' && r.org_id === partner.orgId)).toBe(true);
    expect(entries.some((r) => r.org_id === other.orgId)).toBe(false);
    for (const e of entries) expect(e.details).not.toMatch(/Aung|Kevin|MA1234567/);
  });

  it('refuses a move the state table does not list with 409 and the allowed next states, and a move missing its screening', async () => {
    const bad = await node.request('POST', `/api/v1/cases/${caseId}/transitions`, { key: team.key, body: { to: 'closed', reason: 'x' } });
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({ code: 'invalid-transition', allowed: ['screening'] });
    expect((await node.request('POST', `/api/v1/cases/${caseId}/transitions`, { key: team.key, body: { to: 'screening' } })).status).toBe(200);
    const early = await node.request('POST', `/api/v1/cases/${caseId}/transitions`, { key: team.key, body: { to: 'identified' } });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/screening/);
  });

  it('records a screening as the officer decided it, and then lets the case be identified', async () => {
    const res = await node.request('POST', `/api/v1/cases/${caseId}/screenings`, { key: team.key, body: screening('presumed-victim', [{ value: '+95 9 451 234 567', kind: 'phone' }]) });
    expect(res.status).toBe(201);
    expect(res.body.notice).toMatch(/never|not compute/);
    const noInstrument = screening('presumed-victim');
    noInstrument.nonPunishment = { determination: 'applies' } as typeof noInstrument.nonPunishment;
    expect((await node.request('POST', `/api/v1/cases/${caseId}/screenings`, { key: team.key, body: noInstrument })).status).toBe(400);
    const partnerTry = await node.request('POST', `/api/v1/cases/${caseId}/screenings`, { key: partner.key, body: screening('not-indicated') });
    expect(partnerTry.status).toBe(403);
    const moved = await node.request('POST', `/api/v1/cases/${caseId}/transitions`, { key: team.key, body: { to: 'identified' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'identified', screeningOutcome: 'presumed-victim', traffickingStatus: 'PossibleVictimOfTrafficking' });
    expect(moved.body.screenings[0]).toMatchObject({ outcome: 'presumed-victim', indicatorsPresent: 3, nonPunishment: { determination: 'applies', instrument: 'ACTIP-14-7' } });
    expect(moved.body.coercedIdentifiers).toEqual([{ kind: 'phone', canonical: '+959451234567' }]);
  });

  it('runs a return home through every step, with stranded on the way, and lets the named partner move it', async () => {
    for (const to of ['assistance', 'repatriation']) expect((await node.request('POST', `/api/v1/cases/${caseId}/transitions`, { key: team.key, body: { to } })).status).toBe(200);
    expect((await node.request('POST', `/api/v1/cases/${caseId}/repatriation`, { key: partner.key, body: {} })).status).toBe(403);
    const started = await node.request('POST', `/api/v1/cases/${caseId}/repatriation`, { key: team.key, body: { mission: null, handoverPoint: 'Friendship Bridge II, Mae Sot' } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'nationality-verification', destinationCountry: 'MM', mission: null });
    const noReason = await node.request('POST', `/api/v1/cases/${caseId}/repatriation/transitions`, { key: team.key, body: { to: 'stranded' } });
    expect(noReason.status).toBe(409);
    const stranded = await node.request('POST', `/api/v1/cases/${caseId}/repatriation/transitions`, { key: team.key, body: { to: 'stranded', strandedReason: 'no-embassy' } });
    expect(stranded.body).toMatchObject({ status: 'stranded', strandedReason: 'no-embassy' });
    const board = await node.request('GET', '/api/v1/cases/repatriation-board?by=mission', { key: team.key });
    expect(board.body.groups[0]).toMatchObject({ key: null, total: 1, stranded: 1 });
    expect((await node.request('GET', '/api/v1/cases/repatriation-board?by=mission', { key: other.key })).body.groups).toEqual([]);
    const skip = await node.request('POST', `/api/v1/cases/${caseId}/repatriation/transitions`, { key: partner.key, body: { to: 'arrived' } });
    expect(skip.status).toBe(409);
    const steps = ['nationality-verification', 'travel-documents', 'clearance', 'handover-scheduled', 'handed-over', 'arrived', 'reintegration-referred'];
    for (const to of steps) {
      const res = await node.request('POST', `/api/v1/cases/${caseId}/repatriation/transitions`, { key: partner.key, body: { to, mission: 'Embassy of Myanmar, Bangkok' } });
      expect(res.status, to).toBe(200);
      expect(res.body.status).toBe(to);
    }
    const risk = await node.request('PUT', `/api/v1/cases/${caseId}/repatriation/risk`, { key: partner.key, body: { retraffickingRisk: true, reason: 'recruiter called the family' } });
    expect(risk.body.retraffickingRisk).toBe(true);
    const view = await node.request('GET', `/api/v1/cases/${caseId}`, { key: team.key });
    expect(view.body.history.filter((h: { subject: string }) => h.subject === 'repatriation').map((h: { to: string }) => h.to)).toEqual(['nationality-verification', 'stranded', ...steps, 're-trafficking-risk']);
  });

  it('moves referrals through their states with deadlines, and refuses a skipped step', async () => {
    const made = await node.request('POST', `/api/v1/cases/${caseId}/referrals`, { key: team.key, body: { type: 'legal-aid', toName: 'Lawyers Council legal aid', toOrgId: other.orgId } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'requested', overdue: false, nextStates: ['accepted', 'declined', 'cancelled'] });
    expect(Date.parse(made.body.dueAt) - Date.parse(made.body.createdAt)).toBe(7 * 86_400_000);
    // Referring to an organisation names it on the case: it may now read it.
    expect((await node.request('GET', `/api/v1/cases/${caseId}`, { key: other.key })).status).toBe(200);
    const id = made.body.id;
    expect((await node.request('POST', `/api/v1/cases/${caseId}/referrals/${id}/transitions`, { key: team.key, body: { to: 'completed' } })).status).toBe(409);
    for (const to of ['accepted', 'in-progress', 'completed']) {
      expect((await node.request('POST', `/api/v1/cases/${caseId}/referrals/${id}/transitions`, { key: other.key, body: { to } })).status).toBe(200);
    }
    const done = await node.request('POST', `/api/v1/cases/${caseId}/referrals/${id}/transitions`, { key: team.key, body: { to: 'cancelled', reason: 'late' } });
    expect(done.status).toBe(409);
  });

  it('erases the person on request but keeps the coerced-operator link and the history', async () => {
    const made = await node.request('POST', '/api/v1/cases', { key: team.key, body: newCase({ reference: 'MS-2025-0002' }) });
    const id = made.body.id;
    expect((await node.request('POST', `/api/v1/cases/${id}/erasure`, { key: partner.key })).status).toBe(404);
    const erased = await node.request('POST', `/api/v1/cases/${id}/erasure`, { key: team.key });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ person: null, reference: null, nationality: 'MM' });
    expect(erased.body.erasedAt).toBeTruthy();
    expect(erased.body.journey.every((e: { description?: string }) => e.description === undefined)).toBe(true);
    expect((await node.request('PATCH', `/api/v1/cases/${id}`, { key: team.key, body: { languages: ['th'] } })).status).toBe(409);
  });

  it('answers bad input with 400 problems, never 500', async () => {
    expect((await node.request('POST', '/api/v1/cases', { key: team.key, body: { nationality: 'XX' } })).status).toBe(400);
    expect((await node.request('POST', '/api/v1/cases', { key: team.key, body: { exploitationTypes: ['Scamming'] } })).status).toBe(400);
    expect((await node.request('POST', '/api/v1/cases', { key: team.key, body: { partners: [{ orgId: 'nope', role: 'ngo' }] } })).status).toBe(400);
    expect((await node.request('GET', '/api/v1/public/case-statistics?by=name', { key: null })).status).toBe(400);
  });
});
