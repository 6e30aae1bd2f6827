import { z } from 'zod';
import { close, indicatorRef, recipient, sender, text, withdraw } from './fields.js';
import type { KindDefinition } from './kind.js';

export const DISPUTE_GROUNDS = ['not-mine', 'legitimate-business', 'victim-not-perpetrator', 'coerced-holder', 'mistaken-identity', 'resolved', 'other'] as const;

/** A dispute of a listing, by the organisation or person whose number, account, wallet or site it is. */
export const redress: KindDefinition = {
  kind: 'redress',
  title: 'Redress (dispute of a listing or freeze)',
  fields: {
    indicator: indicatorRef.optional(),
    grounds: z.enum(DISPUTE_GROUNDS).optional(),
    statement: text(10_000).optional(),
    freezeRequestId: z.string().max(64).optional().describe('A payment intervention the disputed account is frozen under.'),
  },
  required: [
    { field: 'indicator', why: 'the listing disputed' },
    { field: 'grounds', why: 'why it is wrong' },
    { field: 'statement', why: 'the disputant\'s account, with the evidence attached' },
  ],
  defaultBasis: { '*': 'redress-policy' },
  moves: {
    sent: { acknowledged: recipient(), upheld: recipient('answer'), rejected: recipient('answer'), withdrawn: withdraw },
    acknowledged: { upheld: recipient('answer'), rejected: recipient('answer'), withdrawn: withdraw },
    rejected: { appealed: sender('reason'), ...close },
    appealed: { upheld: recipient('answer'), rejected: recipient('answer'), withdrawn: withdraw },
    upheld: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['upheld', 'rejected'],
};
