import { z } from 'zod';
import { KIND_NAMES } from './kinds/kind.js';
import { INDICATOR_STATUSES } from './indicators.model.js';
import { markingView } from '../policy/markings.js';

export const indicatorParams = z.strictObject({
  kind: z.enum(KIND_NAMES),
  value: z.string().min(1).max(2048),
});

export const indicatorQuery = z.strictObject({
  country: z.string().length(2).optional().describe('Default country for national numbers.'),
});

export const listIndicatorsQuery = z.strictObject({
  kind: z.enum(KIND_NAMES).optional(),
  status: z.enum(INDICATOR_STATUSES).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  typology: z.string().max(40).optional(),
  country: z.string().length(2).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export type ListIndicatorsQuery = z.infer<typeof listIndicatorsQuery>;

export const setStatusBody = z.strictObject({
  status: z.enum(INDICATOR_STATUSES),
  reason: z.string().min(1).max(2000),
});

export const indicatorSummary = z.object({
  id: z.string(),
  kind: z.string(),
  canonical: z.string(),
  display: z.string(),
  status: z.string(),
  score: z.number(),
  reports: z.number(),
  organisations: z.number(),
  countries: z.array(z.string()),
  typologies: z.array(z.string()),
  sightings: z.object({ seen: z.number(), blocked: z.number(), falsePositive: z.number() }),
  firstSeen: z.string(),
  lastSeen: z.string(),
  facts: z.record(z.string(), z.string()),
});
export type IndicatorSummary = z.infer<typeof indicatorSummary>;

export const indicatorDetail = indicatorSummary.extend({
  losses: z.array(z.object({ currency: z.string(), amount: z.string(), minor: z.number(), reports: z.number() })),
  provenance: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      reportId: z.string().nullable(),
      role: z.string().nullable(),
      typology: z.string().nullable(),
      country: z.string().nullable(),
      observedAt: z.string(),
      recordedAt: z.string(),
      marking: markingView,
    }),
  ),
  reports: z.number(),
  reportList: z.array(z.object({ id: z.string(), typology: z.string(), country: z.string().nullable(), occurredAt: z.string().nullable(), createdAt: z.string() })),
  recentSightings: z.array(z.object({ id: z.string(), orgId: z.string(), type: z.string(), observedAt: z.string() })),
});
export type IndicatorDetail = z.infer<typeof indicatorDetail>;
