/**
 * The picklists of a victim case, named as the IOM Human Trafficking Case Data Standard (HTCDS
 * 2.0) names them, so an export reads in any HTCDS system. Values HTCDS lacks are local
 * extensions: they are listed apart (`*_EXTENSIONS`) and exported under `ext_` fields, with the
 * nearest HTCDS value in the standard field.
 */

/** HTCDS `prs_Gender`. */
export const GENDERS = ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'] as const;

/** HTCDS `vic_TypeOfExploitation`. */
export const HTCDS_EXPLOITATION_TYPES = [
  'ForcedLabour', 'SexualExploitation', 'ChildLabour', 'ForcedMarriage', 'Servitude', 'ForcedMilitaryByNonStateActors',
  'OrganRemoval', 'ForcedBegging', 'ForcedAdoption', 'Surrogacy', 'Other',
] as const;
/** Local extension: trafficking into forced criminality (scam compounds), which HTCDS has no value for. */
export const EXPLOITATION_EXTENSIONS = ['ForcedCriminality'] as const;
export const EXPLOITATION_TYPES = [...HTCDS_EXPLOITATION_TYPES, ...EXPLOITATION_EXTENSIONS] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];
/** Local extension: what a person was forced to do, for ForcedCriminality. */
export const FORCED_CRIMINALITY_SUBTYPES = ['OnlineFraud', 'IllegalGambling', 'MoneyLaundering', 'Other'] as const;

/** HTCDS `vic_MethodsOfControl`, plus RestrictsMovement and UsesChildren (defined in its Field Definitions) and the local Isolation. */
export const HTCDS_METHODS_OF_CONTROL = [
  'PhysicalThreats', 'ThreatsLawEnforcement', 'ThreatensChildrenFamily', 'DebtBondage', 'FalsePromises', 'PhysicalAbuse',
  'SexualAbuse', 'TakesEarnings', 'RestrictsFinancialAccess', 'RestrictsMedicalCare', 'WithholdsNecessities',
  'PsychologicalAbuse', 'PsychoactiveSubstance', 'ExcessiveWorkingHours', 'WithholdsDocuments', 'RestrictsMovement', 'UsesChildren', 'Other',
] as const;
export const METHOD_OF_CONTROL_EXTENSIONS = ['Isolation'] as const;
export type MethodOfControl = (typeof HTCDS_METHODS_OF_CONTROL)[number] | (typeof METHOD_OF_CONTROL_EXTENSIONS)[number];

/** HTCDS `vic_MethodOfRecruitment`. */
export const RECRUITMENT_METHODS = [
  'AtAPlaceOfBusiness', 'AtAnEducationalInstitution', 'AtWork', 'ThroughOnlineSocialNetworks', 'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert', 'ThroughANewspaperAdvert', 'ThroughFamilyOrFamilyEvents', 'ThroughFriendsOrSocialEvents', 'Other',
] as const;

/** HTCDS `vic_TraffickingStatus` and who decided it (`vic_TraffickingStatusDecisionMakingOrg`). */
export const TRAFFICKING_STATUSES = ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'] as const;
export const DECISION_MAKING_ORGS = ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'] as const;

/** HTCDS `hte_Type` (Recruitment, Transit, Exploitation) and the local stages of a rescue. */
export const HTCDS_EVENT_TYPES = ['Recruitment', 'Transit', 'Exploitation'] as const;
export const EVENT_TYPE_EXTENSIONS = ['Escape', 'Rescue', 'Detention', 'Handover'] as const;
export const JOURNEY_EVENT_TYPES = [...HTCDS_EVENT_TYPES, ...EVENT_TYPE_EXTENSIONS] as const;
export type JourneyEventType = (typeof JOURNEY_EVENT_TYPES)[number];

/** Local extension: where a person's identity document is. */
export const DOCUMENT_TYPES = ['passport', 'national-id', 'emergency-travel-document', 'other', 'none'] as const;
export const DOCUMENT_STATUSES = ['held', 'lost', 'retained-by-exploiters', 'expired'] as const;
/** Local extension: how nationality was verified. */
export const NATIONALITY_VERIFICATION = ['unverified', 'document', 'mission-interview', 'home-authority-records', 'self-declared'] as const;

/**
 * The ILO's eleven indicators of forced labour, each with the HTCDS methods of control it maps
 * to (the mapping of the research notes), so that a screening fills `vic_MethodsOfControl`.
 */
export const ILO_INDICATORS = {
  'abuse-of-vulnerability': ['PsychologicalAbuse'],
  deception: ['FalsePromises'],
  'restriction-of-movement': ['RestrictsMovement'],
  isolation: ['Isolation'],
  'physical-and-sexual-violence': ['PhysicalAbuse', 'SexualAbuse'],
  'intimidation-and-threats': ['PhysicalThreats', 'ThreatsLawEnforcement', 'ThreatensChildrenFamily'],
  'retention-of-identity-documents': ['WithholdsDocuments'],
  'withholding-of-wages': ['TakesEarnings', 'RestrictsFinancialAccess'],
  'debt-bondage': ['DebtBondage'],
  'abusive-working-and-living-conditions': ['WithholdsNecessities', 'RestrictsMedicalCare'],
  'excessive-overtime': ['ExcessiveWorkingHours'],
} as const satisfies Record<string, readonly MethodOfControl[]>;
export type IloIndicator = keyof typeof ILO_INDICATORS;
export const ILO_INDICATOR_NAMES = Object.keys(ILO_INDICATORS) as [IloIndicator, ...IloIndicator[]];
export const INDICATOR_PRESENCE = ['present', 'absent', 'unknown'] as const;
export const EVIDENCE_SOURCES = ['self-report', 'document', 'third-party', 'device'] as const;

/** The seven consent checks of the HTCDS consent guidance. */
export const CONSENT_CHECKS = [
  'consentToInterview', 'informedOfPurpose', 'informedOfDataUse', 'informedOfResearchUse',
  'informedOfRightToAccess', 'informedOfRetention', 'informedOfWithdrawal',
] as const;

/** A screening's outcome, recorded by a person: the platform never computes it. */
export const SCREENING_OUTCOMES = ['presumed-victim', 'not-indicated', 'inconclusive-referred'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];
/** Outcomes under which the identifiers a person was forced to operate carry the coerced-operator flag. */
export const COERCED_OUTCOMES: readonly ScreeningOutcome[] = ['presumed-victim', 'inconclusive-referred'];

/** The non-punishment assessment and the instrument it rests on. */
export const NPP_DETERMINATIONS = ['applies', 'partly-applies', 'not-applicable', 'not-yet-assessed'] as const;
export const NPP_INSTRUMENTS = ['ACTIP-14-7', 'ASEAN-NPP-Guideline-2025', 'Palermo-Protocol', 'CETS-197-Art-26', 'OHCHR-Principle-7', 'national-law'] as const;

/** Referral kinds (HTCDS reasons map: embassy and IOM are MigrationOrChangeOfLocation, the rest AdditionalServicesRequired). */
export const REFERRAL_TYPES = ['shelter', 'medical', 'legal-aid', 'embassy', 'iom', 'ngo', 'psychosocial', 'other'] as const;
export type ReferralType = (typeof REFERRAL_TYPES)[number];
