import { z } from 'zod';

/** Comma-separated values of one `match[…]` filter. */
const list = z
  .string()
  .max(10_000)
  .transform((s) => new Set(s.split(',').map((v) => v.trim()).filter(Boolean)));

export const objectsQuery = z.object({
  added_after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  next: z.string().max(200).optional(),
  'match[id]': list.optional(),
  'match[type]': list.optional(),
  'match[version]': list.optional(),
  'match[spec_version]': list.optional(),
});
export type ObjectsQuery = z.infer<typeof objectsQuery>;

export const collectionParams = z.object({ apiRoot: z.string().max(64), collection: z.string().max(100) });
export const objectParams = collectionParams.extend({ objectId: z.string().max(300) });
export const statusParams = z.object({ apiRoot: z.string().max(64), statusId: z.string().max(100) });

export const envelopeBody = z.looseObject({
  objects: z.array(z.looseObject({ type: z.string(), id: z.string() })).max(100_000).default([]),
});
