import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadDemo } from '../../src/modules/demo/demo.js';
import { createApiKey } from '../../src/modules/orgs/orgs.service.js';
import type { Role } from '../../src/modules/policy/roles.js';
import { ROOT } from '../support/process.js';
import { startNode, type TestNode } from '../support/node.js';

export const CHROMIUM = process.env.FRAUDX_CHROMIUM ?? '/usr/bin/chromium';
/** The browser tests need Debian's Chromium (`apt-get install chromium`; CI installs it). */
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.error(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set FRAUDX_CHROMIUM)`);
export const SCREENSHOTS = path.join(ROOT, 'test', 'screenshots');
export const DEMO_PASSWORD = 'fraudx-demo';

/** Debian's Chromium, headless, as docs in STACK describe: WebGL through SwiftShader, no network noise. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface DemoNode {
  node: TestNode;
  /** Values the demo reports name: a mule account, a wallet, a handle, and an allowlisted hotline. */
  examples: string[];
  /** Whether the demo users can sign in with their password (sessions and demo users exist). */
  passwords: boolean;
  /** Signs a page in as the demo user of an organisation (analyst@<slug>.demo), or with a key of that organisation and role. */
  signIn(page: Page, slug: string, role?: Role): Promise<void>;
}

/** A real node on loopback with the documented demo data loaded, serving the built web app. */
export async function startDemoNode(): Promise<DemoNode> {
  const node = await startNode('sqlite');
  const { examples } = await loadDemo(node.ctx);
  // Demo users sign in with their password once the node has sessions and the demo makes users;
  // until then the tests sign in with an API key of the same organisation.
  const probe = await node.request('POST', '/api/v1/auth/login', { key: null, body: { email: 'analyst@aoc.demo', password: DEMO_PASSWORD } });
  const passwords = probe.status === 200;
  const keys = new Map<string, string>();

  const keyFor = async (slug: string, role: Role) => {
    const cached = keys.get(`${slug}:${role}`);
    if (cached) return cached;
    const orgs = await node.ctx.storage.db.selectFrom('orgs').select(['id', 'name']).execute();
    const org = orgs.find((o) => demoSlug(o.name) === slug) ?? orgs.find((o) => o.id === node.ownerOrgId)!;
    const { key } = await createApiKey(node.ctx, 'system', org.id, role);
    keys.set(`${slug}:${role}`, key);
    return key;
  };

  return {
    node,
    examples,
    passwords,
    async signIn(page, slug, role = 'analyst') {
      await page.goto(node.url + '/signin');
      if (passwords && role === 'analyst') {
        await page.getByTestId('email').fill(`analyst@${slug}.demo`);
        await page.getByTestId('password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      } else {
        await page.getByTestId('api-key').fill(await keyFor(slug, role));
        await page.getByRole('button', { name: 'Sign in with the key' }).click();
      }
      await page.getByTestId('role').waitFor();
    },
  };
}

/** What a browser suite works with: one demo node and Chromium per file, a fresh page per test. */
export interface DemoBrowser {
  demo: DemoNode;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors (and, when asked for, console errors) of the current test's page. */
  errors: string[];
}

/**
 * Registers the hooks every browser suite needs, inside its describe block: the node and browser
 * start once, each test gets its own context (no cookies leak between tests) and error list.
 * Read the fields in tests or in the suite's own hooks, which run after these.
 */
export function useDemoBrowser(options: { consoleErrors?: boolean } = {}): DemoBrowser {
  const session = {} as DemoBrowser;
  beforeAll(async () => {
    [session.demo, session.browser] = await Promise.all([startDemoNode(), launchChromium()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.demo?.node.close();
  });
  beforeEach(async () => {
    session.context = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    session.page = await session.context.newPage();
    const errors: string[] = [];
    session.errors = errors;
    session.page.on('pageerror', (err) => errors.push(err.message));
    if (options.consoleErrors) {
      session.page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
    }
  });
  afterEach(async () => session.context?.close());
  return session;
}

const SLUGS: Record<string, string> = {
  'Anti Online Scam Operation Centre (demo)': 'aoc',
  'Cyber Crime Investigation Bureau (demo)': 'police',
  'Siam Andaman Bank (demo)': 'bank',
  'Mekong Mobile (demo)': 'telco',
  'Lion City Payments (demo)': 'sgpay',
  'Manila Harbour Bank (demo)': 'phbank',
  'Nusantara Digital Exchange (demo)': 'exchange',
  'Mekong Freedom Network (demo)': 'ngo',
};

function demoSlug(name: string): string | undefined {
  return SLUGS[name];
}

/** Saves a full-page screenshot for a person to look at (test/screenshots is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (WCAG 2.1 A and AA rules) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the debugging protocol: the page's own policy forbids inline scripts, as it should.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
