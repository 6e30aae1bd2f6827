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
}

export interface ReportTable {
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
}

/** One organisation saying one thing about one indicator: the provenance of every listing. */
export interface AssertionTable {
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

export interface SightingTable {
  id: string;
  indicator_id: string;
  org_id: string;
  type: string;
  note: string | null;
  observed_at: string;
  created_at: string;
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
