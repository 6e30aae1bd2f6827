import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import { type DemoNode, HAS_CHROMIUM, screenshot, useDemoBrowser } from './support.js';

describe.skipIf(!HAS_CHROMIUM)('victim case screens in Chromium', () => {
  const session = useDemoBrowser();
  let demo: DemoNode;
  let page: Page;
  let aocKey: string;
  let errors: string[];

  beforeAll(async () => {
    demo = session.demo;
    const aoc = await demo.node.ctx.storage.db.selectFrom('orgs').select('id').where('name', '=', 'Anti Online Scam Operation Centre (demo)').executeTakeFirstOrThrow();
    aocKey = (await createApiKey(demo.node.ctx, 'system', aoc.id, 'analyst')).key;
  });
  beforeEach(() => {
    ({ page, errors } = session);
  });

  it('records a screening through the form: the officer decides, and the forced-use number gains the coerced-operator flag', async () => {
    const made = await demo.node.request('POST', '/api/v1/cases', { key: aocKey, body: { reference: 'BROWSER-1', nationality: 'VN', gender: 'Feminine', exploitationTypes: ['ForcedCriminality'] } });
    expect(made.status).toBe(201);
    const id = made.body.id;
    expect((await demo.node.request('POST', `/api/v1/cases/${id}/transitions`, { key: aocKey, body: { to: 'screening' } })).status).toBe(200);
    await demo.signIn(page, 'aoc');
    await page.goto(demo.node.url + `/cases/${id}`);
    const form = page.getByTestId('screening-form');
    await form.waitFor();
    expect(await page.getByTestId('screening-notice').textContent()).toContain('never computes or suggests');
    for (const c of ['consentToInterview', 'informedOfPurpose', 'informedOfDataUse']) await page.getByTestId(`consent-${c}`).check();
    for (const name of ['deception', 'restriction-of-movement', 'retention-of-identity-documents']) {
      await page.getByTestId(`ilo-${name}`).getByText('present', { exact: true }).click();
    }
    await page.getByLabel('deception: Evidence').fill('job advert promised customer service work');
    await page.getByTestId('forced-identifiers').fill('+84 91 234 5678');
    await page.getByTestId('screening-outcome').selectOption('presumed-victim');
    await page.getByLabel('Decided by').fill('Officer B');
    await page.getByTestId('npp-determination').selectOption('applies');
    await page.getByTestId('npp-instrument').selectOption('ACTIP-14-7');
    await screenshot(page, 'case-screening-form');
    await page.getByRole('button', { name: 'Record the screening' }).click();
    await page.getByTestId('coerced-identifiers').waitFor();
    expect(await page.getByTestId('coerced-identifiers').textContent()).toContain('+84912345678');
    const view = await demo.node.request('GET', `/api/v1/cases/${id}`, { key: aocKey });
    expect(view.body.screenings[0]).toMatchObject({ outcome: 'presumed-victim', decidedBy: 'Officer B', indicatorsPresent: 3, nonPunishment: { determination: 'applies', instrument: 'ACTIP-14-7' } });
    expect(view.body.screenings[0].indicators.deception).toEqual({ presence: 'present', evidence: 'job advert promised customer service work' });
    expect(errors).toEqual([]);
  });

  it('shows the repatriation board per mission with the people who have no mission here first, in English and Thai', async () => {
    await demo.signIn(page, 'aoc');
    await page.goto(demo.node.url + '/cases/board');
    await page.getByTestId('repatriation-board').waitFor();
    await page.getByText('By mission').click();
    const first = page.getByTestId('board-group').first();
    await first.getByText('No mission in this country').waitFor();
    expect(await first.textContent()).toMatch(/Stranded: \d/);
    await screenshot(page, 'case-repatriation-board');
    await page.evaluate(() => localStorage.setItem('fraudx.language', 'th'));
    await page.reload();
    await page.getByRole('heading', { name: 'กระดานการส่งกลับ' }).waitFor();
    await page.getByText('ตามสถานเอกอัครราชทูต').click();
    await page.getByTestId('board-group').first().getByText('ไม่มีสถานเอกอัครราชทูตในประเทศนี้').waitFor();
    expect(errors).toEqual([]);
  });
});
