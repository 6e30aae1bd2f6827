import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import { createRequest } from '../../src/modules/requests/requests.service.js';
import { type DemoNode, HAS_CHROMIUM, screenshot, useDemoBrowser } from './support.js';

describe.skipIf(!HAS_CHROMIUM)('cooperation request screens in Chromium', () => {
  const session = useDemoBrowser();
  let demo: DemoNode;
  let context: BrowserContext;
  let page: Page;
  let policeKey: string;
  let bankId: string;
  let errors: string[];

  const orgId = async (name: string) => (await demo.node.ctx.storage.db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const outbox = async () => (await demo.node.request('GET', '/api/v1/requests?box=outbox', { key: policeKey })).body.items as any[];

  beforeAll(async () => {
    demo = session.demo;
    policeKey = (await createApiKey(demo.node.ctx, 'system', await orgId('Cyber Crime Investigation Bureau (demo)'), 'analyst')).key;
    bankId = await orgId('Siam Andaman Bank (demo)');
  });
  beforeEach(() => {
    ({ page, context, errors } = session);
  });

  it('shows the bank its inbox of demo requests, an unacknowledged one overdue in red, the freeze with its clocks and timeline, and the ledger', async () => {
    // Sent a day ago by a clock set back, and never acknowledged: its 15-minute acknowledgement deadline has passed.
    const dayAgo = new Date(demo.node.ctx.clock.now().getTime() - 24 * 3600_000);
    const police = { orgId: await orgId('Cyber Crime Investigation Bureau (demo)'), role: 'analyst' as const, actorId: 'test', country: 'TH' };
    await createRequest({ ...demo.node.ctx, clock: { now: () => dayAgo } }, police, {
      kind: 'payment-intervention', to: bankId, urgency: 'emergency', reference: 'LATE-1', channel: 'domestic-hold', requestedAction: 'hold', summary: 'Left waiting',
      victimReportRef: 'AOC-LATE-1', legs: [{ institution: 'Siam Andaman Bank', account: { value: 'TH:002:5550001111' }, amount: '1000.00', currency: 'THB' }],
    });
    await demo.signIn(page, 'bank');
    await page.goto(demo.node.url + '/requests');
    const table = page.getByTestId('requests-table');
    await table.waitFor();
    const text = await table.textContent();
    expect(text).toContain('payment intervention');
    expect(text).toContain('Cyber Crime Investigation Bureau (demo)');
    expect(text).toContain('DEMO-CCIB-2026-0042');
    const late = table.locator('tr', { hasText: 'LATE-1' });
    expect(await late.getByTestId('overdue').textContent()).toBe('Overdue');
    expect(await late.getByTestId('overdue').evaluate((el) => getComputedStyle(el).backgroundColor)).toMatch(/^rgb\((2[0-9]{2}), ([0-9]{1,2}), ([0-9]{1,2})\)$/);
    await page.getByTestId('ledger').waitFor();
    expect(await page.getByTestId('ledger').textContent()).toContain('THB');
    await page.getByTestId('responder-metrics').getByText('Siam Andaman Bank (demo)').first().waitFor();
    await screenshot(page, 'requests-inbox');
    await table.locator('tr', { hasText: 'DEMO-CCIB-2026-0042' }).getByRole('link', { name: 'payment intervention' }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await page.getByTestId('timeline').getByText('acknowledged').first().waitFor();
    expect(await page.getByTestId('clocks').textContent()).toContain('Acknowledge by');
    expect(await page.getByTestId('legs').locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'request-page');
    expect(errors).toEqual([]);
  });

  it('refuses to send a freeze until its required contents are present, then sends it and lets the bank acknowledge it', async () => {
    const before = (await outbox()).length;
    await demo.signIn(page, 'police');
    await page.goto(demo.node.url + '/requests/new?kind=payment-intervention');
    await page.getByTestId('request-to').selectOption(bankId);
    await page.getByTestId('send-request').click();
    const refused = page.getByTestId('request-incomplete');
    await refused.waitFor();
    // The kind needs a summary and legs; Thailand's hold decree, the default basis for a Thai bank, needs the victim's alert.
    for (const field of ['summary', 'legs', 'victim report ref']) expect(await refused.textContent()).toContain(field);
    await page.getByText("Required: the victim's alert the hold rests on").waitFor();
    await page.getByTestId('error-legs').waitFor();
    expect((await outbox()).length).toBe(before);

    await page.getByTestId('field-summary').fill('Victim sent 85,000 THB to a fake investment platform at 14:02.');
    await page.getByTestId('field-victimReportRef').fill('AOC-1441-2026-555001');
    await page.getByTestId('leg-0-institution').fill('Siam Andaman Bank');
    await page.getByTestId('leg-0-account').fill('TH:002:1234567890');
    await page.getByTestId('leg-0-amount').fill('85000.00');
    await page.getByTestId('leg-0-currency').fill('THB');
    await screenshot(page, 'requests-freeze-form');
    await page.getByTestId('send-request').click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('timeline').waitFor();
    expect(await page.getByTestId('request-state').textContent()).toBe('sent');
    const sent = (await outbox()).find((r) => r.id === id);
    expect(sent).toMatchObject({ kind: 'payment-intervention', state: 'sent', to: { id: bankId }, contents: { channel: 'domestic-hold', requestedAction: 'hold' } });
    expect(sent.contents.legs).toEqual([{ institution: 'Siam Andaman Bank', account: { value: 'TH:002:1234567890' }, amount: '85000.00', currency: 'THB' }]);

    // The bank sees it and acknowledges it with the button its state allows.
    await context.clearCookies();
    await demo.signIn(page, 'bank');
    await page.goto(demo.node.url + `/requests/${id}`);
    await page.getByTestId('move-acknowledged').click();
    await page.getByTestId('confirm-move').click();
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('acknowledged');
    expect(errors).toEqual([]);
  });

  it('takes a dispute from the public through the proof-of-work and routes it to the listing organisation', async () => {
    const listed = demo.examples[0];
    await page.goto(demo.node.url + '/dispute');
    await page.getByTestId('dispute-value').fill(listed);
    await page.getByTestId('dispute-grounds').selectOption('not-mine');
    await page.getByTestId('dispute-statement').fill('This account is my shop’s; I have never sent or received money from these people.');
    await page.getByTestId('dispute-email').fill('owner@shop.example');
    await page.locator('input[type=file]').setInputFiles({ name: 'statement.txt', mimeType: 'text/plain', buffer: Buffer.from('bank statement March') });
    // The widget solves its challenge by itself; the button waits for it.
    await expect.poll(() => page.getByTestId('submit-dispute').isEnabled(), { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'public-dispute');
    await page.getByTestId('submit-dispute').click();
    await page.getByTestId('dispute-receipt').waitFor();
    const token = await page.getByTestId('dispute-token').textContent();
    const id = (await page.getByTestId('dispute-receipt').locator('code').first().textContent())!;
    const status = await demo.node.request('GET', `/api/v1/public/disputes/${id}?token=${encodeURIComponent(token!)}`, { key: null });
    expect(status.status).toBe(200);
    expect(status.body.state).toBe('sent');
    expect(errors).toEqual([]);
  });
});
