import { z } from 'zod';
import { evidenceInput } from '../intake/intake.schema.js';
import { formHint } from './kinds/describe.js';
import { amount, country, currency, indicatorRef, isoTime, text } from './kinds/fields.js';
import { REQUEST_KINDS, type RequestKind } from './kinds/kind.js';
import { legInput } from './kinds/payment-intervention.js';
import { KIND_DEFINITIONS } from './kinds/registry.js';

export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;

export const REFUSAL_GROUNDS = [
  'political-offence',
  'essential-interests',
  'dual-criminality',
  'non-conformity',
  'domestic-prohibition',
  'insufficient-information',
  'no-data-held',
  'not-competent',
  'other',
] as const;

export const legalBasisInput = formHint(
  z.union([
    z.string().max(60).describe('A catalogue id, e.g. budapest-29 (GET /api/v1/requests/kinds lists them).'),
    z.strictObject({ instrument: text(300), article: z.string().max(20).nullable(), paragraph: z.string().max(20).nullable().default(null) }),
  ]),
  'legal-basis',
);
/** An organisation on this node, by id: forms offer the list. */
const orgRef = formHint(z.string().max(64), 'organisation');
/** One of the request's own legs, by id: forms name the leg. */
const legRef = formHint(z.string().max(64), 'leg-ref');

export const common = {
  to: orgRef.describe('The receiving organisation\'s id.'),
  urgency: z.enum(URGENCIES).default('urgent'),
  reference: text(100).optional().describe('The sender\'s own case reference.'),
  legalBasis: z.array(legalBasisInput).max(10).optional().describe('Left out, the kind\'s default for the recipient\'s jurisdiction.'),
  indicators: z.array(indicatorRef).max(100).optional(),
  attachments: z.array(evidenceInput).max(5).optional().describe('Stored by SHA-256 and size.'),
  parentId: z.string().max(64).optional(),
};
export const COMMON_FIELDS = new Set(['kind', ...Object.keys(common)]);

/** One body per kind: the common fields and the kind's contents, all declared in kinds/. */
function kindBody<K extends RequestKind>(kind: K) {
  return z.strictObject({ kind: z.literal(kind), ...common, ...KIND_DEFINITIONS[kind].fields });
}
const bodies = REQUEST_KINDS.map(kindBody) as unknown as [ReturnType<typeof kindBody>, ...ReturnType<typeof kindBody>[]];
export const createRequestBody = z.discriminatedUnion('kind', bodies);

/** The create body as the service reads it: common fields typed, the kind's contents as checked data. */
export interface CreateRequestInput {
  kind: RequestKind;
  to: string;
  urgency: (typeof URGENCIES)[number];
  reference?: string;
  legalBasis?: z.infer<typeof legalBasisInput>[];
  indicators?: z.infer<typeof indicatorRef>[];
  attachments?: z.infer<typeof evidenceInput>[];
  parentId?: string;
  [field: string]: unknown;
}

const orderRef = z.strictObject({ authority: text(300), reference: text(200), issuedAt: isoTime.optional() });

export const onwardHop = z.strictObject({
  to: orgRef.optional().describe('The organisation on this node the money went to: a child request is sent to it.'),
  institution: legInput.shape.institution,
  account: indicatorRef,
  amount,
  currency: currency.optional(),
  at: isoTime.optional(),
  references: legInput.shape.references,
});

export const legOutcome = z.strictObject({
  id: legRef,
  status: z.enum(['held', 'partially_held', 'moved', 'not_found']),
  held: amount.optional().describe('Amount now on hold at this institution.'),
  movedOn: amount.optional().describe('Amount already moved on before the hold.'),
  onwardHops: z.array(onwardHop).max(20).optional(),
});
export type LegOutcome = z.infer<typeof legOutcome>;

export const transitionBody = z.strictObject({
  to: z.string().max(40).describe('The state to move to; GET the request for its allowed moves.'),
  note: text(4000).optional(),
  ground: z.enum(REFUSAL_GROUNDS).optional().describe('Why a request is refused or rejected.'),
  reason: text(4000).optional(),
  answer: text(10_000).optional().describe('The answer to a dispute or an information request.'),
  legs: z.array(legOutcome).max(100).optional().describe('Per-leg outcome of a payment intervention.'),
  returns: z.array(z.strictObject({ legId: legRef, amount })).max(100).optional(),
  extension: z
    .strictObject({
      until: isoTime.optional(),
      order: orderRef.optional(),
      policeComplaint: z.strictObject({ number: text(100), agency: text(200), filedAt: isoTime }).optional(),
    })
    .optional()
    .describe('A hold extended by an order until a time, or by the victim\'s police complaint.'),
  order: orderRef.optional().describe('The court or authority order a seizure rests on.'),
  until: isoTime.optional().describe('Preservation: preserved until (at least the legal minimum).'),
  wrongful: z.boolean().optional().describe('A release because the freeze was wrong.'),
  nextHops: z
    .array(z.strictObject({ to: orgRef, kind: z.enum(['preservation', 'traffic-disclosure']).default('preservation'), provider: text(300), country: country.optional(), note: text(2000).optional() }))
    .max(20)
    .optional()
    .describe('Traffic disclosure: the next providers on the path; each gets a request.'),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const listRequestsQuery = z.strictObject({
  box: z.enum(['inbox', 'outbox', 'shared', 'all']).default('all'),
  kind: z.enum(REQUEST_KINDS).optional(),
  state: z.string().max(40).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export type ListRequestsQuery = z.infer<typeof listRequestsQuery>;

export const shareBody = z.strictObject({ orgId: z.string().max(64) });
