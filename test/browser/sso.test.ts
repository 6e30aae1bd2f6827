import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/modules/users/users.service.js';
import type { TestNode } from '../support/node.js';
import { type Account, startNodeWithProvider, type TestProvider } from '../support/oidc-provider.js';
import { HAS_CHROMIUM, launchChromium } from './support.js';

describe.skipIf(!HAS_CHROMIUM)('single sign-on in Chromium', () => {
  let node: TestNode;
  let provider: TestProvider;
  let browser: Browser;
  const accounts = new Map<string, Account>();

  beforeAll(async () => {
    [{ node, provider }, browser] = await Promise.all([startNodeWithProvider('sqlite', accounts), launchChromium()]);
    const bank = await node.orgWithKey('Andaman Bank', 'TH', 'admin');
    await createUser(node.ctx, 'system', { email: 'analyst@andaman.test', name: 'An Analyst', role: 'analyst', orgId: bank.orgId });
    accounts.set('idp-analyst', { email: 'analyst@andaman.test', email_verified: true });
    accounts.set('idp-stranger', { email: 'stranger@elsewhere.test', email_verified: true });
  });
  afterAll(async () => {
    await browser?.close();
    await node?.close();
    await provider?.close();
  });

  /** From the sign-in page through the provider's own pages: sign in, then agree to share the e-mail address. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.goto(`${node.url}/signin`);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
  }

  it('offers single sign-on on the sign-in page and comes back signed in', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInAtProvider(page, 'idp-analyst');
    await page.waitForURL((u) => u.href.startsWith(node.url));
    await page.getByTestId('role').waitFor();
    expect(await page.getByTestId('role').textContent()).toBe('Analyst');
    expect(await page.getByTestId('org-name').textContent()).toContain('Andaman Bank');
    await context.close();
  });

  it('brings a person the node does not know back to the sign-in page with what to do', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInAtProvider(page, 'idp-stranger');
    await page.waitForURL((u) => u.href.startsWith(`${node.url}/signin`));
    expect(await page.getByRole('alert').textContent()).toContain('not a user of this node');
    expect(await page.getByTestId('role').count()).toBe(0);
    await context.close();
  });
});
