import { z } from 'zod';
import { KIND_NAMES } from '../../indicators/kinds/kind.js';
import { countryCode } from '../../orgs/orgs.schema.js';
import { TYPOLOGY_NAMES } from '../../typologies/typologies.js';

/** Filters every indicator export takes: what a firewall, resolver or fraud engine wants loaded. */
export const exportFilters = z.strictObject({
  kind: z.enum(KIND_NAMES).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  typology: z.enum(TYPOLOGY_NAMES).optional(),
  country: countryCode.optional(),
  changedSince: z.iso.datetime({ offset: true }).optional().describe('Only indicators changed at or after this time.'),
  status: z.enum(['active', 'disputed', 'allowed', 'expired', 'any']).default('active').describe('Blocklists want active ones (the default).'),
});
export type ExportFilters = z.infer<typeof exportFilters>;

export const blocklistParams = z.strictObject({ kind: z.enum(KIND_NAMES) });
