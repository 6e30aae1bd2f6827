import { z } from 'zod';
import { ProblemError } from '../../errors/problems.js';

/** TLP 2.0 (FIRST), narrowest last. */
export const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLPS)[number];

/** Who an object is distributed to, narrowest first: the order matters, see `narrowest`. */
export const DISTRIBUTIONS = ['organisation', 'groups', 'community', 'federation', 'public'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** The widest distribution each TLP allows: FIRST's meanings mapped onto a fraudx node. */
export const TLP_WIDEST: Record<Tlp, Distribution> = {
  // Anyone.
  clear: 'public',
  // The community: this node's organisations, and federated partners when the distribution says so.
  green: 'federation',
  // Recipient organisations (and their clients on need to know): every recipient the owner names.
  amber: 'federation',
  // The recipient organisation only: the owner, or organisations it names through sharing groups.
  'amber+strict': 'groups',
  // Named recipients only: the owner and the sharing groups it names.
  red: 'groups',
};

/** The marking of a shared object, as the API reads and writes it. */
export interface Marking {
  tlp: Tlp;
  distribution: Distribution;
  groups: string[];
}

export const markingInput = z.strictObject({
  tlp: z.enum(TLPS),
  distribution: z.enum(DISTRIBUTIONS).optional().describe('Left out: the organisation\'s default, narrowed to what the TLP allows.'),
  groups: z.array(z.string().max(64)).max(20).optional().describe('Sharing group ids, for distribution "groups".'),
});
export type MarkingInput = z.infer<typeof markingInput>;

export const markingView = z.object({
  tlp: z.enum(TLPS),
  distribution: z.enum(DISTRIBUTIONS),
  groups: z.array(z.string()),
});

/** The stored form: what `visibleTo` filters on. */
export interface MarkingRow {
  tlp: string;
  distribution: string;
  share_groups: string;
  audience: string;
}

export function narrowest(a: Distribution, b: Distribution): Distribution {
  return DISTRIBUTIONS.indexOf(a) <= DISTRIBUTIONS.indexOf(b) ? a : b;
}

export function isWider(a: Distribution, b: Distribution): boolean {
  return DISTRIBUTIONS.indexOf(a) > DISTRIBUTIONS.indexOf(b);
}

/**
 * The marking an owner asked for, completed from its organisation's default and checked: a
 * distribution wider than the TLP allows is refused rather than silently narrowed, so the owner
 * is never surprised by who sees its object.
 *
 * @example
 * resolveMarking({ tlp: 'red' }, { tlp: 'green', distribution: 'community', groups: [] })
 * // → { tlp: 'red', distribution: 'organisation', groups: [] }
 */
export function resolveMarking(input: MarkingInput | undefined, orgDefault: Marking): Marking {
  if (!input) return orgDefault;
  const widest = TLP_WIDEST[input.tlp];
  const groups = input.groups ?? [];
  let distribution = input.distribution ?? (groups.length ? 'groups' : undefined);
  if (!distribution) {
    distribution = narrowest(orgDefault.distribution, widest);
    // The default reaches further than this TLP allows and names no groups: keep it to the owner.
    if (distribution === 'groups' && groups.length === 0 && orgDefault.distribution !== 'groups') distribution = 'organisation';
  }
  if (isWider(distribution, widest)) {
    throw new ProblemError('marking-invalid', `TLP:${input.tlp.toUpperCase()} may be distributed at most to "${widest}", not "${distribution}"`);
  }
  if (distribution === 'groups') {
    const named = groups.length ? groups : orgDefault.distribution === 'groups' ? orgDefault.groups : [];
    if (named.length === 0) throw new ProblemError('marking-invalid', 'distribution "groups" needs at least one sharing group');
    return { tlp: input.tlp, distribution, groups: [...new Set(named)].sort() };
  }
  if (groups.length) throw new ProblemError('marking-invalid', 'groups may only be named with distribution "groups"');
  return { tlp: input.tlp, distribution, groups: [] };
}

/** The columns a marking is stored in. The audience is the distribution the TLP lets through. */
export function markingColumns(marking: Marking): MarkingRow {
  return {
    tlp: marking.tlp,
    distribution: marking.distribution,
    share_groups: marking.groups.length ? `,${marking.groups.join(',')},` : '',
    audience: narrowest(marking.distribution, TLP_WIDEST[marking.tlp]),
  };
}

export function markingOf(row: MarkingRow): Marking {
  return {
    tlp: row.tlp as Tlp,
    distribution: row.distribution as Distribution,
    groups: row.share_groups ? row.share_groups.slice(1, -1).split(',') : [],
  };
}

export const DEFAULT_MARKING: Marking = { tlp: 'green', distribution: 'community', groups: [] };
