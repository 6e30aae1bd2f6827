import { z } from 'zod';

export const dashboardQuery = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional().describe('The time of your last visit: "what changed" counts from here.'),
  days: z.coerce.number().int().min(7).max(730).default(180).describe('How many days the time series cover.'),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const count = z.object({ key: z.string(), count: z.number() });

export const dashboardView = z.object({
  generatedAt: z.string(),
  totals: z.object({ reports: z.number(), indicators: z.number(), activeIndicators: z.number(), organisations: z.number(), blockedSightings: z.number() }),
  losses: z.array(z.object({ currency: z.string(), amount: z.string(), minor: z.number(), reports: z.number() })),
  reportsByDay: z.array(count),
  blockedByDay: z.array(count),
  typologies: z.array(count),
  countries: z.array(count),
  newIndicators: z.array(z.object({ id: z.string(), kind: z.string(), canonical: z.string(), display: z.string(), score: z.number(), firstSeen: z.string() })),
  changes: z.object({ since: z.string().nullable(), events: z.array(z.object({ entity: z.string(), op: z.string(), count: z.number() })) }),
});
export type DashboardView = z.infer<typeof dashboardView>;
