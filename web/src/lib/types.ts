// Shapes of the API answers the screens read (see /openapi.json).

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'analyst' | 'intake' | 'viewer' | 'machine';
  orgId: string;
  orgName: string;
}

export interface CheckResult {
  value: string;
  kind?: string;
  canonical?: string;
  known?: boolean;
  status?: string;
  allowlisted?: string;
  score?: number;
  reports?: number;
  organisations?: number;
  countries?: string[];
  typologies?: string[];
  firstSeen?: string;
  lastSeen?: string;
  error?: { code: string; message: string };
}

export interface PublicCheck {
  known: boolean;
  kind: string | null;
  canonical: string | null;
  reports: number;
  typologies: string[];
  advice: string;
  error?: { code: string; message: string };
}

export interface Detected {
  value: string;
  kind: string | null;
  canonical: string | null;
  display: string | null;
  error?: { code: string; message: string };
}

export interface Loss {
  amount: string;
  currency: string;
  minor: number;
}

export interface Report {
  id: string;
  orgId: string;
  typology: string;
  summary: string;
  occurredAt: string | null;
  country: string | null;
  channel: string | null;
  loss: Loss | null;
  source: string;
  createdAt: string;
  indicators: { id: string; kind: string; canonical: string; display: string; role: string | null }[];
}

export interface IndicatorDetail {
  id: string;
  kind: string;
  canonical: string;
  display: string;
  status: string;
  score: number;
  reports: number;
  organisations: number;
  countries: string[];
  typologies: string[];
  sightings: { seen: number; blocked: number; falsePositive: number };
  firstSeen: string;
  lastSeen: string;
  facts: Record<string, string>;
  losses: { currency: string; amount: string; minor: number; reports: number }[];
  provenance: { orgId: string; orgName: string; reportId: string | null; role: string | null; typology: string | null; country: string | null; observedAt: string; recordedAt: string }[];
  reportList: { id: string; typology: string; country: string | null; occurredAt: string | null; createdAt: string }[];
  recentSightings: { id: string; orgId: string; type: string; observedAt: string }[];
}

export interface Count {
  key: string;
  count: number;
}

export interface Dashboard {
  generatedAt: string;
  totals: { reports: number; indicators: number; activeIndicators: number; organisations: number; blockedSightings: number };
  losses: { currency: string; amount: string; minor: number; reports: number }[];
  reportsByDay: Count[];
  blockedByDay: Count[];
  typologies: Count[];
  countries: Count[];
  newIndicators: { id: string; kind: string; canonical: string; display: string; score: number; firstSeen: string }[];
  changes: { since: string | null; events: { entity: string; op: string; count: number }[] };
}

export interface IndicatorRef {
  id: string;
  kind: string;
  value: string;
}

export interface KeyNode extends IndicatorRef {
  reports: number;
  countries: string[];
  orgs: number;
  betweenness: number;
  score: number;
}

export interface NetworkSummary {
  id: string;
  size: number;
  reports: number;
  victims: number;
  orgs: number;
  loss: { currency: string; amount: string; minor: number }[];
  countries: string[];
  typologies: string[];
  kinds: Record<string, number>;
  firstActivity: string | null;
  lastActivity: string | null;
  keyNodes: KeyNode[];
}

export interface NetworkDetail extends NetworkSummary {
  members: (IndicatorRef & { reports: number; community: string })[];
  membersTruncated: boolean;
  communities: { id: string; size: number; reports: number; countries: string[]; keyNodes: KeyNode[] }[];
}

export interface ReportNode {
  id: string;
  orgId?: string;
  country: string | null;
  typology: string | null;
  at: string;
}

/** The bipartite graph of reports and the indicators they name (network export, neighbourhood). */
export interface ReportGraph {
  indicators: (IndicatorRef & { reports?: number; depth?: number; network?: string | null })[];
  reports: ReportNode[];
  edges: { report: string; indicator: string }[];
}

export interface Neighbourhood extends ReportGraph {
  center: IndicatorRef;
  truncated: boolean;
}

export interface Org {
  id: string;
  name: string;
  country: string;
  sector: string;
}

export interface Intake {
  id: string;
  status: 'pending' | 'accepted' | 'rejected';
  typology: string;
  /** Null for reviewers outside the node operator's organisation. */
  summary: string | null;
  occurredAt: string | null;
  country: string | null;
  channel: string | null;
  loss: Loss | null;
  indicators: { value: string; kind: string; canonical: string; display: string; role: string | null }[];
  contact: string | null;
  createdAt: string;
  reviewedAt: string | null;
  reportId: string | null;
  evidence: { id: string; name: string; mediaType: string; size: number; sha256: string }[];
}
