/**
 * `node --import tsx bench/web-dashboard.ts [--runs N]`: how long the dashboard takes to be
 * usable in Chromium on loopback, from navigation start until its figures, its three charts and
 * its top networks are on screen: with an empty HTTP cache (a first load) and with the cache
 * the first load filled. Prints JSON.
 */
import type { Page } from 'playwright-core';
import { buildIfStale } from '../web/build-if-stale.mjs';
import { launchChromium, startDemoNode } from '../test/browser/support.js';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 10;

async function ready(page: Page): Promise<number> {
  await page.getByTestId('top-networks').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart"] canvas').length >= 3);
  return page.evaluate(() => performance.now());
}

await buildIfStale({ quiet: true });
const demo = await startDemoNode();
const browser = await launchChromium();
const first: number[] = [];
const cached: number[] = [];
for (let i = 0; i < RUNS + 1; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await demo.signIn(page, 'aoc');
  // Signing in loaded the app once; emptying the HTTP cache makes the next load a first one.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await page.goto(demo.node.url + '/');
  const coldMs = await ready(page);
  await page.goto(demo.node.url + '/');
  const warmMs = await ready(page);
  // The first run warms the node's own caches and is not counted.
  if (i > 0) {
    first.push(coldMs);
    cached.push(warmMs);
  }
  await context.close();
}
await browser.close();
await demo.node.close();

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { medianMs: Math.round(s[Math.floor(s.length / 2)]), p95Ms: Math.round(s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]), maxMs: Math.round(s[s.length - 1]) };
};
console.log(JSON.stringify({ benchmark: 'web-dashboard-first-load', runs: RUNS, emptyCache: stats(first), withCache: stats(cached), targetMs: 2000 }, null, 2));
