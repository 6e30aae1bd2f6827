import { z } from 'zod';
import { KIND_NAMES } from '../../indicators/kinds/kind.js';
import { countryCode } from '../../orgs/orgs.schema.js';
import { formHint } from './describe.js';
import type { Move, MoveField } from './kind.js';

/** Pieces of request contents that several kinds share. */
export const text = (max = 4000) => z.string().trim().min(1).max(max);
export const isoTime = z.iso.datetime({ offset: true });

/** A country as forms ask for it: two letters. */
export const country = formHint(countryCode, 'country');

export const indicatorRef = formHint(
  z.strictObject({
    value: z.string().min(1).max(2048),
    kind: z.enum(KIND_NAMES).optional(),
    country: country.optional(),
  }),
  'indicator',
);

export const amount = formHint(z.string().max(40), 'amount').describe('Decimal string in the currency, e.g. "125000.00"; never a float.');
export const currency = formHint(z.string().length(3), 'currency').describe('ISO 4217 code.');

export const authority = z.strictObject({
  name: text(300),
  type: z.enum(['police', 'prosecutor', 'court', 'central-authority', 'anti-scam-centre', 'fiu', 'regulator', 'bank', 'other']).optional(),
  officer: text(200).optional(),
  contact: text(300).optional(),
});

export const dataToPreserve = z.strictObject({
  description: text(),
  categories: z.array(z.enum(['subscriber', 'traffic', 'content', 'other'])).min(1),
  timeRange: z.strictObject({ from: isoTime, to: isoTime }).optional(),
  relationToOffence: text(2000),
});

export const custodian = z.strictObject({
  provider: text(300),
  country: country.optional(),
  location: text(500).optional(),
});

/** Moves that read the same in every kind. */
export const recipient = (...requires: MoveField[]): Move => ({ by: ['recipient'], requires });
export const sender = (...requires: MoveField[]): Move => ({ by: ['sender'], requires });
export const either = (...requires: MoveField[]): Move => ({ by: ['sender', 'recipient'], requires });
export const clock: Move = { by: ['system'] };
/** Either side, or the node itself acting on a decision elsewhere (an upheld dispute releases a freeze). */
export const eitherOrNode = (...requires: MoveField[]): Move => ({ by: ['sender', 'recipient', 'system'], requires });
export const withdraw = sender();
export const close = { closed: either() };
