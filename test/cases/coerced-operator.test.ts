import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/modules/imports/import.service.js';
import { checkFromStorage } from '../../src/modules/check/check.storage.js';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { newCase, screening } from './fixtures.js';

const PHONE = '+66 81 555 0101';
const PHONE_CANONICAL = '+66815550101';
const WALLET = 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE';

describe.each(DIALECTS)('the coerced-operator flag on %s', (dialect) => {
  let node: TestNode;
  let team: { orgId: string; key: string };
  let bank: { orgId: string; key: string };
  let caseId: string;
  const check = async (value: string, key?: string) => (await node.request('POST', '/api/v1/check', { key, body: { items: [{ value }] } })).body.results[0];

  beforeAll(async () => {
    node = await startNode(dialect);
    team = await node.orgWithKey('Anti Scam Centre', 'TH', 'analyst', 'anti-scam-centre');
    bank = await node.orgWithKey('Andaman Bank', 'TH', 'machine');
    const report = { typology: 'pig-butchering', country: 'SG', indicators: [{ value: PHONE, kind: 'phone', role: 'caller' }] };
    expect((await node.request('POST', '/api/v1/reports', { body: report })).status).toBe(201);
    caseId = (await node.request('POST', '/api/v1/cases', { key: team.key, body: newCase() })).body.id;
    await node.request('POST', `/api/v1/cases/${caseId}/transitions`, { key: team.key, body: { to: 'screening' } });
  });
  afterAll(async () => node?.close());

  it('is absent before any screening links the number', async () => {
    const before = await check(PHONE, bank.key);
    expect(before).toMatchObject({ canonical: PHONE_CANONICAL, known: true, reports: 1 });
    expect('coercedOperator' in before).toBe(false);
  });

  it('appears next to known once a person screened as presumed victim was forced to operate the number, and changes nothing else', async () => {
    const before = await check(PHONE, bank.key);
    const res = await node.request('POST', `/api/v1/cases/${caseId}/screenings`, { key: team.key, body: screening('presumed-victim', [{ value: PHONE, kind: 'phone' }, { value: WALLET, kind: 'crypto-wallet' }]) });
    expect(res.status).toBe(201);
    const after = await check(PHONE, bank.key);
    // Still a warning — the number was used to defraud — with the flag beside `known`; counts and score unchanged.
    expect(after).toEqual({ ...before, coercedOperator: true });
    // Partners learn the flag, never the person or the case.
    expect(JSON.stringify(after)).not.toMatch(new RegExp(`${caseId}|Aung|Kevin|MM`));
  });

  it('gives a forced-use identifier nobody reported no listing: it stays unknown until reported, then warns with the flag', async () => {
    expect(await check(WALLET, bank.key)).toEqual({ value: WALLET, kind: 'crypto-wallet', canonical: `tron:${WALLET}`, known: false });
    const report = { typology: 'crypto-investment', country: 'TH', indicators: [{ value: WALLET, kind: 'crypto-wallet', role: 'wallet' }] };
    expect((await node.request('POST', '/api/v1/reports', { body: report })).status).toBe(201);
    expect(await check(WALLET, bank.key)).toMatchObject({ known: true, reports: 1, coercedOperator: true });
  });

  it('is carried by an import of listings, whether its batch is compared value by value or in memory', async () => {
    // Another person, forced to operate two numbers nobody has listed yet.
    const other = (await node.request('POST', '/api/v1/cases', { key: team.key, body: newCase() })).body.id;
    await node.request('POST', `/api/v1/cases/${other}/transitions`, { key: team.key, body: { to: 'screening' } });
    const forced = ['+66 81 555 0202', '+66 81 555 0303'];
    const screened = await node.request('POST', `/api/v1/cases/${other}/screenings`, { key: team.key, body: screening('presumed-victim', forced.map((value) => ({ value, kind: 'phone' }))) });
    expect(screened.status).toBe(201);
    const importer = { orgId: node.ownerOrgId, role: 'admin' as const, actorId: 'import', country: 'TH' };
    const listing = (value: string) => JSON.stringify({ value, typology: 'investment', country: 'TH' });
    // A small file is compared value by value; a large one against every coerced identifier at once.
    const files = [
      [forced[0], '+66 81 777 0001'],
      [forced[1], ...Array.from({ length: 1500 }, (_, i) => `+66 82 ${1_000_000 + i}`)],
    ];
    for (const [i, values] of files.entries()) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'fraudx-coerced-')), `listings-${i}.jsonl`);
      writeFileSync(file, `${values.map(listing).join('\n')}\n`);
      const summary = await importFile(node.ctx, importer, file);
      expect(summary.accepted).toBe(values.length);
      rmSync(path.dirname(file), { recursive: true });
    }
    for (const value of forced) expect(await check(value, bank.key)).toMatchObject({ known: true, coercedOperator: true });
    for (const value of ['+66 81 777 0001', '+66 82 1000000', '+66 82 1001499']) {
      const answer = await check(value, bank.key);
      expect(answer).toMatchObject({ known: true });
      expect('coercedOperator' in answer).toBe(false);
    }
  });

  it('shows the number in networks as operated under coercion, and its neighbours without the flag', async () => {
    const analyst = await node.orgWithKey('Lion City Payments', 'SG', 'analyst');
    const around = await node.request('GET', `/api/v1/indicators/phone/${encodeURIComponent(PHONE_CANONICAL)}/neighbourhood?depth=1&limit=50`, { key: analyst.key });
    expect(around.status).toBe(200);
    expect(around.body.center).toMatchObject({ kind: 'phone', value: PHONE_CANONICAL, coercedOperator: true });
    const wallet = await node.request('GET', `/api/v1/indicators/crypto-wallet/${encodeURIComponent(`tron:${WALLET}`)}/neighbourhood?depth=1&limit=50`, { key: analyst.key });
    expect(wallet.body.center.coercedOperator).toBe(true);
    expect(JSON.stringify(around.body)).not.toMatch(new RegExp(`${caseId}|Aung|Kevin`));
  });

  it('keeps the public check as it was: bare facts, no flag, no case', async () => {
    const res = await node.request('GET', `/api/v1/public/check?value=${encodeURIComponent(PHONE)}`, { key: null });
    expect(res.status).toBe(200);
    // Whether the public learns it is known is the markings' business; the flag and the case are never there.
    expect(Object.keys(res.body).sort()).toEqual(['advice', 'canonical', 'kind', 'known', 'reports', 'typologies']);
    expect(JSON.stringify(res.body)).not.toMatch(/coerced|Aung|Kevin/);
  });

  it('is carried when the index is built from storage (a restart, or the CLI check)', async () => {
    const owner = { orgId: node.ownerOrgId, role: 'admin' as const, actorId: 'test', country: 'TH' };
    const [phone] = await checkFromStorage(node.ctx, owner, [{ value: PHONE }]);
    expect(phone).toMatchObject({ known: true, coercedOperator: true });
  });

  it('goes when a later screening records not indicated, and comes back with presumed victim', async () => {
    await node.request('POST', `/api/v1/cases/${caseId}/screenings`, { key: team.key, body: screening('not-indicated') });
    const off = await check(PHONE, bank.key);
    expect(off).toMatchObject({ known: true });
    expect('coercedOperator' in off).toBe(false);
    const around = await node.request('GET', `/api/v1/indicators/phone/${encodeURIComponent(PHONE_CANONICAL)}/neighbourhood?depth=1`, { key: node.adminKey });
    expect('coercedOperator' in around.body.center).toBe(false);
    await node.request('POST', `/api/v1/cases/${caseId}/screenings`, { key: team.key, body: screening('inconclusive-referred') });
    expect(await check(PHONE, bank.key)).toMatchObject({ known: true, coercedOperator: true });
  });

  it('stays after the person asks for their data to be erased', async () => {
    expect((await node.request('POST', `/api/v1/cases/${caseId}/erasure`, { key: team.key })).status).toBe(200);
    expect(await check(PHONE, bank.key)).toMatchObject({ known: true, coercedOperator: true });
  });
});
