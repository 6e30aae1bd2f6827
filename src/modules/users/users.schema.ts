import { z } from 'zod';
import { ROLES } from '../policy/roles.js';
import { MIN_PASSWORD } from './passwords.js';

export const loginBody = z.strictObject({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1024),
});

export const sessionView = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), orgId: z.string(), orgName: z.string() }),
  csrfToken: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

export const userView = z.object({
  id: z.string(),
  orgId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locked: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userView>;

export const createUserBody = z.strictObject({
  email: z.email().trim().toLowerCase().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES).refine((r) => r !== 'machine', 'machines use API keys'),
  orgId: z.string().max(64).optional().describe('Left out: your organisation. Other organisations: node owner admins only.'),
  password: z.string().min(MIN_PASSWORD).max(1024).optional().describe('Left out: one is generated and returned once.'),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const resetPasswordBody = z.strictObject({
  password: z.string().min(MIN_PASSWORD).max(1024).optional().describe('Left out: one is generated and returned once.'),
});

export const changePasswordBody = z.strictObject({
  current: z.string().max(1024),
  password: z.string().min(MIN_PASSWORD).max(1024),
});
