import { z } from 'zod';
import { KIND_NAMES } from '../indicators/kinds/kind.js';
import { countryCode } from '../orgs/orgs.schema.js';
import { markingInput, markingView } from '../policy/markings.js';
import { CHANNELS, INDICATOR_ROLES, TYPOLOGY_NAMES } from '../typologies/typologies.js';

export const indicatorInput = z.strictObject({
  value: z.string().min(1).max(2048).describe('The identifier as the victim or analyst has it; it is normalised.'),
  kind: z.enum(KIND_NAMES).optional().describe('Left out, the kind is detected.'),
  role: z.enum(INDICATOR_ROLES).optional().describe('What the identifier was in the scam.'),
  country: countryCode.optional().describe('Country for national phone numbers and accounts; defaults to the report\'s.'),
});

export const lossInput = z.strictObject({
  amount: z.string().max(40).describe('Decimal string, e.g. "125000.00"; never a float.'),
  currency: z.string().length(3).describe('ISO 4217 code.'),
});

export const createReportBody = z.strictObject({
  typology: z.enum(TYPOLOGY_NAMES),
  summary: z.string().max(20_000).default(''),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  country: countryCode.optional(),
  channel: z.enum(CHANNELS).optional(),
  loss: lossInput.optional(),
  indicators: z.array(indicatorInput).max(500).default([]),
  marking: markingInput.optional().describe('Who may see the report and what it asserts; left out, the organisation\'s default.'),
});
export type CreateReportBody = z.infer<typeof createReportBody>;

export const reportIndicatorView = z.object({
  id: z.string(),
  kind: z.string(),
  canonical: z.string(),
  display: z.string(),
  role: z.string().nullable(),
});

export const reportView = z.object({
  id: z.string(),
  orgId: z.string(),
  typology: z.string(),
  summary: z.string().nullable().describe('The narrative: personal data, encrypted at rest. Null when you may not read it or it was erased.'),
  personalErasedAt: z.string().nullable(),
  marking: markingView,
  occurredAt: z.string().nullable(),
  country: z.string().nullable(),
  channel: z.string().nullable(),
  loss: z.object({ amount: z.string(), currency: z.string(), minor: z.number() }).nullable(),
  source: z.string(),
  createdAt: z.string(),
  indicators: z.array(reportIndicatorView),
});
export type ReportView = z.infer<typeof reportView>;

export const listReportsQuery = z.strictObject({
  typology: z.enum(TYPOLOGY_NAMES).optional(),
  country: countryCode.optional(),
  org: z.string().max(64).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Search by typology, country code, or part of an indicator value. Summaries are not searched: they are personal.'),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

export const markingChangeBody = z.strictObject({
  marking: markingInput,
  reason: z.string().trim().min(1).max(500).describe('Why: kept in the audit log.'),
});
export type MarkingChangeBody = z.infer<typeof markingChangeBody>;

export const erasePersonalBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('Why (for example the victim\'s request): kept in the audit log.'),
});
