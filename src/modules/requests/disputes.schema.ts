import { z } from 'zod';
import { evidenceInput, MAX_EVIDENCE_FILES } from '../intake/intake.schema.js';
import { indicatorRef, text } from './kinds/fields.js';
import { DISPUTE_GROUNDS } from './kinds/redress.js';

export const publicDisputeBody = z.strictObject({
  indicator: indicatorRef.describe('Your number, account, wallet or site that is listed.'),
  grounds: z.enum(DISPUTE_GROUNDS),
  statement: text(10_000).describe('Why the listing is wrong.'),
  contact: z
    .strictObject({ name: text(200).optional(), email: z.email().max(320).optional(), phone: text(40).optional() })
    .refine((c) => c.email || c.phone, 'give an e-mail address or a phone number so the answer can reach you'),
  evidence: z.array(evidenceInput).max(MAX_EVIDENCE_FILES).optional(),
  altcha: z.string().min(1).max(10_000).describe('The solved proof-of-work from GET /api/v1/public/challenge.'),
});
export type PublicDisputeBody = z.infer<typeof publicDisputeBody>;

export const publicDisputeReceipt = z.object({
  id: z.string(),
  state: z.string(),
  answerBy: z.string().nullable(),
  token: z.string().describe('Keep it: with it you can follow your dispute at GET /api/v1/public/disputes/{id}?token=…'),
});
