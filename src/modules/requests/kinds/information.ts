import { authority, close, recipient, text, withdraw } from './fields.js';
import type { KindDefinition } from './kind.js';

/** A request for information or disclosure (subscriber data, account holder, KYC). */
export const information: KindDefinition = {
  kind: 'information',
  title: 'Information or disclosure',
  fields: {
    requestingAuthority: authority.optional(),
    offence: text(500).optional(),
    summary: text().optional(),
    informationSought: text().optional(),
    purpose: text(2000).optional(),
  },
  required: [
    { field: 'informationSought', why: 'what is asked for' },
    { field: 'purpose', why: 'use is limited to the purpose stated' },
  ],
  defaultBasis: { '*': 'partnership-agreement' },
  moves: {
    sent: { acknowledged: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    acknowledged: { answered: recipient('answer'), partially_answered: recipient('answer'), refused: recipient('ground'), withdrawn: withdraw },
    answered: close,
    partially_answered: close,
    refused: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['answered', 'partially_answered', 'refused'],
};
