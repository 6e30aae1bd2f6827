import type { AppContext } from '../../app/context.js';
import { addContact } from '../contacts/contacts.service.js';
import type { Org } from '../orgs/orgs.store.js';
import type { Principal } from '../policy/policy.js';
import { createReport } from '../reports/reports.service.js';
import { fileDispute } from '../requests/disputes.service.js';
import type { CreateRequestInput, TransitionBody } from '../requests/requests.schema.js';
import { createRequest, getRequest, moveRequest } from '../requests/requests.service.js';
import { foreignAccount, mobile, thaiAccount, tronWallet } from './demo-identifiers.js';
import { SeededRandom } from './random.js';

type DemoOrgs = Record<'aoc' | 'police' | 'bank' | 'exchange' | 'telco' | 'phbank', Org>;

const REFERENCE = 'DEMO-CCIB-2026-0042';
const MINUTE = 60_000;

/** A clock the story moves forward, so the demo's requests carry realistic response times. */
class StoryClock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  after(minutes: number): void {
    this.t += minutes * MINUTE;
  }
}

/**
 * Cooperation requests for the demo, three days ago to now: the police freeze a victim's
 * transfer at the bank, follow it to a Philippine bank and a crypto exchange, preserve the
 * exchange's records, have the telco cut the caller's number, and return part of the money; a
 * shop owner whose account was frozen by mistake wins a dispute. Runs once.
 */
export async function loadDemoRequests(ctx: AppContext, orgs: DemoOrgs): Promise<number> {
  const done = await ctx.storage.db.selectFrom('requests').select('id').where('reference', '=', REFERENCE).executeTakeFirst();
  if (done) return 0;
  const clock = new StoryClock(ctx.clock.now().getTime() - 3 * 24 * 60 * MINUTE);
  const story: AppContext = { ...ctx, clock };
  const as = (org: Org): Principal => ({ orgId: org.id, role: 'analyst', actorId: 'demo', country: org.country });
  const r = new SeededRandom(20260042);
  const move = (org: Org, id: string, body: TransitionBody) => moveRequest(story, as(org), id, body);

  for (const [org, kind, name] of [
    [orgs.bank, 'payment-intervention', 'Fraud operations 24/7 desk'],
    [orgs.exchange, '*', 'Law-enforcement response team (24/7)'],
    [orgs.telco, 'takedown', 'Network abuse desk (24/7)'],
    [orgs.police, '*', 'Duty officer, cybercrime unit (24/7)'],
  ] as const) {
    await addContact(story, { ...as(org), role: 'admin' }, { kind, role: 'primary', name, email: `duty@${org.country.toLowerCase()}-${org.sector}.demo`, phone: mobile(r, org.country), hours: '24/7', timezone: 'Asia/Bangkok' });
  }

  // 1. A freeze that follows the money through two onward hops.
  const mule = thaiAccount(r);
  const freeze = await createRequest(story, as(orgs.police), {
    kind: 'payment-intervention',
    to: orgs.bank.id,
    urgency: 'emergency',
    reference: REFERENCE,
    channel: 'domestic-hold',
    requestedAction: 'hold',
    requesterRole: 'police',
    summary: 'Victim told by a fake "DSI officer" on LINE to move savings to a "safe account"; transfer made 40 minutes before the call to 1441.',
    victimReportRef: 'AOC-1441-2026-118204',
    legs: [{ institution: 'Siam Andaman Bank', account: { value: mule, kind: 'bank-account' }, amount: '480000.00', currency: 'THB', at: clock.now().toISOString(), references: { local: 'PP-20260042-01' } }],
  } as CreateRequestInput);
  clock.after(4);
  await move(orgs.bank, freeze.id, { to: 'acknowledged' });
  clock.after(7);
  const held = await move(orgs.bank, freeze.id, {
    to: 'partially_held',
    legs: [
      {
        id: freeze.legs?.[0]?.id ?? '',
        status: 'partially_held',
        held: '150000.00',
        movedOn: '330000.00',
        onwardHops: [
          { to: orgs.phbank.id, institution: 'Manila Harbour Bank', account: { value: foreignAccount(r, 'PH', 'BOPIPHMM'), kind: 'bank-account' }, amount: '130000.00' },
          { to: orgs.exchange.id, institution: 'Nusantara Digital Exchange', account: { value: tronWallet(r), kind: 'crypto-wallet' }, amount: '200000.00' },
        ],
      },
    ],
  });
  const [toPh, toExchange] = held.children ?? [];
  clock.after(9);
  await move(orgs.exchange, toExchange, { to: 'acknowledged' });
  clock.after(14);
  await move(orgs.exchange, toExchange, { to: 'held', legs: [{ id: await firstLeg(story, as(orgs.exchange), toExchange), status: 'held', held: '200000.00' }] });
  clock.after(95);
  await move(orgs.phbank, toPh, { to: 'acknowledged' });
  clock.after(20);
  await move(orgs.phbank, toPh, { to: 'funds_moved', legs: [{ id: await firstLeg(story, as(orgs.phbank), toPh), status: 'moved', movedOn: '130000.00' }], note: 'Withdrawn in cash at an ATM in Pasay 25 minutes after arrival.' });

  // 2. Preservation of the exchange's records of the wallet, under Budapest Art. 29.
  clock.after(30);
  const preservation = await createRequest(story, as(orgs.police), {
    kind: 'preservation',
    to: orgs.exchange.id,
    urgency: 'urgent',
    reference: REFERENCE,
    requestingAuthority: { name: 'Cyber Crime Investigation Bureau (demo)', type: 'police' },
    offence: 'Fraud and money laundering (Criminal Code ss. 341, 343; AML Act s. 5)',
    summary: 'Proceeds of a police-impersonation scam reached a wallet held at the exchange.',
    data: { description: 'KYC file, login IP addresses and withdrawal records of the account holding the wallet', categories: ['subscriber', 'traffic'], relationToOffence: 'The wallet received THB 200,000 of the proceeds' },
    custodian: { provider: 'Nusantara Digital Exchange (demo)', country: 'ID' },
    necessity: 'Exchange logs are rotated after 30 days.',
    mlaIntent: true,
    indicators: [],
  } as CreateRequestInput);
  clock.after(50);
  await move(orgs.exchange, preservation.id, { to: 'acknowledged' });
  clock.after(80);
  await move(orgs.exchange, preservation.id, { to: 'preserved' });

  // 3. The caller's number is cut.
  const takedown = await createRequest(story, as(orgs.police), {
    kind: 'takedown',
    to: orgs.telco.id,
    urgency: 'urgent',
    reference: REFERENCE,
    target: { value: mobile(r, 'KH'), kind: 'phone' },
    targetType: 'number',
    action: 'terminate-number',
    evidenceSummary: 'The number called 14 victims posing as DSI officers; call records attached to the case.',
  } as CreateRequestInput);
  clock.after(35);
  await move(orgs.telco, takedown.id, { to: 'acknowledged' });
  clock.after(70);
  await move(orgs.telco, takedown.id, { to: 'taken_down', note: 'SIM suspended on NBTC instruction.' });

  // The victim's complaint keeps the bank's hold 7 days; the exchange holds under a court order.
  clock.after(600);
  await move(orgs.police, freeze.id, { to: 'hold_extended', extension: { policeComplaint: { number: 'TPO-2026-55821', agency: 'thaipoliceonline', filedAt: clock.now().toISOString() } } });
  await move(orgs.police, toExchange, { to: 'hold_extended', extension: { until: new Date(clock.now().getTime() + 30 * 24 * 60 * MINUTE).toISOString(), order: { authority: 'Criminal Court (demo)', reference: 'Or. 1123/2569' } } });

  // 4. The bank returns what it froze to the victim, after the AMLO committee's decision.
  clock.after(1800);
  await move(orgs.bank, freeze.id, { to: 'recovery_pending' });
  clock.after(30);
  await move(orgs.bank, freeze.id, { to: 'returned_partial', returns: [{ legId: freeze.legs?.[0]?.id ?? '', amount: '150000.00' }], note: 'Returned to the victim\'s account by AMLO transaction-committee decision.' });

  // 5. A shop's account frozen by mistake: its owner disputes the listing and wins.
  const shop = thaiAccount(r);
  await createReport(story, as(orgs.police), { typology: 'shopping', summary: 'Buyer said the seller never delivered.', country: 'TH', indicators: [{ value: shop, kind: 'bank-account', role: 'paid-to' }] }, { source: 'demo', dedupeKey: 'demo:requests:shop' });
  const wrongful = await createRequest(story, as(orgs.police), {
    kind: 'payment-intervention',
    to: orgs.bank.id,
    urgency: 'urgent',
    reference: 'DEMO-CCIB-2026-0057',
    channel: 'domestic-hold',
    requestedAction: 'hold',
    summary: 'Victim reports paying for a phone that never came.',
    victimReportRef: 'AOC-1441-2026-120377',
    legs: [{ institution: 'Siam Andaman Bank', account: { value: shop, kind: 'bank-account' }, amount: '12500.00', currency: 'THB' }],
  } as CreateRequestInput);
  clock.after(2);
  await move(orgs.bank, wrongful.id, { to: 'acknowledged' });
  clock.after(4);
  await move(orgs.bank, wrongful.id, { to: 'held', legs: [{ id: wrongful.legs?.[0]?.id ?? '', status: 'held', held: '12500.00' }] });
  clock.after(120);
  const dispute = await fileDispute(story, { value: shop, kind: 'bank-account' }, {
    indicator: { value: shop, kind: 'bank-account' },
    grounds: 'legitimate-business',
    statement: 'I run a phone shop. The buyer collected the phone in person; I have the receipt and the CCTV.',
    contact: { name: 'Shop owner (demo)', email: 'owner@phone-shop.demo' },
  });
  clock.after(25);
  await move(orgs.police, dispute.id, { to: 'acknowledged' });
  clock.after(150);
  await move(orgs.police, dispute.id, { to: 'upheld', answer: 'The buyer confirmed collecting the phone. The listing is removed and the hold released.' });
  return 7;
}

async function firstLeg(ctx: AppContext, principal: Principal, id: string): Promise<string> {
  return (await getRequest(ctx, principal, id)).legs?.[0]?.id ?? '';
}
