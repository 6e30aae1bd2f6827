import { CONSENT_CHECKS, ILO_INDICATOR_NAMES } from '../../src/modules/cases/cases.vocab.js';

/** A screening as an officer records it; `present` names the ILO indicators found. */
export function screening(outcome: string, identifiers: { value: string; kind?: string }[] = [], present: string[] = ['deception', 'restriction-of-movement', 'retention-of-identity-documents']) {
  return {
    screenedAt: '2025-03-02T09:00:00Z',
    setting: 'shelter',
    language: 'my',
    interpreter: { used: true, language: 'my', by: 'shelter interpreter' },
    consent: Object.fromEntries(CONSENT_CHECKS.map((c) => [c, true])),
    indicators: Object.fromEntries(
      ILO_INDICATOR_NAMES.map((n) => [n, present.includes(n) ? { presence: 'present', evidence: 'told at interview', source: 'self-report' } : { presence: 'unknown' }]),
    ),
    forcedCriminality: { activities: ['OnlineFraud'], targetCountries: ['TH', 'SG'], identifiers, quotasAndFines: 'fined for missed targets' },
    outcome,
    decidedBy: 'Screening officer 7',
    traffickingStatus: outcome === 'presumed-victim' ? 'PossibleVictimOfTrafficking' : undefined,
    decisionMakingOrg: outcome === 'presumed-victim' ? 'NonPoliceGovernmentalOrganization' : undefined,
    nonPunishment: outcome === 'presumed-victim' ? { determination: 'applies', instrument: 'ACTIP-14-7' } : { determination: 'not-yet-assessed' },
  };
}

export function newCase(extra: Record<string, unknown> = {}) {
  return {
    reference: 'MS-2025-0001',
    operation: 'Myawaddy handover, Feb 2025',
    person: { firstName: 'Aung', secondName: 'Ko', birthdate: '1999-04-01', aliases: ['Kevin'], documents: [{ type: 'passport', number: 'MA1234567', issuingCountry: 'MM', status: 'retained-by-exploiters' }] },
    gender: 'Masculine',
    ageBand: '24-26',
    nationality: 'MM',
    nationalityVerification: 'self-declared',
    languages: ['my', 'en'],
    exploitationTypes: ['ForcedCriminality'],
    forcedCriminality: ['OnlineFraud'],
    compoundCountry: 'MM',
    journey: [
      { type: 'Recruitment', date: '2024-06-01', country: 'MM', place: 'Yangon', description: 'Facebook job advert for customer service in Bangkok' },
      { type: 'Exploitation', date: '2024-07-01', country: 'MM', place: 'Myawaddy', compound: 'KK Park' },
      { type: 'Rescue', date: '2025-02-20', country: 'MM', place: 'Myawaddy' },
    ],
    ...extra,
  };
}
