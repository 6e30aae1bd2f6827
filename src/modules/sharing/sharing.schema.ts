import { z } from 'zod';

export const GROUP_ROLES = ['owner', 'member'] as const;

export const createGroupBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  members: z.array(z.string().max(64)).max(500).default([]).describe('Organisation ids to add as members; the creating organisation is an owner.'),
});
export type CreateGroupBody = z.infer<typeof createGroupBody>;

export const addMemberBody = z.strictObject({
  orgId: z.string().max(64),
  role: z.enum(GROUP_ROLES).default('member'),
});
export type AddMemberBody = z.infer<typeof addMemberBody>;

export const groupView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdByOrg: z.string(),
  createdAt: z.string(),
  members: z.array(z.object({ orgId: z.string(), orgName: z.string(), role: z.enum(GROUP_ROLES), addedAt: z.string() })),
});
export type GroupView = z.infer<typeof groupView>;
