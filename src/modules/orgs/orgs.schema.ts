import { z } from 'zod';
import { isCountryCode } from '../../shared/countries.js';

export const SECTORS = [
  'anti-scam-centre',
  'law-enforcement',
  'bank',
  'payment-provider',
  'crypto-exchange',
  'telco',
  'platform',
  'registrar',
  'regulator',
  'government',
  'international-organisation',
  'ngo',
  'other',
] as const;

export const countryCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code' });

export const createOrgBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  country: countryCode,
  sector: z.enum(SECTORS),
});
export type CreateOrgBody = z.infer<typeof createOrgBody>;

export const orgResponse = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  sector: z.string(),
  isNodeOwner: z.boolean(),
  createdAt: z.string(),
});
