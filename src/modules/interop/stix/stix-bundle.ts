import { v4 as uuidv4 } from 'uuid';
import type { AppContext } from '../../../app/context.js';
import { authorize } from '../../policy/policy.js';
import type { Reader } from '../visibility.js';
import { type FeedFilter, readWholeFeed } from './stix-feed.js';
import type { StixBundle, StixObject } from './stix-types.js';

/** Everything the reader may see as one STIX 2.1 bundle (definitions and markings first). */
export async function exportStixBundle(ctx: AppContext, reader: Reader, filter: FeedFilter = {}): Promise<StixBundle> {
  if (reader.principal) authorize(reader.principal, 'indicator:read');
  const objects: StixObject[] = [];
  for await (const page of readWholeFeed(ctx, reader, filter)) for (const e of page) objects.push(e.object);
  return { type: 'bundle', id: `bundle--${uuidv4()}`, objects };
}

/** Whether parsed JSON is a STIX bundle (2.0 or 2.1). */
export function isStixBundle(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'bundle' && Array.isArray((value as { objects?: unknown }).objects);
}
