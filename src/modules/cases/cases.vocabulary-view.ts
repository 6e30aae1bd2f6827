import { CASE_EDGES, REFERRAL_EDGES, REPATRIATION_EDGES, STRANDED_REASONS } from './cases.states.js';
import * as v from './cases.vocab.js';

/**
 * The picklists a case form offers, each value marked standard (HTCDS 2.0) or local extension,
 * and the three state machines as their tables: what the web form and partner systems read.
 */
export function caseVocabulary() {
  const marked = (standard: readonly string[], extensions: readonly string[] = []) => [
    ...standard.map((value) => ({ value, htcds: true })),
    ...extensions.map((value) => ({ value, htcds: false })),
  ];
  return {
    standard: 'HTCDS 2.0',
    notice: 'Screening outcomes and non-punishment assessments are decisions of the screening officer. fraudx records them; it never computes or suggests them.',
    gender: marked(v.GENDERS),
    exploitationTypes: marked(v.HTCDS_EXPLOITATION_TYPES, v.EXPLOITATION_EXTENSIONS),
    forcedCriminalitySubtypes: marked([], v.FORCED_CRIMINALITY_SUBTYPES),
    methodsOfControl: marked(v.HTCDS_METHODS_OF_CONTROL, v.METHOD_OF_CONTROL_EXTENSIONS),
    recruitmentMethods: marked(v.RECRUITMENT_METHODS),
    traffickingStatuses: marked(v.TRAFFICKING_STATUSES),
    decisionMakingOrgs: marked(v.DECISION_MAKING_ORGS),
    journeyEventTypes: marked(v.HTCDS_EVENT_TYPES, v.EVENT_TYPE_EXTENSIONS),
    documentTypes: marked([], v.DOCUMENT_TYPES),
    documentStatuses: marked([], v.DOCUMENT_STATUSES),
    nationalityVerification: marked([], v.NATIONALITY_VERIFICATION),
    iloIndicators: v.ILO_INDICATOR_NAMES.map((name) => ({ name, methodsOfControl: v.ILO_INDICATORS[name] })),
    indicatorPresence: v.INDICATOR_PRESENCE,
    evidenceSources: v.EVIDENCE_SOURCES,
    consentChecks: v.CONSENT_CHECKS,
    screeningOutcomes: v.SCREENING_OUTCOMES,
    nonPunishment: { determinations: v.NPP_DETERMINATIONS, instruments: v.NPP_INSTRUMENTS },
    referralTypes: v.REFERRAL_TYPES,
    strandedReasons: STRANDED_REASONS,
    stateMachines: { case: CASE_EDGES, repatriation: REPATRIATION_EDGES, referral: REFERRAL_EDGES },
  };
}
