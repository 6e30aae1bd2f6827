import { authority, close, custodian, dataToPreserve, recipient, text, withdraw } from './fields.js';
import type { KindDefinition } from './kind.js';

/** Disclosure in an emergency: a significant and imminent risk to a person's life or safety (CETS 224 Art. 9). */
export const emergencyDisclosure: KindDefinition = {
  kind: 'emergency-disclosure',
  title: 'Emergency disclosure',
  fields: {
    requestingAuthority: authority.optional(),
    emergencyJustification: text().optional().describe('The significant and imminent risk to the life or safety of a natural person.'),
    summary: text().optional(),
    data: dataToPreserve.optional(),
    custodian: custodian.optional(),
  },
  required: [
    { field: 'emergencyJustification', why: 'only a risk to life or safety makes a request an emergency' },
    { field: 'data', why: 'what is to be disclosed' },
  ],
  defaultBasis: { '*': 'cets224-9' },
  moves: {
    sent: { acknowledged: recipient(), disclosed: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    acknowledged: { disclosed: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    disclosed: close,
    refused: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['disclosed', 'refused'],
};
