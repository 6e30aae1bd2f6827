import { z } from 'zod';
import { KIND_NAMES } from '../indicators/kinds/kind.js';
import { markingInput, markingView } from '../policy/markings.js';

export const SIGHTING_TYPES = ['seen', 'blocked', 'false-positive'] as const;

/** Which way the funds went, seen from the sighted indicator. */
export const COUNTERPARTY_DIRECTIONS = ['received-from', 'paid-to'] as const;
export type CounterpartyDirection = (typeof COUNTERPARTY_DIRECTIONS)[number];

export const counterpartyInput = z
  .strictObject({
    value: z.string().min(1).max(2048),
    kind: z.enum(KIND_NAMES).optional(),
    country: z.string().length(2).optional().describe('Default country for national numbers.'),
    direction: z.enum(COUNTERPARTY_DIRECTIONS).describe('received-from: the sighted indicator received funds from the counterparty; paid-to: it paid the counterparty.'),
  })
  .describe('The other side of a transfer that was seen or blocked, an indicator already known to your organisation. Networks link the two ("funds-from").');

export const createSightingBody = z.strictObject({
  value: z.string().min(1).max(2048),
  kind: z.enum(KIND_NAMES).optional(),
  type: z.enum(SIGHTING_TYPES),
  country: z.string().length(2).optional().describe('Default country for national numbers.'),
  observedAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().max(2000).optional(),
  counterparty: counterpartyInput.optional(),
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
  counterparty: z.object({ indicatorId: z.string(), kind: z.string(), canonical: z.string(), direction: z.enum(COUNTERPARTY_DIRECTIONS) }).optional(),
  marking: markingView,
});
