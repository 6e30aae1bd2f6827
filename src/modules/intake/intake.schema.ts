import { z } from 'zod';
import { KIND_NAMES } from '../indicators/kinds/kind.js';
import { countryCode } from '../orgs/orgs.schema.js';
import { indicatorInput, lossInput } from '../reports/reports.schema.js';
import { CHANNELS, TYPOLOGY_NAMES } from '../typologies/typologies.js';

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 4 * 1024 * 1024;
export const INTAKE_STATUSES = ['pending', 'accepted', 'rejected'] as const;

export const evidenceInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  mediaType: z.string().max(100).regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as image/png'),
  // base64 of at most MAX_EVIDENCE_BYTES bytes.
  data: z.base64().max(Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4),
});
export type EvidenceInput = z.infer<typeof evidenceInput>;

export const evidenceView = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type EvidenceView = z.infer<typeof evidenceView>;

export const evidenceBody = z.strictObject({ files: z.array(evidenceInput).min(1).max(MAX_EVIDENCE_FILES) });

export const publicReportBody = z.strictObject({
  typology: z.enum(TYPOLOGY_NAMES),
  summary: z.string().trim().min(1).max(20_000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  country: countryCode.optional(),
  channel: z.enum(CHANNELS).optional(),
  loss: lossInput.optional(),
  indicators: z.array(indicatorInput).max(50).default([]),
  contact: z.string().trim().max(500).optional().describe('How the intake officer may reach the reporter; never shared.'),
  evidence: z.array(evidenceInput).max(MAX_EVIDENCE_FILES).default([]),
  altcha: z.string().min(1).max(10_000).describe('The solved proof-of-work from GET /api/v1/public/challenge, as the ALTCHA widget gives it.'),
});
export type PublicReportBody = z.infer<typeof publicReportBody>;

const parsedIndicatorView = z.object({ value: z.string(), kind: z.string(), canonical: z.string(), display: z.string(), role: z.string().nullable() });

export const intakeView = z.object({
  id: z.string(),
  status: z.enum(INTAKE_STATUSES),
  typology: z.string(),
  summary: z.string().nullable().describe('The reporter\'s story; null for reviewers outside the node operator\'s organisation.'),
  occurredAt: z.string().nullable(),
  country: z.string().nullable(),
  channel: z.string().nullable(),
  loss: z.object({ amount: z.string(), currency: z.string(), minor: z.number() }).nullable(),
  indicators: z.array(parsedIndicatorView),
  contact: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  reportId: z.string().nullable(),
  evidence: z.array(evidenceView),
});
export type IntakeView = z.infer<typeof intakeView>;

export const publicReportReceipt = z.object({
  id: z.string(),
  status: z.literal('pending'),
  indicators: z.array(parsedIndicatorView),
  evidence: z.array(evidenceView.pick({ name: true, size: true, sha256: true })),
});

export const listIntakeQuery = z.strictObject({
  status: z.enum(INTAKE_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const reviewBody = z.strictObject({ note: z.string().max(2000).optional() });

export const detectQuery = z.strictObject({
  value: z.string().min(1).max(2048),
  kind: z.enum(KIND_NAMES).optional(),
  country: z.string().length(2).optional(),
});

export const detectResponse = z.object({
  value: z.string(),
  kind: z.string().nullable(),
  canonical: z.string().nullable(),
  display: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
