/**
 * `npm run screenshots`: the README's pictures of the dashboard, check, indicator and network
 * pages, taken in Chromium from a node with the demo data. With `--url URL --key KEY` it uses a
 * node you already run (after `fraudx demo`); without, it starts its own on a free port.
 * Writes docs/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildIfStale } from '../../web/build-if-stale.mjs';
import { ROOT } from '../support/process.js';
import { launchChromium, startDemoNode } from './support.js';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  await buildIfStale();
  const ownNode = arg('url') ? null : await startDemoNode();
  const url = arg('url') ?? ownNode!.node.url;
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, locale: 'en-GB' })).newPage();
  if (ownNode) await ownNode.signIn(page, 'aoc');
  else {
    await page.goto(url + '/signin');
    await page.getByTestId('api-key').fill(arg('key') ?? '');
    await page.getByRole('button', { name: 'Sign in with the key' }).click();
    await page.getByTestId('role').waitFor();
  }
  mkdirSync(OUT, { recursive: true });
  const shot = async (p: Page, name: string) => {
    // Charts and the graph settle after their data arrives.
    await p.waitForTimeout(800);
    await p.screenshot({ path: path.join(OUT, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };

  await page.goto(url + '/');
  await page.getByTestId('top-networks').waitFor();
  await shot(page, 'dashboard');

  await page.goto(url + '/lookup');
  const wallet = 'tron:TQj33KZEWUJSXkkcH14PsCXpEwdCxUv9Xr';
  await page.getByTestId('check-input').fill(wallet);
  await page.getByTestId('detected-kind').waitFor();
  await page.getByTestId('check-submit').click();
  await page.getByTestId('check-verdict').waitFor();
  await shot(page, 'check');

  await page.getByTestId('indicator-link').click();
  await page.getByTestId('graph').waitFor();
  await shot(page, 'indicator');

  await page.goto(url + '/networks');
  await page.locator('[data-testid="networks-table"] tbody tr a').first().click();
  await page.getByTestId('graph').waitFor();
  await shot(page, 'network');

  await browser.close();
  await ownNode?.node.close();
}

await main();
