import { z } from 'zod';
import { REQUEST_KINDS } from '../requests/kinds/kind.js';

export const contactBody = z.strictObject({
  kind: z.enum([...REQUEST_KINDS, '*']).default('*').describe('The request kind this contact acts on, or * for every kind.'),
  role: z.enum(['primary', 'escalation']).default('primary').describe('Primary contacts get requests; escalation contacts get overdue alerts.'),
  name: z.string().trim().min(1).max(200).describe('A desk or duty officer, e.g. "Fraud operations 24/7 desk".'),
  email: z.email().max(320).optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  hours: z.string().trim().min(1).max(100).default('24/7'),
  timezone: z.string().trim().min(1).max(60).default('UTC'),
});
export type ContactBody = z.infer<typeof contactBody>;

export const contactView = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: z.string(),
  role: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hours: z.string(),
  timezone: z.string(),
});
export type ContactView = z.infer<typeof contactView>;
