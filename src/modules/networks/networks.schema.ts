import { z } from 'zod';
import { KIND_NAMES } from '../indicators/kinds/kind.js';
import { countryCode } from '../orgs/orgs.schema.js';
import { TYPOLOGY_NAMES } from '../typologies/typologies.js';
import { EXPORT_FORMATS } from './network-export.js';
import { LINK_RELATIONS } from './network-graph.js';

export const NETWORK_SORTS = ['reports', 'size', 'loss', 'activity'] as const;

export const listNetworksQuery = z.strictObject({
  country: countryCode.optional().describe('Only networks with a report from this country.'),
  typology: z.enum(TYPOLOGY_NAMES).optional(),
  minSize: z.coerce.number().int().min(1).optional().describe('Fewest indicators.'),
  maxSize: z.coerce.number().int().min(1).optional(),
  currency: z.string().length(3).optional().describe('Currency of minLoss, and of sort=loss.'),
  minLoss: z.string().max(40).optional().describe('Decimal amount in `currency`, e.g. "10000.00".'),
  activeSince: z.iso.datetime({ offset: true }).optional().describe('Last activity at or after.'),
  activeUntil: z.iso.datetime({ offset: true }).optional().describe('First activity before.'),
  sort: z.enum(NETWORK_SORTS).default('reports'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListNetworksQuery = z.infer<typeof listNetworksQuery>;

export const indicatorRefView = z.object({
  id: z.string(),
  kind: z.string(),
  value: z.string(),
  coercedOperator: z.boolean().optional().describe('Operated by a presumed victim of trafficking: used in fraud, but not evidence against its operator'),
});

export const keyNodeView = indicatorRefView.extend({
  reports: z.number(),
  countries: z.array(z.string()),
  orgs: z.number(),
  betweenness: z.number(),
  score: z.number().describe('(reports + 2·countries + orgs) × (1 + betweenness)'),
});

export const moneyView = z.object({ currency: z.string(), amount: z.string(), minor: z.number() });

export const networkSummaryView = z.object({
  id: z.string().describe('Stable across recomputation while most of the membership stays.'),
  size: z.number().describe('Indicators in the network.'),
  reports: z.number(),
  victims: z.number(),
  orgs: z.number(),
  loss: z.array(moneyView),
  countries: z.array(z.string()),
  typologies: z.array(z.string()),
  kinds: z.record(z.string(), z.number()),
  firstActivity: z.string().nullable(),
  lastActivity: z.string().nullable(),
  keyNodes: z.array(keyNodeView),
});
export type NetworkSummaryView = z.infer<typeof networkSummaryView>;

export const networkDetailView = networkSummaryView.extend({
  members: z.array(indicatorRefView.extend({ reports: z.number(), community: z.string() })),
  membersTruncated: z.boolean(),
  communities: z.array(z.object({ id: z.string(), size: z.number(), reports: z.number(), countries: z.array(z.string()), keyNodes: z.array(keyNodeView) })),
});
export type NetworkDetailView = z.infer<typeof networkDetailView>;

export const networkParams = z.strictObject({ id: z.string().min(1).max(80) });
export const networkDetailQuery = z.strictObject({ membersLimit: z.coerce.number().int().min(1).max(10_000).default(500) });
export const exportQuery = z.strictObject({ format: z.enum(EXPORT_FORMATS).default('graphml') });

export const neighbourhoodParams = z.strictObject({ kind: z.enum(KIND_NAMES), value: z.string().min(1).max(2048) });
export const neighbourhoodQuery = z.strictObject({
  depth: z.coerce.number().int().min(1).max(6).default(2),
  limit: z.coerce.number().int().min(1).max(5000).default(500).describe('Most nodes (indicators and reports) returned.'),
  country: countryCode.optional().describe('Default country for national numbers.'),
});

const reportNodeView = z.object({ id: z.string(), orgId: z.string(), country: z.string().nullable(), typology: z.string().nullable(), at: z.string() });

const linkView = z.object({
  id: z.string().describe('The sighting that says so.'),
  relation: z.enum(LINK_RELATIONS).describe('funds-from: `to` received funds from `from`.'),
  orgId: z.string(),
  at: z.string(),
  from: z.string().describe('Indicator id of the payer.'),
  to: z.string().describe('Indicator id of the payee.'),
});

export const neighbourhoodView = z.object({
  center: indicatorRefView,
  indicators: z.array(indicatorRefView.extend({ depth: z.number(), network: z.string().nullable() })),
  reports: z.array(reportNodeView),
  edges: z.array(z.object({ report: z.string(), indicator: z.string() })),
  links: z.array(linkView).describe('Sighting-derived links between the indicators returned.'),
  truncated: z.boolean(),
});

export const pathQuery = z.strictObject({
  from: z.string().min(3).max(2100).describe('KIND:VALUE, e.g. phone:+66812345678'),
  to: z.string().min(3).max(2100),
  country: countryCode.optional().describe('Default country for national numbers.'),
});

export const pathView = z.object({
  found: z.boolean(),
  length: z.number().nullable().describe('Reports and sighting links on the path.'),
  steps: z.array(z.union([indicatorRefView.extend({ type: z.literal('indicator') }), reportNodeView.extend({ type: z.literal('report') }), linkView.extend({ type: z.literal('link') })])),
});

export const hubsQuery = z.strictObject({
  minCountries: z.coerce.number().int().min(1).max(250).default(2),
  minOrgs: z.coerce.number().int().min(1).max(10_000).default(2),
  kind: z.enum(KIND_NAMES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const hubView = indicatorRefView.extend({ reports: z.number(), countries: z.array(z.string()), orgs: z.number(), network: z.string().nullable() });
