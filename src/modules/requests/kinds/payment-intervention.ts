import { z } from 'zod';
import { amount, clock, close, currency, either, eitherOrNode, indicatorRef, isoTime, recipient, text, withdraw } from './fields.js';
import { formHint } from './describe.js';
import type { KindDefinition } from './kind.js';

export const PAYMENT_CHANNELS = ['domestic-hold', 'interbank', 'swift-recall', 'igrip', 'issuer-freeze', 'exchange-freeze', 'court-order'] as const;

export const legInput = formHint(
  z.strictObject({
  institution: text(200).describe('Bank, payment provider, exchange or token issuer holding the account (BIC or name).'),
  account: indicatorRef.describe('The beneficiary account, IBAN, wallet or payment alias.'),
  amount,
  currency,
  at: isoTime.optional().describe('When the money arrived (value date-time, UTC).'),
  references: z
    .strictObject({ uetr: z.uuid().optional(), endToEndId: text(64).optional(), local: text(100).optional(), txHash: text(200).optional(), chain: text(40).optional(), tokenContract: text(200).optional() })
    .optional(),
  }),
  'leg',
);
export type LegInput = z.infer<typeof legInput>;

/** Hold, freeze, recall or refund of transfers and wallets: research notes §3.6. */
export const paymentIntervention: KindDefinition = {
  kind: 'payment-intervention',
  title: 'Payment intervention (hold, freeze, recall)',
  fields: {
    channel: z.enum(PAYMENT_CHANNELS).optional(),
    requestedAction: z.enum(['hold', 'freeze', 'recall-refund', 'blacklist', 'burn-reissue']).optional(),
    requesterRole: z.enum(['victim', 'bank', 'police', 'fiu', 'ncb', 'anti-scam-centre']).optional(),
    reasonCode: z.string().regex(/^[A-Z]{4}$/).optional().describe('ISO 20022 cancellation reason, e.g. FRAD.'),
    summary: text().optional(),
    victimReportRef: text(100).optional(),
    policeReport: z.strictObject({ number: text(100), agency: text(200), filedAt: isoTime }).optional(),
    victimConsent: z.boolean().optional().describe('The victim agrees to their data crossing borders.'),
    legs: z.array(legInput).max(100).optional(),
  },
  required: [
    { field: 'channel', why: 'the route the intervention takes decides who may act' },
    { field: 'requestedAction', why: 'hold, freeze or recall are different powers' },
    { field: 'summary', why: 'the responder must see why the money is suspect' },
    { field: 'legs', why: 'the transfers to stop: institution, account, amount, currency' },
  ],
  defaultBasis: { TH: 'th-tech-crime-decree-hold', '*': 'partnership-agreement' },
  moves: {
    sent: { acknowledged: recipient(), rejected: recipient('ground'), withdrawn: withdraw },
    acknowledged: { held: recipient('legs'), partially_held: recipient('legs'), funds_moved: recipient('legs'), rejected: recipient('ground'), withdrawn: withdraw },
    held: { hold_extended: either('extension'), recovery_pending: either(), released: eitherOrNode('reason'), lapsed: clock },
    partially_held: { hold_extended: either('extension'), recovery_pending: either(), released: eitherOrNode('reason'), lapsed: clock },
    hold_extended: { hold_extended: either('extension'), seized: either('order'), recovery_pending: either(), released: eitherOrNode('reason'), lapsed: clock },
    seized: { recovery_pending: either(), returned_full: recipient('returns'), returned_partial: recipient('returns') },
    recovery_pending: { returned_full: recipient('returns'), returned_partial: recipient('returns'), unrecoverable: either('reason'), released: eitherOrNode('reason'), lapsed: clock },
    returned_partial: { returned_partial: recipient('returns'), returned_full: recipient('returns'), ...close },
    funds_moved: close,
    returned_full: close,
    unrecoverable: close,
    released: close,
    lapsed: close,
    rejected: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['held', 'partially_held', 'funds_moved', 'rejected'],
  expiry: { clock: 'hold', running: ['held', 'partially_held', 'hold_extended', 'recovery_pending'], lapseTo: 'lapsed' },
};

/** States in which money sits on hold or frozen. */
export const HOLDING_STATES = ['held', 'partially_held', 'hold_extended', 'seized', 'recovery_pending'] as const;
