import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import { type DemoNode, HAS_CHROMIUM, screenshot, useDemoBrowser } from './support.js';

/**
 * The "done when", through the web app on the demo data: the police unit, the bank and
 * the crypto exchange run a freeze with two onward hops, a preservation and a takedown, each
 * signed in as a person would; a listed account holder wins a dispute through the public form.
 */
describe.skipIf(!HAS_CHROMIUM)('cooperation requests end to end in Chromium, on the demo data', () => {
  const session = useDemoBrowser();
  let demo: DemoNode;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const ids: Record<string, string> = {};

  const orgId = async (name: string) => (await demo.node.ctx.storage.db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const api = async (slug: string, route: string) => {
    const key = (await createApiKey(demo.node.ctx, 'system', ids[slug], 'analyst')).key;
    const res = await demo.node.request('GET', route, { key });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Signs in afresh as another organisation's analyst, with the e-mail and password a person types. */
  const signInAs = async (slug: string) => {
    await context.clearCookies();
    await demo.signIn(page, slug);
  };
  const open = async (id: string) => {
    await page.goto(`${demo.node.url}/requests/${id}`);
    await page.getByTestId('timeline').waitFor();
  };
  const state = () => page.getByTestId('request-state').textContent();
  const makeMove = async (to: string, fill: () => Promise<void> = async () => {}) => {
    await page.getByTestId(`move-${to}`).click();
    await page.getByTestId(`move-form-${to}`).waitFor();
    await fill();
    await page.getByTestId('confirm-move').click();
    await expect.poll(state).toBe(to.replace(/_/g, ' '));
  };
  const sendFrom = async (kind: string, to: string, fill: () => Promise<void>) => {
    await page.goto(`${demo.node.url}/requests/new?kind=${kind}`);
    await page.getByTestId('request-to').selectOption(to);
    await fill();
    await page.getByTestId('send-request').click();
    // A refusal shows on the form; say what it was rather than wait for a page that will not come.
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/, { timeout: 15_000 }).catch(async (err: Error) => {
      throw new Error(`not sent: ${(await page.getByRole('alert').allTextContents()).join(' | ') || err.message}`);
    });
    await page.getByTestId('timeline').waitFor();
    return page.url().split('/').pop()!;
  };
  /** The police unit's ledger panel, one bucket of its THB row, as a number. */
  const ledgerThb = async (bucket: string) => {
    await page.goto(`${demo.node.url}/requests`);
    const cell = page.getByTestId('ledger').locator('tr', { hasText: 'THB' }).getByTestId(`ledger-${bucket}`);
    await cell.waitFor();
    return Number((await cell.textContent())!.replace(/[^0-9.]/g, ''));
  };

  beforeAll(async () => {
    demo = session.demo;
    expect(demo.passwords).toBe(true);
    ids.police = await orgId('Cyber Crime Investigation Bureau (demo)');
    ids.bank = await orgId('Siam Andaman Bank (demo)');
    ids.exchange = await orgId('Nusantara Digital Exchange (demo)');
    ids.phbank = await orgId('Manila Harbour Bank (demo)');
  });
  beforeEach(() => {
    ({ page, context, errors } = session);
  });

  it('runs a freeze from the police to the bank, follows the money through two onward hops to the exchange and a Philippine bank, and rolls a partial recovery up in the ledger', async () => {
    await signInAs('police');
    const [lostBefore, returnedBefore] = [await ledgerThb('lost'), await ledgerThb('returned')];
    const freeze = await sendFrom('payment-intervention', ids.bank, async () => {
      await page.getByTestId('field-requestedAction').selectOption('freeze');
      await page.getByTestId('field-reference').fill('E2E-FREEZE-1');
      await page.getByTestId('field-summary').fill('Victim moved 85,000 THB to a "safe account" on a fake DSI officer\'s orders.');
      await page.getByTestId('field-victimReportRef').fill('AOC-1441-2026-990001');
      await page.getByTestId('leg-0-institution').fill('Siam Andaman Bank');
      await page.getByTestId('leg-0-account').fill('TH:002:9876543210');
      await page.getByTestId('leg-0-account-kind').selectOption('bank-account');
      await page.getByTestId('leg-0-amount').fill('85000.00');
      await page.getByTestId('leg-0-currency').fill('thb');
    });

    // The bank acknowledges, then answers per leg: part held, the rest moved on in two hops.
    await signInAs('bank');
    await page.goto(`${demo.node.url}/requests`);
    await page.getByTestId('requests-table').locator('tr', { hasText: 'E2E-FREEZE-1' }).waitFor();
    await open(freeze);
    await makeMove('acknowledged');
    await makeMove('partially_held', async () => {
      await page.getByTestId('move-legs-0-status').selectOption('partially_held');
      await page.getByTestId('move-legs-0-held').fill('30000.00');
      await page.getByTestId('move-legs-0-movedOn').fill('55000.00');
      await page.getByTestId('move-legs-0-onwardHops-add').click();
      await page.getByTestId('move-legs-0-onwardHops-add').click();
      const hop = (i: number, f: string) => page.getByTestId(`move-legs-0-onwardHops-${i}-${f}`);
      await hop(0, 'to').selectOption(ids.exchange);
      await hop(0, 'institution').fill('Nusantara Digital Exchange');
      await hop(0, 'account').fill(demo.examples[1]);
      await hop(0, 'account-kind').selectOption('crypto-wallet');
      await hop(0, 'amount').fill('30000.00');
      await hop(1, 'to').selectOption(ids.phbank);
      await hop(1, 'institution').fill('Manila Harbour Bank');
      await hop(1, 'account').fill('PH:BOPIPHMM:009912345678');
      await hop(1, 'account-kind').selectOption('bank-account');
      await hop(1, 'amount').fill('25000.00');
      await screenshot(page, 'requests-leg-outcome');
    });
    // Both hops went to organisations on this node: each became a request of its own, linked from here.
    await expect.poll(() => page.getByTestId('spawned').locator('a').count()).toBe(2);
    const parent = await api('bank', `/api/v1/requests/${freeze}`);
    expect(parent.children).toHaveLength(2);
    expect(parent.legs[0]).toMatchObject({ status: 'partially_held', held: '30000.00', movedOn: '55000.00' });

    // Each onward hop is a request of its own, in the inbox of the institution the money reached.
    const children = await Promise.all(parent.children.map((c: string) => api('police', `/api/v1/requests/${c}`)));
    const toExchange = children.find((c) => c.to.id === ids.exchange);
    const toPh = children.find((c) => c.to.id === ids.phbank);
    expect(toExchange).toMatchObject({ kind: 'payment-intervention', parentId: freeze, from: { id: ids.police } });
    expect(toPh).toMatchObject({ kind: 'payment-intervention', parentId: freeze, from: { id: ids.police } });
    await signInAs('exchange');
    await page.goto(`${demo.node.url}/requests`);
    const exchangeInbox = page.getByTestId('requests-table');
    await exchangeInbox.locator(`a[href="/requests/${toExchange.id}"]`).first().click();
    await page.getByTestId('timeline').waitFor();
    await makeMove('acknowledged');
    await makeMove('held');
    expect(await page.getByTestId('legs').textContent()).toContain(demo.examples[1]);
    await signInAs('phbank');
    await page.goto(`${demo.node.url}/requests`);
    await page.getByTestId('requests-table').locator(`a[href="/requests/${toPh.id}"]`).first().waitFor();

    // The bank returns 20,000 of the 30,000 it holds to the victim: a partial recovery.
    await signInAs('bank');
    await open(freeze);
    await makeMove('recovery_pending');
    await makeMove('returned_partial', async () => {
      await page.getByTestId('move-returns-0-amount').fill('20000.00');
    });
    await signInAs('police');
    expect(await ledgerThb('lost')).toBe(lostBefore + 85_000);
    expect(await ledgerThb('returned')).toBe(returnedBefore + 20_000);
    await screenshot(page, 'requests-ledger-after-recovery');
    const ledger = await api('police', '/api/v1/ledger?currency=THB');
    expect(Number(ledger.rows[0].buckets.returned.total)).toBe(returnedBefore + 20_000);
    expect(errors).toEqual([]);
  });

  it('runs a preservation from the police to the exchange under Budapest Art. 29, and shows how long the data is preserved', async () => {
    await signInAs('police');
    await page.goto(`${demo.node.url}/requests/new?kind=preservation`);
    await page.getByTestId('request-to').selectOption(ids.exchange);
    await page.getByTestId('send-request').click();
    const refused = page.getByTestId('request-incomplete');
    await refused.waitFor();
    // Focus moves to the list of what is missing, which names each gap and links to its field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('request-incomplete');
    await refused.getByRole('button', { name: 'custodian' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-custodian-provider');
    // The kind needs what to preserve and who holds it; Art. 29(2) adds the rest.
    for (const field of ['data', 'custodian', 'requesting authority', 'offence', 'necessity', 'mla intent']) expect(await refused.textContent()).toContain(field);
    expect(await page.getByTestId('field-data').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('field-requestingAuthority-name').fill('Cyber Crime Investigation Bureau (demo)');
    await page.getByTestId('field-requestingAuthority-type').selectOption('police');
    await page.getByTestId('field-offence').fill('Fraud and money laundering');
    await page.getByTestId('field-summary').fill('Proceeds of a police-impersonation scam reached a wallet at the exchange.');
    await page.getByTestId('field-data-description').fill('KYC file, login IPs and withdrawals of the account holding the wallet');
    await page.getByTestId('field-data-categories-subscriber').check();
    await page.getByTestId('field-data-categories-traffic').check();
    await page.getByTestId('field-data-relationToOffence').fill('The wallet received 30,000 THB of the proceeds');
    await page.getByTestId('field-custodian-provider').fill('Nusantara Digital Exchange (demo)');
    await page.getByTestId('field-custodian-country').fill('id');
    await page.getByTestId('field-necessity').fill('Exchange logs are rotated after 30 days.');
    await page.getByTestId('field-mlaIntent').check();
    await page.getByTestId('field-mlaExpectedBy').fill('2027-01-15T09:00');
    await screenshot(page, 'requests-preservation-form');
    await page.getByTestId('send-request').click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const sent = await api('police', `/api/v1/requests/${id}`);
    expect(sent.contents).toMatchObject({ data: { categories: ['subscriber', 'traffic'] }, custodian: { country: 'ID' }, mlaIntent: true });
    expect(sent.legalBasis[0]).toMatchObject({ article: '29' });

    await signInAs('exchange');
    await open(id);
    await makeMove('acknowledged');
    await makeMove('preserved');
    const clocks = page.getByTestId('clocks');
    await clocks.getByText('Preserved until').waitFor();
    const view = await api('exchange', `/api/v1/requests/${id}`);
    // Budapest Art. 29(7): at least 60 days from the preservation.
    expect(new Date(view.clocks.expiresAt).getTime() - new Date(view.clocks.actedAt).getTime()).toBe(60 * 24 * 3600_000);
    const until = clocks.locator('tr', { hasText: 'Preserved until' });
    expect(await until.textContent()).toContain(String(new Date(view.clocks.expiresAt).getUTCFullYear()));
    expect(errors).toEqual([]);
  });

  it('runs a takedown from the police to the exchange and shows the time it took to take down', async () => {
    await signInAs('police');
    const id = await sendFrom('takedown', ids.exchange, async () => {
      await page.getByTestId('field-target').fill('https://nusantara-support-desk.xyz/withdraw');
      await page.getByTestId('field-target-kind').selectOption('url');
      await page.getByTestId('field-targetType').selectOption('page');
      await page.getByTestId('field-action').selectOption('remove');
      await page.getByTestId('field-evidenceSummary').fill('A fake support page of the exchange that asks for seed phrases; 6 victims reported it.');
    });
    await signInAs('exchange');
    await open(id);
    expect(await page.getByTestId('time-to-act').count()).toBe(0);
    await makeMove('taken_down');
    const view = await api('exchange', `/api/v1/requests/${id}`);
    expect(view.clocks.actedAt).not.toBeNull();
    expect(await page.getByTestId('clocks').textContent()).toContain('Time to take down');
    expect(await page.getByTestId('time-to-act').textContent()).toMatch(/^\d+(\.\d)? (min|h|d)$/);
    expect(errors).toEqual([]);
  });

  it('lets a listed account holder win a dispute through the public form; once the listing organisation upholds it the public check answers not known', async () => {
    const listed = demo.examples[0];
    await page.goto(`${demo.node.url}/check`);
    await page.getByTestId('check-input').fill(listed);
    await page.getByTestId('check-submit').click();
    expect(await page.getByTestId('check-verdict').textContent()).toContain('scam');
    await page.getByTestId('dispute-link').click();
    await page.waitForURL(/\/dispute\?value=/);
    expect(await page.getByTestId('dispute-value').inputValue()).toBe(listed);
    await page.getByTestId('dispute-grounds').selectOption('legitimate-business');
    await page.getByTestId('dispute-statement').fill('This is my noodle shop\'s account; customers pay me here. I have my business registration.');
    await page.getByTestId('dispute-email').fill('owner@noodles.example');
    // The challenge is solved by the browser itself, as for any visitor; the button waits for it.
    await expect.poll(() => page.getByTestId('submit-dispute').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('submit-dispute').click();
    await page.getByTestId('dispute-receipt').waitFor();
    const disputeId = (await page.getByTestId('dispute-receipt').locator('code').first().textContent())!;
    const token = (await page.getByTestId('dispute-token').textContent())!;

    // The organisation that listed the account answers it in the web app.
    const row = await demo.node.ctx.storage.db.selectFrom('requests').select('to_org').where('id', '=', disputeId).executeTakeFirstOrThrow();
    const user = await demo.node.ctx.storage.db.selectFrom('users').select('email').where('org_id', '=', row.to_org!).where('role', '=', 'analyst').executeTakeFirstOrThrow();
    await demo.signIn(page, user.email.replace(/^analyst@|\.demo$/g, ''));
    await page.goto(`${demo.node.url}/requests`);
    await page.getByTestId('requests-table').locator(`a[href="/requests/${disputeId}"]`).first().click();
    await page.getByTestId('timeline').waitFor();
    await makeMove('upheld', async () => {
      await page.getByTestId('move-answer').fill('The account belongs to a registered shop; the listing was wrong and is withdrawn.');
    });

    await context.clearCookies();
    await page.goto(`${demo.node.url}/check`);
    await page.getByTestId('check-input').fill(listed);
    await page.getByTestId('check-submit').click();
    await expect.poll(() => page.getByTestId('check-verdict').textContent()).toContain('No reports found');
    const status = await demo.node.request('GET', `/api/v1/public/disputes/${disputeId}?token=${encodeURIComponent(token)}`, { key: null });
    expect(status.body).toMatchObject({ state: 'upheld', answer: 'The account belongs to a registered shop; the listing was wrong and is withdrawn.' });
    const check = await demo.node.request('GET', `/api/v1/public/check?value=${encodeURIComponent(listed)}`, { key: null });
    expect(check.body.known).toBe(false);
    expect(errors).toEqual([]);
  });
});
