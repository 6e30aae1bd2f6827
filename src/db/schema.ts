import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Times are ISO 8601 UTC strings on both dialects so that the
 * same queries sort and compare the same way; money is integer minor units; JSON is text.
 */
export interface Database {
  node: NodeTable;
  change_log: ChangeLogTable;
  orgs: OrgTable;
  api_keys: ApiKeyTable;
  reports: ReportTable;
  indicators: IndicatorTable;
  assertions: AssertionTable;
  sightings: SightingTable;
  stix_ids: StixIdTable;
  stix_objects: StixObjectTable;
  taxii_pulls: TaxiiPullTable;
  taxii_statuses: TaxiiStatusTable;
  intake_reports: IntakeReportTable;
  evidence_files: EvidenceFileTable;
  spent_challenges: SpentChallengeTable;
  networks: NetworkTable;
  network_members: NetworkMemberTable;
  requests: RequestTable;
  request_events: RequestEventTable;
  request_grants: RequestGrantTable;
  request_attachments: RequestAttachmentTable;
  payment_legs: PaymentLegTable;
  ledger_entries: LedgerEntryTable;
  deadline_rules: DeadlineRuleTable;
  contacts: ContactTable;
  webhooks: WebhookTable;
  notification_deliveries: NotificationDeliveryTable;
  cases: CaseTable;
  case_partners: CasePartnerTable;
  case_events: CaseEventTable;
  case_screenings: CaseScreeningTable;
  case_identifiers: CaseIdentifierTable;
  case_referrals: CaseReferralTable;
  repatriations: RepatriationTable;
  case_transitions: CaseTransitionTable;
  sharing_groups: SharingGroupTable;
  sharing_group_members: SharingGroupMemberTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
}

/**
 * The marking columns every shared object carries (migration 0002-trust): the owner's choice
 * (tlp, distribution, share_groups as ",id,id,") and the audience it reaches, derived at write
 * time by the policy module's `markingColumns`.
 */
export interface MarkingColumns {
  tlp: string;
  distribution: string;
  share_groups: string;
  audience: string;
}

export interface SharingGroupTable {
  id: string;
  name: string;
  description: string;
  created_by_org: string;
  created_at: string;
  updated_at: string;
}

export interface SharingGroupMemberTable {
  group_id: string;
  org_id: string;
  /** owner (may change the group) or member. */
  role: string;
  added_at: string;
}

export interface UserTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: string;
  /** argon2id; empty for users who only sign in through OpenID Connect. */
  password_hash: string | null;
  oidc_subject: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  must_change_password: Generated<number>;
  disabled_at: string | null;
  created_at: string;
  last_login_at: string | null;
}

/** A signed-in browser: only the SHA-256 of the cookie's secret is stored. */
export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** One entry of the append-only audit log; `hash` covers the entry and `prev_hash`. */
export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  org_id: string | null;
  actor_id: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface NodeTable {
  id: string;
  slot: Generated<number>;
  public_key: string;
  created_at: string;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  origin_node: string;
  /** The origin node's own sequence; empty for local records, whose origin sequence is `seq`. */
  origin_seq: number | null;
  entity: string;
  entity_id: string;
  op: string;
  org_id: string | null;
  data: string;
  created_at: string;
}

export interface OrgTable {
  id: string;
  name: string;
  country: string;
  sector: string;
  is_node_owner: number;
  /** How many distinct indicators this organisation has asserted, and how many were later found false positive. */
  asserted_count: number;
  false_positive_count: number;
  created_at: string;
  /** The marking an object gets when its owner gives none (migration 0002-trust). */
  default_tlp: string;
  default_distribution: string;
  default_groups: string;
  /** Who may learn the bare "known" fact from this organisation's objects they cannot see: none, community or public. */
  share_known: string;
  /** Days a report's personal data is kept; null keeps it until erased on request. */
  retention_days: number | null;
}

export interface ApiKeyTable {
  id: string;
  org_id: string;
  role: string;
  name: string;
  /** The public part of the key, used to find its row; the secret part is only stored hashed. */
  prefix: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** full, or check: a read-only key that may only query the check API. */
  scope: string;
}

export interface ReportTable extends MarkingColumns {
  id: string;
  org_id: string;
  typology: string;
  summary: string;
  occurred_at: string | null;
  country: string | null;
  channel: string | null;
  loss_minor: number | null;
  loss_currency: string | null;
  source: string;
  /** Content hash of an imported report, so an import run twice stores it once. */
  dedupe_key: string | null;
  created_at: string;
  personal_erased_at: string | null;
}

export interface IndicatorTable {
  id: string;
  kind: string;
  canonical: string;
  display: string;
  facts: string;
  status: string;
  score: number;
  report_count: number;
  org_count: number;
  country_count: number;
  /** Comma-separated ISO codes and typology names, kept for the check index. */
  countries: string;
  typologies: string;
  seen_count: number;
  blocked_count: number;
  false_positive_count: number;
  /** Whether the indicator currently counts against its reporters' track record. */
  found_false_positive: number;
  first_seen: string;
  last_seen: string;
  scored_at: string;
  updated_at: string;
  /** 1 when a presumed victim of trafficking was forced to operate it (migration 0008-cases). */
  coerced_operator?: number;
  /** JSON of the check facts about who beyond the community may learn it is known (migration 0002-trust); '' when none. */
  audience_facts?: string;
}

/** One organisation saying one thing about one indicator: the provenance of every listing. */
export interface AssertionTable extends MarkingColumns {
  id: string;
  indicator_id: string;
  org_id: string;
  report_id: string | null;
  role: string | null;
  typology: string | null;
  country: string | null;
  loss_minor: number | null;
  loss_currency: string | null;
  observed_at: string;
  created_at: string;
  dedupe_key: string;
}

export interface SightingTable extends MarkingColumns {
  id: string;
  indicator_id: string;
  org_id: string;
  type: string;
  note: string | null;
  observed_at: string;
  created_at: string;
  /** The other side of a transfer the sighting saw, and which way the funds went (migration 0010-networks). */
  counterparty_id?: string | null;
  counterparty_direction?: string | null;
}

/** A network id ever given out; a retired one names the network that took most of its members. */
export interface NetworkTable {
  id: string;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
}

/** Which network each indicator was last counted in: what keeps network ids stable. */
export interface NetworkMemberTable {
  indicator_id: string;
  network_id: string;
}

/** A report from the public, waiting in the intake queue (migration 0006-web). */
export interface IntakeReportTable {
  id: string;
  status: string;
  typology: string;
  summary: string;
  occurred_at: string | null;
  country: string | null;
  channel: string | null;
  loss_minor: number | null;
  loss_currency: string | null;
  /** JSON: the indicators as the reporter gave them, each with its kind and canonical form. */
  indicators: string;
  contact: string | null;
  created_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  report_id: string | null;
}

/** An evidence file stored by content under DATA/evidence/<sha256>. */
export interface EvidenceFileTable {
  id: string;
  intake_id: string | null;
  report_id: string | null;
  org_id: string | null;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

/** A proof-of-work challenge already used, kept until it would have expired. */
export interface SpentChallengeTable {
  signature: string;
  expires_at: string;
}

/** Which fraudx entity a STIX id or MISP uuid stands for (interop). */
export interface StixIdTable {
  stix_id: string;
  entity: string;
  entity_id: string;
}

/** A STIX object of a type fraudx does not model, kept as received. */
export interface StixObjectTable {
  id: string;
  type: string;
  modified: string;
  org_id: string;
  object: string;
  created_at: string;
}

/** Where `fraudx taxii pull` got to in one remote collection. */
export interface TaxiiPullTable {
  id: string;
  url: string;
  collection: string;
  next: string | null;
  added_after: string | null;
  objects: number;
  updated_at: string;
}

/** The TAXII status resource of one POSTed envelope, as JSON. */
export interface TaxiiStatusTable {
  id: string;
  org_id: string;
  status: string;
  created_at: string;
}

/** A person assisted (migration 0008-cases). `personal` and every `details` column are protected (encrypted) JSON. */
export interface CaseTable {
  id: string;
  owner_org_id: string;
  reference: string | null;
  operation: string | null;
  status: string;
  status_reason: string | null;
  nationality: string | null;
  nationality_verification: string;
  gender: string;
  age_band: string | null;
  /** Comma-separated ISO 639 codes and exploitation types. */
  languages: string;
  exploitation_types: string;
  compound_country: string | null;
  trafficking_status: string | null;
  trafficking_status_by: string | null;
  screening_outcome: string | null;
  personal: string;
  roll_key: string | null;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
}

export interface CasePartnerTable {
  case_id: string;
  org_id: string;
  role: string;
  added_at: string;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  type: string;
  occurred_on: string | null;
  country: string | null;
  place: string | null;
  compound: string | null;
  details: string;
  created_at: string;
}

export interface CaseScreeningTable {
  id: string;
  case_id: string;
  org_id: string;
  actor_id: string;
  screened_at: string;
  outcome: string;
  npp_determination: string;
  npp_instrument: string | null;
  details: string;
  created_at: string;
}

export interface CaseIdentifierTable {
  id: string;
  case_id: string;
  screening_id: string | null;
  kind: string;
  canonical: string;
  created_at: string;
}

export interface CaseReferralTable {
  id: string;
  case_id: string;
  type: string;
  to_org_id: string | null;
  to_name: string;
  status: string;
  due_at: string;
  details: string;
  created_at: string;
  updated_at: string;
}

export interface RepatriationTable {
  id: string;
  case_id: string;
  destination_country: string;
  mission: string | null;
  status: string;
  stranded_reason: string | null;
  retrafficking_risk: number;
  handover_point: string | null;
  handover_at: string | null;
  details: string;
  created_at: string;
  updated_at: string;
}

export interface CaseTransitionTable {
  id: string;
  case_id: string;
  subject: string;
  subject_id: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  org_id: string;
  actor_id: string;
  at: string;
}

/** A cooperation request between organisations (migration 0007-requests). JSON columns are text. */
export interface RequestTable {
  id: string;
  kind: string;
  state: string;
  parent_id: string | null;
  from_org: string | null;
  to_org: string;
  contact_id: string | null;
  jurisdiction: string;
  urgency: string;
  reference: string | null;
  legal_basis: string;
  contents: string;
  indicators: string;
  requester_contact: string | null;
  public_token_hash: string | null;
  outcome: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  sent_at: string;
  ack_due_at: string | null;
  act_due_at: string | null;
  acknowledged_at: string | null;
  acted_at: string | null;
  expires_at: string | null;
  follow_up_due_at: string | null;
  closed_at: string | null;
  escalation_level: number;
  escalated_at: string | null;
  alerts_sent: string;
}

/** One line of a request's timeline: every transition, outcome, alert and escalation. */
export interface RequestEventTable {
  id: string;
  request_id: string;
  at: string;
  type: string;
  actor_org: string | null;
  actor_id: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  data: string;
}

/** An organisation the sender or recipient lets see a request. */
export interface RequestGrantTable {
  request_id: string;
  org_id: string;
  granted_by: string;
  created_at: string;
}

export interface RequestAttachmentTable {
  id: string;
  request_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  added_by: string;
  created_at: string;
}

/** A transaction leg of a payment intervention, with its outcome in minor units. */
export interface PaymentLegTable {
  id: string;
  request_id: string;
  parent_leg_id: string | null;
  institution: string;
  account_kind: string;
  account: string;
  currency: string;
  amount_minor: number;
  value_at: string | null;
  refs: string;
  status: string;
  held_minor: number;
  frozen_minor: number;
  seized_minor: number;
  moved_minor: number;
  returned_minor: number;
  released_minor: number;
  wrongful_minor: number;
  responded_at: string | null;
  created_at: string;
}

/** A signed movement of money into (or out of) one bucket of the asset ledger. */
export interface LedgerEntryTable {
  id: string;
  request_id: string;
  leg_id: string | null;
  bucket: string;
  currency: string;
  amount_minor: number;
  responder_org: string;
  requester_org: string | null;
  country: string;
  at: string;
}

export interface DeadlineRuleTable {
  id: string;
  kind: string;
  jurisdiction: string;
  from_org: string;
  to_org: string;
  settings: string;
  updated_by: string;
  updated_at: string;
}

/** A point of contact of an organisation for one request kind (or '*'). */
export interface ContactTable {
  id: string;
  org_id: string;
  kind: string;
  role: string;
  name: string;
  email: string | null;
  phone: string | null;
  hours: string;
  timezone: string;
  created_at: string;
}

export interface WebhookTable {
  id: string;
  org_id: string;
  url: string;
  secret: string;
  active: number;
  created_at: string;
}

/** One webhook call or e-mail to send, and what happened when it was tried. */
export interface NotificationDeliveryTable {
  id: string;
  channel: string;
  org_id: string;
  webhook_id: string | null;
  target: string;
  event: string;
  request_id: string | null;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}
