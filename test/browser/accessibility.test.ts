import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoNode, HAS_CHROMIUM, launchChromium, screenshot, seriousViolations, startDemoNode } from './support.js';

/** Each main page, as it looks once its data has arrived: the scan must see the real content. */
const PAGES: { name: string; path: (demo: DemoNode) => string; ready: string; signedIn: boolean }[] = [
  { name: 'sign-in', path: () => '/signin', ready: 'form', signedIn: false },
  { name: 'public-check', path: () => '/check', ready: '[data-testid="check-input"]', signedIn: false },
  { name: 'public-report', path: () => '/report', ready: '[data-testid="typology"]', signedIn: false },
  { name: 'public-dispute', path: () => '/dispute', ready: '[data-testid="dispute-value"]', signedIn: false },
  { name: 'dashboard', path: () => '/', ready: '[data-testid="top-networks"]', signedIn: true },
  { name: 'check', path: () => '/lookup', ready: '[data-testid="check-input"]', signedIn: true },
  { name: 'indicator', path: (d) => `/indicators/crypto-wallet/${encodeURIComponent(d.examples[1])}`, ready: '[data-testid="graph"]', signedIn: true },
  { name: 'reports', path: () => '/reports', ready: '[data-testid="reports-table"]', signedIn: true },
  { name: 'new-report', path: () => '/reports/new', ready: '[data-testid="typology"]', signedIn: true },
  { name: 'networks', path: () => '/networks', ready: '[data-testid="networks-table"]', signedIn: true },
  { name: 'intake', path: () => '/intake', ready: 'h1', signedIn: true },
  { name: 'admin', path: () => '/admin', ready: '[data-testid="orgs-table"]', signedIn: true },
];

describe.skipIf(!HAS_CHROMIUM)('accessibility of the main pages (axe-core, WCAG 2.1 AA)', () => {
  let demo: DemoNode;
  let browser: Browser;
  let signedIn: Page;
  let anonymous: Page;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoNode(), launchChromium()]);
    anonymous = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    signedIn = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await demo.signIn(signedIn, 'aoc', 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.node.close();
  });

  it.each(PAGES)('$name has no serious or critical violations', async (p) => {
    const page = p.signedIn ? signedIn : anonymous;
    await page.goto(demo.node.url + p.path(demo));
    await page.locator(p.ready).first().waitFor();
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  });

  it('shows check results, the public warning included, with no serious or critical violations', async () => {
    for (const [page, path] of [
      [anonymous, '/check'],
      [signedIn, '/lookup'],
    ] as const) {
      await page.goto(demo.node.url + path);
      await page.getByTestId('check-input').fill(demo.examples[0]);
      await page.getByTestId('check-submit').click();
      await page.getByTestId('check-verdict').waitFor();
      const violations = await seriousViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    }
  });

  it('shows the cooperation-request pages (inbox, request, forms with their gaps marked) with no serious or critical violations', async () => {
    const police = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await demo.signIn(police, 'police');
    const freeze = await demo.node.ctx.storage.db.selectFrom('requests').select('id').where('reference', '=', 'DEMO-CCIB-2026-0042').where('parent_id', 'is', null).where('kind', '=', 'payment-intervention').executeTakeFirstOrThrow();
    const scans: [string, string, (() => Promise<void>)?][] = [
      ['/requests', '[data-testid="requests-table"]'],
      [`/requests/${freeze.id}`, '[data-testid="timeline"]', async () => police.getByTestId('move-closed').click()],
      ['/requests/new?kind=payment-intervention', '[data-testid="send-request"]', async () => police.getByTestId('send-request').click()],
      ['/requests/new?kind=preservation', '[data-testid="send-request"]', async () => police.getByTestId('send-request').click()],
    ];
    for (const [path, ready, act] of scans) {
      await police.goto(demo.node.url + path);
      await police.locator(ready).first().waitFor();
      if (act) await act();
      const violations = await seriousViolations(police);
      expect(violations, `${path}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    }
  });

  it('lays the public pages out for a phone without sideways scrolling', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })).newPage();
    for (const path of ['/check', '/report', '/dispute']) {
      await phone.goto(demo.node.url + path);
      await phone.locator('h1').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
      await screenshot(phone, `phone${path.replace('/', '-')}`);
    }
  });
});
