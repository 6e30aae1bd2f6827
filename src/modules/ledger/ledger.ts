import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';

/**
 * The buckets money passes through. `lost` is what victims reported; the others are where it
 * stands with the institution holding it. A movement leaves one bucket and enters another.
 */
export const LEDGER_BUCKETS = ['lost', 'held', 'frozen', 'seized', 'returned', 'released', 'wrongful'] as const;
export type LedgerBucket = (typeof LEDGER_BUCKETS)[number];

export interface LedgerParty {
  requestId: string;
  legId: string | null;
  currency: string;
  /** The organisation holding (or reporting) the money, and its country. */
  responderOrg: string;
  country: string;
  requesterOrg: string | null;
}

/**
 * Records a movement of `amount` minor units into `to`, out of `from` when given: an entry per
 * bucket, so every bucket's total inflow and current balance are plain sums.
 *
 * moveMoney(trx, party, 'held', 'frozen', 3_000_000, at) // held −30,000.00, frozen +30,000.00
 */
export async function moveMoney(trx: Transaction<Database>, party: LedgerParty, from: LedgerBucket | null, to: LedgerBucket, amount: number, at: string): Promise<void> {
  if (amount <= 0) return;
  const entry = (bucket: LedgerBucket, signed: number) => ({
    id: newId(),
    request_id: party.requestId,
    leg_id: party.legId,
    bucket,
    currency: party.currency,
    amount_minor: signed,
    responder_org: party.responderOrg,
    requester_org: party.requesterOrg,
    country: party.country,
    at,
  });
  const rows = from ? [entry(from, -amount), entry(to, amount)] : [entry(to, amount)];
  await trx.insertInto('ledger_entries').values(rows).execute();
}
