import { z } from 'zod';
import { authority, clock, close, custodian, dataToPreserve, either, isoTime, recipient, sender, text, withdraw } from './fields.js';
import type { KindDefinition } from './kind.js';

/** Expedited preservation of stored data: Budapest Convention Art. 29, research notes §2.1 and §2.6. */
export const preservation: KindDefinition = {
  kind: 'preservation',
  title: 'Preservation of stored data',
  fields: {
    requestingAuthority: authority.optional(),
    offence: text(500).optional(),
    summary: text().optional(),
    data: dataToPreserve.optional(),
    custodian: custodian.optional(),
    necessity: text(2000).optional(),
    mlaIntent: z.literal(true).optional().describe('The requester intends to submit a mutual legal assistance request for the data.'),
    mlaExpectedBy: isoTime.optional(),
  },
  required: [
    { field: 'data', why: 'what to preserve' },
    { field: 'custodian', why: 'who holds it' },
  ],
  defaultBasis: { '*': 'budapest-29' },
  moves: {
    sent: { acknowledged: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    acknowledged: {
      preserved: recipient(),
      requester_decision_needed: recipient('reason'),
      postponed: recipient('reason'),
      consultation: recipient('reason'),
      refused: recipient('ground'),
      withdrawn: withdraw,
    },
    // Art. 29(6): preservation would not ensure availability; the requester decides whether to go on.
    requester_decision_needed: { acknowledged: sender(), withdrawn: withdraw },
    postponed: { preserved: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    consultation: { preserved: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    preserved: { preserved: either(), mla_submitted: sender(), expired: clock, withdrawn: withdraw },
    // Art. 29(7): once the MLA request arrives, data stays preserved pending its decision.
    mla_submitted: { fulfilled: recipient(), partially_fulfilled: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    fulfilled: close,
    partially_fulfilled: close,
    refused: close,
    expired: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['preserved', 'requester_decision_needed', 'refused'],
  expiry: { clock: 'preservation', running: ['preserved'], lapseTo: 'expired' },
};
