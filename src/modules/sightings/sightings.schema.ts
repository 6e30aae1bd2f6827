import { z } from 'zod';
import { KIND_NAMES } from '../indicators/kinds/kind.js';
import { markingInput, markingView } from '../policy/markings.js';

export const SIGHTING_TYPES = ['seen', 'blocked', 'false-positive'] as const;

export const createSightingBody = z.strictObject({
  value: z.string().min(1).max(2048),
  kind: z.enum(KIND_NAMES).optional(),
  type: z.enum(SIGHTING_TYPES),
  country: z.string().length(2).optional().describe('Default country for national numbers.'),
  observedAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().max(2000).optional(),
  marking: markingInput.optional().describe('Left out: the organisation\'s default marking.'),
});
export type CreateSightingBody = z.infer<typeof createSightingBody>;

export const sightingView = z.object({
  id: z.string(),
  indicatorId: z.string(),
  kind: z.string(),
  canonical: z.string(),
  type: z.enum(SIGHTING_TYPES),
  orgId: z.string(),
  observedAt: z.string(),
  score: z.number().describe('The indicator\'s score after this sighting.'),
  marking: markingView,
});
