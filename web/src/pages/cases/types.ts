/** The answers of the case API, as these screens read them. */
export interface CaseSummary {
  id: string;
  reference: string | null;
  operation: string | null;
  displayName: string | null;
  status: string;
  nationality: string | null;
  gender: string;
  ageBand: string | null;
  screeningOutcome: string | null;
  createdAt: string;
}

export interface Referral {
  id: string;
  type: string;
  toName: string;
  status: string;
  dueAt: string;
  overdue: boolean;
  nextStates: string[];
}

export interface Repatriation {
  destinationCountry: string;
  mission: string | null;
  status: string;
  strandedReason: string | null;
  retraffickingRisk: boolean;
  nextStates: string[];
}

export interface CaseView extends CaseSummary {
  access: 'team' | 'partner';
  nextStates: string[];
  person: { firstName?: string; secondName?: string; aliases: string[]; documents: { type: string; status: string; issuingCountry?: string }[] } | null;
  languages: string[];
  compoundCountry: string | null;
  journey: { id: string; type: string; date?: string; country?: string; place?: string; compound?: string; description?: string }[];
  screenings: { id: string; screenedAt: string; outcome: string; indicatorsPresent: number; nonPunishment: { determination: string; instrument?: string } }[];
  coercedIdentifiers: { kind: string; canonical: string }[];
  referrals: Referral[];
  repatriation: Repatriation | null;
  partners: { orgId: string; role: string }[];
  history: { subject: string; from: string | null; to: string; reason: string | null; at: string }[];
  erasedAt: string | null;
}

export interface Vocabulary {
  iloIndicators: { name: string }[];
  consentChecks: string[];
  evidenceSources: string[];
  screeningOutcomes: string[];
  nonPunishment: { determinations: string[]; instruments: string[] };
}
