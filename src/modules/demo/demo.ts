import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { recordListings, type ListingInput } from '../indicators/indicators.listings.js';
import { createOrg } from '../orgs/orgs.service.js';
import { listOrgs, type Org } from '../orgs/orgs.store.js';
import type { Principal } from '../policy/policy.js';
import type { CreateReportBody } from '../reports/reports.schema.js';
import { createReport } from '../reports/reports.service.js';
import { createSighting } from '../sightings/sightings.service.js';
import type { Typology } from '../typologies/typologies.js';
import { domain, evmWallet, foreignAccount, handle, mobile, thaiAccount, tronWallet } from './demo-identifiers.js';
import { SeededRandom } from './random.js';
import { demoMarking, ensureDemoGroup, ensureDemoUsers } from './demo-trust.js';
import { loadDemoRequests } from './demo-requests.js';
import { loadDemoCases } from './demo-cases.js';

/** The organisations of the demo: invented names, real kinds of partner. docs/demo.md lists them. */
const DEMO_ORGS = [
  { key: 'aoc', name: 'Anti Online Scam Operation Centre (demo)', country: 'TH', sector: 'anti-scam-centre' },
  { key: 'police', name: 'Cyber Crime Investigation Bureau (demo)', country: 'TH', sector: 'law-enforcement' },
  { key: 'bank', name: 'Siam Andaman Bank (demo)', country: 'TH', sector: 'bank' },
  { key: 'telco', name: 'Mekong Mobile (demo)', country: 'KH', sector: 'telco' },
  { key: 'sgpay', name: 'Lion City Payments (demo)', country: 'SG', sector: 'payment-provider' },
  { key: 'phbank', name: 'Manila Harbour Bank (demo)', country: 'PH', sector: 'bank' },
  { key: 'exchange', name: 'Nusantara Digital Exchange (demo)', country: 'ID', sector: 'crypto-exchange' },
  { key: 'ngo', name: 'Mekong Freedom Network (demo)', country: 'TH', sector: 'ngo' },
] as const;
type OrgKey = (typeof DEMO_ORGS)[number]['key'];

export interface DemoSummary {
  orgs: number;
  reports: number;
  newReports: number;
  listings: number;
  sightings: number;
  examples: string[];
}

interface NetworkSpec {
  name: string;
  typologies: Typology[];
  channel: CreateReportBody['channel'];
  victims: string[];
  reporters: OrgKey[];
  reports: number;
  currency: Record<string, string>;
  shared: { value: string; kind: string; role: NonNullable<CreateReportBody['indicators'][number]['role']> }[];
  perReport: (r: SeededRandom, country: string) => CreateReportBody['indicators'];
  summary: string;
}

/**
 * Loads the demo data set: eight organisations in six countries, three criminal networks that
 * share mule accounts, wallets, numbers and handles across borders, lone scams, and the blocks
 * and false-positive feedback that move scores. Deterministic and safe to run twice.
 */
export async function loadDemo(ctx: AppContext, options: { sharedData?: string } = {}): Promise<DemoSummary> {
  const r = new SeededRandom(20251215);
  const orgs = await ensureOrgs(ctx);
  const as = (key: OrgKey): Principal => ({ orgId: orgs[key].id, role: 'analyst', actorId: 'demo', country: orgs[key].country });
  await ensureDemoUsers(ctx, orgs);
  const groupId = await ensureDemoGroup(ctx, as('aoc'), [orgs.police.id, orgs.bank.id]);
  const now = ctx.clock.now().getTime();
  const daysAgo = (d: number) => new Date(now - d * 86_400_000 - r.int(0, 86_399) * 1000).toISOString();

  const muleA = [thaiAccount(r), thaiAccount(r)];
  const tronA = tronWallet(r);
  const networks: NetworkSpec[] = [
    {
      name: 'investment ring run from a compound near the Cambodian border',
      typologies: ['pig-butchering', 'crypto-investment', 'investment'],
      channel: 'messaging',
      victims: ['TH', 'SG', 'PH', 'MY', 'VN'],
      reporters: ['aoc', 'police', 'sgpay', 'phbank'],
      reports: 18,
      currency: { TH: 'THB', SG: 'SGD', PH: 'PHP', MY: 'MYR', VN: 'VND' },
      shared: [
        { value: muleA[0], kind: 'bank-account', role: 'paid-to' },
        { value: muleA[1], kind: 'bank-account', role: 'paid-to' },
        { value: tronA, kind: 'crypto-wallet', role: 'wallet' },
        { value: handle('telegram', 'goldtrade_mentor_amy'), kind: 'handle', role: 'contact' },
        { value: domain('siam-gold-trade.top'), kind: 'domain', role: 'website' },
      ],
      perReport: (rr) => [{ value: mobile(rr, 'KH'), kind: 'phone', role: 'caller' }],
      summary: 'Met "Amy" on a dating app; moved to Telegram; coached to buy gold futures on a trading site; paid in several transfers; withdrawal refused until "tax" paid.',
    },
    {
      name: 'police-impersonation call centre',
      typologies: ['impersonation-police', 'call-centre'],
      channel: 'phone',
      victims: ['TH'],
      reporters: ['aoc', 'police', 'bank'],
      reports: 14,
      currency: { TH: 'THB' },
      shared: [
        { value: thaiAccount(r), kind: 'bank-account', role: 'mule' },
        { value: handle('line', 'dsi.officer.case'), kind: 'handle', role: 'contact' },
        { value: mobile(r, 'TH'), kind: 'phone', role: 'caller' },
      ],
      perReport: (rr) => [
        { value: mobile(rr, 'TH'), kind: 'phone', role: 'caller' },
        { value: thaiAccount(rr), kind: 'bank-account', role: 'paid-to' },
      ],
      summary: 'Caller said a parcel in the victim\'s name held drugs; a "police officer" on LINE video asked for all savings to be "verified" in a safe account.',
    },
    {
      name: 'task-scam network paying out through an exchange',
      typologies: ['job-task'],
      channel: 'messaging',
      victims: ['PH', 'SG', 'VN', 'ID', 'TH'],
      reporters: ['phbank', 'sgpay', 'exchange', 'aoc'],
      reports: 16,
      currency: { PH: 'PHP', SG: 'SGD', VN: 'VND', ID: 'IDR', TH: 'THB' },
      shared: [
        { value: evmWallet(r), kind: 'crypto-wallet', role: 'wallet' },
        { value: handle('telegram', 'hr_recruit_tasks'), kind: 'handle', role: 'contact' },
        { value: handle('whatsapp', mobile(r, 'MY')), kind: 'handle', role: 'contact' },
        { value: foreignAccount(r, 'PH', 'BOPIPHMM'), kind: 'bank-account', role: 'paid-to' },
      ],
      perReport: (rr) => [{ value: evmWallet(rr), kind: 'crypto-wallet', role: 'wallet' }],
      summary: 'Offered paid "product rating" tasks; small first payouts; then asked to top up in USDT to unlock commission.',
    },
  ];

  let reports = 0;
  let newReports = 0;
  let serial = 0;
  for (const net of networks) {
    for (let i = 0; i < net.reports; i++) {
      serial += 1;
      const country = r.pick(net.victims);
      const reporter = r.pick(net.reporters);
      const shared = net.shared.filter(() => r.next() < 0.6);
      if (shared.length === 0) shared.push(r.pick(net.shared));
      const body: CreateReportBody = {
        typology: r.pick(net.typologies),
        summary: net.summary,
        occurredAt: daysAgo(r.int(1, 150)),
        country,
        channel: net.channel,
        loss: { amount: `${r.int(5, 900) * 1000}.00`, currency: net.currency[country] === 'VND' || net.currency[country] === 'IDR' ? 'USD' : net.currency[country] },
        indicators: [...shared.map((s) => ({ value: s.value, kind: s.kind as 'phone', role: s.role })), ...net.perReport(r, country)],
        marking: demoMarking(reporter, serial, groupId),
      };
      const { created } = await createReport(ctx, as(reporter), body, { source: 'demo', dedupeKey: `demo:${serial}` });
      reports += 1;
      if (created) newReports += 1;
    }
  }
  const lone: [Typology, CreateReportBody['indicators'], string][] = [
    ['shopping', [{ value: mobile(r, 'TH'), kind: 'phone', role: 'contact' }, { value: thaiAccount(r), kind: 'bank-account', role: 'paid-to' }], 'Paid for a phone on a marketplace; seller vanished.'],
    ['phishing', [{ value: 'hxxps://scb-secure-login[.]top/verify', kind: 'url', role: 'link' }], 'SMS said the account was locked and linked to a fake bank page.'],
    ['loan', [{ value: handle('line', 'fastloan.easy99'), kind: 'handle', role: 'contact' }], 'Loan app asked for a "guarantee fee" before paying out.'],
    ['impersonation-bank', [{ value: '02 888 8888', kind: 'phone', role: 'caller' }], 'Caller ID spoofed the bank\'s real hotline; the number itself is the bank\'s.'],
  ];
  for (const [typology, indicators, summary] of lone) {
    serial += 1;
    const body: CreateReportBody = { typology, summary, occurredAt: daysAgo(r.int(1, 60)), country: 'TH', channel: 'phone', indicators, marking: demoMarking('aoc', serial, groupId) };
    const { created } = await createReport(ctx, as('aoc'), body, { source: 'demo', dedupeKey: `demo:${serial}` });
    reports += 1;
    if (created) newReports += 1;
  }

  let sightings = 0;
  if (newReports > 0) {
    // Blocks feed the score; a false-positive report shows the other side.
    for (const account of muleA) {
      await createSighting(ctx, as('bank'), { value: account, kind: 'bank-account', type: 'blocked' });
      sightings += 1;
    }
    await createSighting(ctx, as('exchange'), { value: tronA, kind: 'crypto-wallet', type: 'blocked' });
    await createSighting(ctx, as('telco'), { value: networks[1].shared[2].value, kind: 'phone', type: 'blocked' });
    sightings += 2;
  }

  await loadDemoCases(ctx, as, [networks[0].shared[3].value, networks[2].shared[1].value]);
  const listings = options.sharedData ? await listSharedData(ctx, as('aoc'), options.sharedData) : 0;
  await loadDemoRequests(ctx, orgs);
  return {
    orgs: DEMO_ORGS.length,
    reports,
    newReports,
    listings,
    sightings,
    examples: [muleA[0], tronA, 'telegram:goldtrade_mentor_amy', '+6628888888'],
  };
}

async function ensureOrgs(ctx: AppContext): Promise<Record<OrgKey, Org>> {
  const existing = new Map((await listOrgs(ctx.storage.db)).map((o) => [o.name, o]));
  const out = {} as Record<OrgKey, Org>;
  for (const spec of DEMO_ORGS) {
    out[spec.key] = existing.get(spec.name) ?? (await createOrg(ctx, 'system', { name: spec.name, country: spec.country, sector: spec.sector }));
  }
  return out;
}

// Already public lists: published as such.
const PUBLIC_DATA = { tlp: 'clear', distribution: 'public' } as const;

/** Lists public scam data (docs/demo.md): Chilean and Turkish spam callers and Polkadot phishing domains. */
async function listSharedData(ctx: AppContext, principal: Principal, dir: string): Promise<number> {
  const items: ListingInput[] = [];
  const chile = path.join(dir, 'phone-spam', 'chile-spam.csv');
  if (existsSync(chile)) {
    for (const line of readFileSync(chile, 'utf8').split('\n').slice(1)) {
      const number = line.split(',')[0]?.trim();
      if (number) items.push({ value: number, kind: 'phone', typology: 'call-centre', country: 'CL', marking: PUBLIC_DATA });
    }
  }
  const phishing = path.join(dir, 'polkadot-phishing', 'all.json');
  if (existsSync(phishing)) {
    const { deny } = JSON.parse(readFileSync(phishing, 'utf8')) as { deny: string[] };
    for (const d of deny.slice(0, 5000)) items.push({ value: d, kind: 'domain', typology: 'crypto-investment', marking: PUBLIC_DATA });
  }
  let listed = 0;
  for (let i = 0; i < items.length; i += 2000) {
    const outcomes = await recordListings(ctx, principal, items.slice(i, i + 2000));
    listed += outcomes.filter((o) => o.status !== 'rejected').length;
  }
  return listed;
}
