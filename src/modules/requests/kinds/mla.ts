import { z } from 'zod';
import { countryCode } from '../../orgs/orgs.schema.js';
import { authority, close, recipient, sender, text, withdraw } from './fields.js';
import type { KindDefinition } from './kind.js';

/** Mutual legal assistance: the contents of UNTOC Art. 18(15), research notes §2.3. */
export const mla: KindDefinition = {
  kind: 'mla',
  title: 'Mutual legal assistance',
  fields: {
    requestingAuthority: authority.optional(),
    subjectMatter: text(2000).optional().describe('18(15)(b): subject matter and nature of the investigation, prosecution or proceeding.'),
    conductingAuthority: authority.optional(),
    summary: text().optional(),
    assistanceSought: text().optional(),
    procedure: text(2000).optional(),
    personsConcerned: z.array(z.strictObject({ identity: text(300), location: text(300).optional(), nationality: countryCode.optional() })).max(50).optional(),
    purpose: text(2000).optional(),
    suggestedDeadline: z.strictObject({ by: z.iso.datetime({ offset: true }), reason: text(1000) }).optional().describe('18(24): a deadline with its reasons.'),
  },
  required: [{ field: 'assistanceSought', why: 'what the requested Party is to do' }],
  defaultBasis: { '*': 'untoc-18' },
  moves: {
    sent: { acknowledged: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    acknowledged: {
      in_execution: recipient(),
      information_requested: recipient('reason'),
      consultation: recipient('reason'),
      postponed: recipient('reason'),
      refused: recipient('ground'),
      withdrawn: withdraw,
    },
    // 18(16): further information; the requester answers and the request goes back to the queue.
    information_requested: { acknowledged: sender(), withdrawn: withdraw },
    consultation: { in_execution: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    postponed: { in_execution: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    in_execution: { fulfilled: recipient(), partially_fulfilled: recipient(), postponed: recipient('reason'), withdrawn: withdraw },
    fulfilled: close,
    partially_fulfilled: close,
    refused: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['fulfilled', 'partially_fulfilled', 'refused'],
};
