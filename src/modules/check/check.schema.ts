import { z } from 'zod';

export const MAX_CHECK_ITEMS = 10_000;

export const checkItem = z.strictObject({
  value: z.string().max(4096),
  kind: z.string().max(32).optional().describe('One of the kind names; left out, the kind is detected.'),
  country: z.string().max(2).optional().describe('ISO 3166-1 alpha-2 default country for national numbers.'),
});

export const checkBody = z.strictObject({
  items: z.array(checkItem).min(1),
});
export type CheckBody = z.infer<typeof checkBody>;

export const checkResult = z.object({
  value: z.string(),
  kind: z.string().optional(),
  canonical: z.string().optional(),
  known: z.boolean().optional(),
  status: z.string().optional(),
  allowlisted: z.string().optional().describe('The known-good list that holds the value; such values are never known as fraud.'),
  score: z.number().optional(),
  reports: z.number().optional(),
  organisations: z.number().optional(),
  countries: z.array(z.string()).optional(),
  typologies: z.array(z.string()).optional(),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  withheld: z.boolean().optional().describe('Known, from intelligence whose details are not shared with you: no counts are given'),
  coercedOperator: z.boolean().optional().describe('True when a presumed victim of trafficking was forced to operate this identifier: it was used to defraud, but its holder is not to be treated as the perpetrator'),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type CheckResult = z.infer<typeof checkResult>;

export const checkResponse = z.object({ results: z.array(checkResult) });

export const publicCheckQuery = z.strictObject({
  value: z.string().min(1).max(4096),
  kind: z.string().max(32).optional(),
  country: z.string().max(2).optional(),
});

export const publicCheckResponse = z.object({
  known: z.boolean(),
  kind: z.string().nullable(),
  canonical: z.string().nullable(),
  reports: z.number(),
  typologies: z.array(z.string()),
  advice: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
