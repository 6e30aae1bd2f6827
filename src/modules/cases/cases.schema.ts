import { z } from 'zod';
import { isCountryCode } from '../../shared/countries.js';
import { CASE_STATES, REFERRAL_STATES, REPATRIATION_STATES, STRANDED_REASONS } from './cases.states.js';
import {
  CONSENT_CHECKS, DECISION_MAKING_ORGS, DOCUMENT_STATUSES, DOCUMENT_TYPES, EVIDENCE_SOURCES, EXPLOITATION_TYPES,
  FORCED_CRIMINALITY_SUBTYPES, GENDERS, ILO_INDICATOR_NAMES, INDICATOR_PRESENCE, JOURNEY_EVENT_TYPES,
  NATIONALITY_VERIFICATION, NPP_DETERMINATIONS, NPP_INSTRUMENTS, REFERRAL_TYPES, SCREENING_OUTCOMES, TRAFFICKING_STATUSES,
} from './cases.vocab.js';

export const country = z
  .string()
  .transform((s) => s.toUpperCase())
  .refine(isCountryCode, 'an ISO 3166-1 alpha-2 country code');
const day = z.iso.date().describe('YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
/** Age bands as CTDC publishes them: statistics never need a birthdate. */
export const AGE_BANDS = ['0-8', '9-17', '18-20', '21-23', '24-26', '27-29', '30-38', '39-47', '48+'] as const;

export const identityDocument = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  number: text(64).optional(),
  issuingCountry: country.optional(),
  expiry: day.optional(),
  status: z.enum(DOCUMENT_STATUSES),
});

/** The person: every field here is personal data, stored encrypted. */
export const person = z.strictObject({
  firstName: text(200).optional(),
  middleName: text(200).optional(),
  secondName: text(200).optional(),
  birthdate: day.optional(),
  aliases: z.array(text(200)).max(20).default([]).describe('Names used in the compound'),
  documents: z.array(identityDocument).max(10).default([]),
  phone: text(40).optional(),
  email: text(200).optional(),
  nextOfKin: text(500).optional(),
  notes: text(4000).optional(),
});
export type Person = z.infer<typeof person>;

export const journeyEventBody = z.strictObject({
  type: z.enum(JOURNEY_EVENT_TYPES),
  date: day.optional(),
  country: country.optional(),
  place: text(200).optional(),
  compound: text(200).optional().describe('The compound, where known'),
  description: text(4000).optional().describe('Stored encrypted'),
});
export type JourneyEventBody = z.infer<typeof journeyEventBody>;

export const partnerBody = z.strictObject({
  orgId: text(64),
  role: z.enum(['shelter', 'embassy', 'iom', 'ngo', 'police', 'immigration', 'health', 'legal-aid', 'other']),
});
export type PartnerBody = z.infer<typeof partnerBody>;

export const createCaseBody = z.strictObject({
  reference: text(100).optional().describe('The roll or file number the holding organisation uses'),
  operation: text(200).optional().describe('The rescue operation the person came from'),
  person: person.default({ aliases: [], documents: [] }),
  gender: z.enum(GENDERS).default('NonSpecifiedUnknown'),
  ageBand: z.enum(AGE_BANDS).optional(),
  nationality: country.optional().describe('As declared or verified; see nationalityVerification'),
  nationalityVerification: z.enum(NATIONALITY_VERIFICATION).default('unverified'),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code')).max(10).default([]),
  exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)).max(12).default([]),
  forcedCriminality: z.array(z.enum(FORCED_CRIMINALITY_SUBTYPES)).max(4).default([]),
  compoundCountry: country.optional().describe('Country of exploitation'),
  journey: z.array(journeyEventBody).max(50).default([]),
  partners: z.array(partnerBody).max(20).default([]),
});
export type CreateCaseBody = z.infer<typeof createCaseBody>;

export const updateCaseBody = createCaseBody.pick({ person: true, gender: true, ageBand: true, nationality: true, nationalityVerification: true, languages: true, exploitationTypes: true, forcedCriminality: true, compoundCountry: true }).partial();
export type UpdateCaseBody = z.infer<typeof updateCaseBody>;

export const transitionBody = z.strictObject({ to: z.enum(CASE_STATES), reason: text(1000).optional() });

const iloIndicator = z.strictObject({
  presence: z.enum(INDICATOR_PRESENCE),
  evidence: text(4000).optional(),
  source: z.enum(EVIDENCE_SOURCES).optional(),
});

export const identifierInput = z.strictObject({ value: text(2048), kind: z.string().max(32).optional(), country: z.string().max(2).optional() });

export const screeningBody = z
  .strictObject({
    screenedAt: z.iso.datetime({ offset: true }),
    setting: z.enum(['shelter', 'border-post', 'detention', 'remote', 'other']),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    interpreter: z.strictObject({ used: z.boolean(), language: z.string().regex(/^[a-z]{2,3}$/).optional(), by: text(200).optional() }),
    consent: z.strictObject(Object.fromEntries(CONSENT_CHECKS.map((c) => [c, z.boolean()])) as Record<(typeof CONSENT_CHECKS)[number], z.ZodBoolean>),
    indicators: z.strictObject(Object.fromEntries(ILO_INDICATOR_NAMES.map((n) => [n, iloIndicator])) as Record<(typeof ILO_INDICATOR_NAMES)[number], typeof iloIndicator>),
    forcedCriminality: z
      .strictObject({
        activities: z.array(z.enum(FORCED_CRIMINALITY_SUBTYPES)).max(4).default([]),
        targetCountries: z.array(country).max(60).default([]),
        identifiers: z.array(identifierInput).max(200).default([]).describe('Numbers, accounts, wallets and handles the person was forced to operate'),
        quotasAndFines: text(4000).optional(),
        attemptsToLeave: text(4000).optional(),
        narrative: text(8000).optional(),
      })
      .optional(),
    outcome: z.enum(SCREENING_OUTCOMES).describe('Decided and recorded by the screening officer; fraudx never computes it'),
    decidedBy: text(200).describe('The officer who made the determination'),
    traffickingStatus: z.enum(TRAFFICKING_STATUSES).optional(),
    decisionMakingOrg: z.enum(DECISION_MAKING_ORGS).optional(),
    nonPunishment: z.strictObject({
      determination: z.enum(NPP_DETERMINATIONS),
      instrument: z.enum(NPP_INSTRUMENTS).optional(),
      note: text(4000).optional(),
    }),
  })
  .refine((b) => b.nonPunishment.determination === 'not-yet-assessed' || b.nonPunishment.instrument, {
    message: 'a non-punishment determination names the instrument it rests on',
    path: ['nonPunishment', 'instrument'],
  })
  .refine((b) => b.consent.consentToInterview, { message: 'a screening needs consent (or assent) to the interview', path: ['consent', 'consentToInterview'] });
export type ScreeningBody = z.infer<typeof screeningBody>;

export const referralBody = z.strictObject({
  type: z.enum(REFERRAL_TYPES),
  toOrgId: text(64).optional().describe('The partner organisation on this node, if it is one'),
  toName: text(200),
  dueAt: z.iso.datetime({ offset: true }).optional().describe('Defaults by type: shelter and medical 1 day, others 7 or 14'),
  note: text(4000).optional(),
});
export type ReferralBody = z.infer<typeof referralBody>;
export const referralTransitionBody = z.strictObject({ to: z.enum(REFERRAL_STATES), reason: text(1000).optional() });

export const repatriationBody = z.strictObject({
  destinationCountry: country.optional().describe('Defaults to the nationality'),
  mission: text(200).nullable().optional().describe('The embassy or consulate handling the return; null when the country has no mission here'),
  handoverPoint: text(200).optional(),
});
export type RepatriationBody = z.infer<typeof repatriationBody>;
export const repatriationTransitionBody = z.strictObject({
  to: z.enum(REPATRIATION_STATES),
  reason: text(1000).optional(),
  strandedReason: z.enum(STRANDED_REASONS).optional(),
  handoverAt: z.iso.datetime({ offset: true }).optional(),
  mission: text(200).nullable().optional(),
});
export type RepatriationTransitionBody = z.infer<typeof repatriationTransitionBody>;
export const riskBody = z.strictObject({ retraffickingRisk: z.boolean(), reason: text(1000).optional() });

export const listCasesQuery = z.strictObject({
  status: z.enum(CASE_STATES).optional(),
  nationality: country.optional(),
  operation: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(400).optional(),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const caseParams = z.strictObject({ id: z.string().max(64) });
export const subParams = z.strictObject({ id: z.string().max(64), sub: z.string().max(64) });
