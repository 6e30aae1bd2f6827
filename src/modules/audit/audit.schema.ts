import { z } from 'zod';

export const auditQuery = z.strictObject({
  action: z.string().max(64).optional().describe('An action, or its prefix ending in "." (e.g. "marking.").'),
  actor: z.string().max(64).optional(),
  org: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  orgId: z.string().nullable(),
  actorId: z.string(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

export const auditPage = z.object({ items: z.array(auditEntryView), next: z.string().nullable() });
