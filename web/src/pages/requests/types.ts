/** The shapes of the cooperation-request API as these screens read them. */
export interface OrgRef {
  id: string;
  name: string | null;
}

export interface Clocks {
  sentAt: string;
  acknowledgeBy: string | null;
  acknowledgedAt: string | null;
  actBy: string | null;
  actedAt: string | null;
  expiresAt: string | null;
  expiry: 'hold' | 'preservation' | null;
  followUpBy: string | null;
  closedAt: string | null;
  overdue: boolean;
  overdueClocks: string[];
  escalationLevel: number;
}

export interface AllowedMove {
  to: string;
  requires: string[];
}

export interface Leg {
  id: string;
  parentLegId: string | null;
  institution: string;
  account: { kind: string; canonical: string };
  currency: string;
  amount: string;
  status: string;
  held: string;
  movedOn: string;
  returned: string;
  wrongful: string;
}

export interface TimelineEntry {
  type: string;
  at: string;
  actorOrg: string | null;
  from: string | null;
  to: string | null;
  note: string | null;
}

export interface RequestView {
  id: string;
  kind: string;
  state: string;
  parentId: string | null;
  from: OrgRef | null;
  to: OrgRef | null;
  yourRole: 'sender' | 'recipient' | 'authorised';
  urgency: string;
  reference: string | null;
  jurisdiction: string | null;
  legalBasis: { instrument: string; article: string | null; paragraph: string | null }[];
  contents: Record<string, unknown>;
  indicators: { kind: string; canonical: string; display: string }[];
  clocks: Clocks;
  allowedMoves: AllowedMove[];
  legs?: Leg[];
  children?: string[];
  timeline?: TimelineEntry[];
  disputant?: unknown;
}

/** How a form asks for one piece of contents: described by the node from the schemas it validates with. */
export interface FieldSpec {
  name: string;
  type:
    | 'text'
    | 'date-time'
    | 'amount'
    | 'currency'
    | 'country'
    | 'boolean'
    | 'choice'
    | 'choices'
    | 'indicator'
    | 'indicator-list'
    | 'legs'
    | 'legal-basis'
    | 'organisation'
    | 'leg-ref'
    | 'group'
    | 'list';
  required: boolean;
  description?: string;
  options?: (string | boolean)[];
  maxLength?: number;
  fields?: FieldSpec[];
  maxItems?: number;
}

export interface KindInfo {
  kind: string;
  title: string;
  fields: string[];
  contents: FieldSpec[];
  required: { field: string; why: string }[];
  defaultBasis: Record<string, string>;
  states: string[];
}

export interface LegalBasisInfo {
  id: string;
  instrument: string;
  article: string | null;
  requires: { field: string; cite: string }[];
}

export interface KindsAnswer {
  common: FieldSpec[];
  moveFields: FieldSpec[];
  kinds: KindInfo[];
  legalBases: LegalBasisInfo[];
}

export interface Org {
  id: string;
  name: string;
  country: string;
}

export interface MissingField {
  field: string;
  why: string;
}
