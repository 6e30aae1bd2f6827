import { authority, close, custodian, dataToPreserve, recipient, text, withdraw } from './fields.js';
import type { KindDefinition } from './kind.js';

/** Expedited disclosure of traffic data naming the next providers on the path: Budapest Art. 30. */
export const trafficDisclosure: KindDefinition = {
  kind: 'traffic-disclosure',
  title: 'Traffic-data disclosure (next-hop providers)',
  fields: {
    requestingAuthority: authority.optional(),
    offence: text(500).optional(),
    summary: text().optional(),
    data: dataToPreserve.optional(),
    custodian: custodian.optional(),
  },
  required: [
    { field: 'summary', why: 'the communication to trace' },
    { field: 'data', why: 'the traffic data sought' },
  ],
  defaultBasis: { '*': 'budapest-30' },
  moves: {
    sent: { acknowledged: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    acknowledged: { disclosed: recipient(), partially_disclosed: recipient(), postponed: recipient('reason'), refused: recipient('ground'), withdrawn: withdraw },
    postponed: { disclosed: recipient(), partially_disclosed: recipient(), refused: recipient('ground'), withdrawn: withdraw },
    disclosed: close,
    partially_disclosed: close,
    refused: close,
    withdrawn: {},
    closed: {},
  },
  acted: ['disclosed', 'partially_disclosed', 'refused'],
};
