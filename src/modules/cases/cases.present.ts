import type { AppContext } from '../../app/context.js';
import type { CaseTable } from '../../db/schema.js';
import type { CaseAccess } from '../policy/cases.policy.js';
import { splitList } from '../indicators/indicators.model.js';
import { CASE_EDGES, type CaseState, HTCDS_CASE_STATUS, nextStates } from './cases.states.js';
import { unprotect } from './cases.protect.js';
import type { JourneyEventBody, Person } from './cases.schema.js';
import type { ScreeningView } from './screening.service.js';
import type { ReferralView } from './referrals.service.js';
import type { RepatriationView } from './repatriation.service.js';

export interface Exploitation {
  types: string[];
  forcedCriminality: string[];
}

export function exploitationOf(row: Pick<CaseTable, 'exploitation_types'>): Exploitation {
  return JSON.parse(row.exploitation_types) as Exploitation;
}

/** The case as its team and partners see it: personal fields decrypted here and nowhere else. */
// A type, not an interface, so it fits the routes' open response schema.
export type CaseView = {
  id: string;
  ownerOrgId: string;
  access: CaseAccess;
  reference: string | null;
  operation: string | null;
  status: CaseState;
  statusReason: string | null;
  htcdsStatus: string;
  nextStates: CaseState[];
  /** Null once the case was erased on request. */
  person: Person | null;
  gender: string;
  ageBand: string | null;
  nationality: string | null;
  nationalityVerification: string;
  languages: string[];
  exploitationTypes: string[];
  forcedCriminality: string[];
  compoundCountry: string | null;
  traffickingStatus: string | null;
  traffickingStatusBy: string | null;
  screeningOutcome: string | null;
  partners: { orgId: string; role: string }[];
  journey: (JourneyEventBody & { id: string })[];
  screenings: ScreeningView[];
  coercedIdentifiers: { kind: string; canonical: string }[];
  referrals: ReferralView[];
  repatriation: RepatriationView | null;
  history: { subject: string; from: string | null; to: string; reason: string | null; at: string; orgId: string }[];
  createdAt: string;
  updatedAt: string;
  erasedAt: string | null;
};

export interface CaseParts {
  partners: CaseView['partners'];
  journey: CaseView['journey'];
  screenings: ScreeningView[];
  identifiers: CaseView['coercedIdentifiers'];
  referrals: ReferralView[];
  repatriation: RepatriationView | null;
  history: CaseView['history'];
}

export function presentCase(ctx: AppContext, row: CaseTable, access: CaseAccess, parts: CaseParts): CaseView {
  const status = row.status as CaseState;
  const exploitation = exploitationOf(row);
  return {
    id: row.id,
    ownerOrgId: row.owner_org_id,
    access,
    reference: row.reference,
    operation: row.operation,
    status,
    statusReason: row.status_reason,
    htcdsStatus: HTCDS_CASE_STATUS[status],
    nextStates: access === 'team' && !row.erased_at ? nextStates(CASE_EDGES, status) : [],
    person: row.erased_at ? null : unprotect<Person>(ctx, row.id, row.personal),
    gender: row.gender,
    ageBand: row.age_band,
    nationality: row.nationality,
    nationalityVerification: row.nationality_verification,
    languages: splitList(row.languages),
    exploitationTypes: exploitation.types,
    forcedCriminality: exploitation.forcedCriminality,
    compoundCountry: row.compound_country,
    traffickingStatus: row.trafficking_status,
    traffickingStatusBy: row.trafficking_status_by,
    screeningOutcome: row.screening_outcome,
    partners: parts.partners,
    journey: parts.journey,
    screenings: parts.screenings,
    coercedIdentifiers: parts.identifiers,
    referrals: parts.referrals,
    repatriation: parts.repatriation,
    history: parts.history,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    erasedAt: row.erased_at,
  };
}
