import type { TestNode } from '../support/node.js';

/** A manual clock: tests move time, never wait for it. */
export class ManualClock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

const authority = { name: 'Cyber Crime Investigation Bureau', type: 'police' as const };
const data = { description: 'Subscriber and login records of the account', categories: ['subscriber', 'traffic'], relationToOffence: 'The account received victims\' payments' };

/** A complete, valid body of each kind, to the organisation `to`. */
export function validBody(kind: string, to: string): Record<string, unknown> {
  switch (kind) {
    case 'payment-intervention':
      return {
        kind,
        to,
        channel: 'domestic-hold',
        requestedAction: 'hold',
        summary: 'Victim paid a fake police officer; funds landed in a mule account.',
        victimReportRef: 'AOC-2026-000123',
        legs: [{ institution: 'Siam Andaman Bank', account: { value: 'TH:004:1234567890', kind: 'bank-account' }, amount: '100000.00', currency: 'THB', at: '2026-03-01T09:00:00Z' }],
      };
    case 'preservation':
      return { kind, to, requestingAuthority: authority, offence: 'Fraud (Criminal Code s. 341)', summary: 'Investment scam run over a chat account.', data, custodian: { provider: 'Mekong Mobile', country: 'KH' }, necessity: 'Logs are deleted after 30 days.', mlaIntent: true };
    case 'traffic-disclosure':
      return { kind, to, requestingAuthority: authority, offence: 'Fraud', summary: 'Calls to victims from a spoofed number.', data };
    case 'information':
      return { kind, to, requestingAuthority: authority, informationSought: 'KYC of the account holder', purpose: 'Identify the mule recruiter' };
    case 'mla':
      return {
        kind,
        to,
        requestingAuthority: authority,
        subjectMatter: 'Investigation of an investment-fraud ring',
        conductingAuthority: authority,
        summary: 'Eighteen victims in five countries.',
        assistanceSought: 'Production of preserved account records',
        purpose: 'Evidence for prosecution',
      };
    case 'emergency-disclosure':
      return { kind, to, requestingAuthority: authority, emergencyJustification: 'A trafficked worker is held and threatened; the account locates them.', data };
    case 'takedown':
      return { kind, to, target: { value: 'https://siam-gold-trade.top/app', kind: 'url' }, targetType: 'url', action: 'suspend', evidenceSummary: 'Fake trading site named in 18 reports.' };
    case 'redress':
      return { kind, to, indicator: { value: '+66 81 555 0199', kind: 'phone' }, grounds: 'not-mine', statement: 'This is my shop\'s number; I have had it for ten years.' };
    default:
      throw new Error(kind);
  }
}

export async function send(node: TestNode, key: string, body: Record<string, unknown>): Promise<any> {
  const res = await node.request('POST', '/api/v1/requests', { key, body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
