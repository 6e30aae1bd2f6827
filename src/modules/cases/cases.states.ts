import { ProblemError } from '../../errors/problems.js';

/**
 * The state machines of victim work, as tables: a case, a repatriation and a referral each move
 * only along a listed edge, and an edge may need something first (a reason, a screening outcome).
 * The tables are the documentation: `docs` and the tests read them as they are.
 */
export type Requirement = 'reason' | 'victim-screening' | 'stranded-reason';

export interface Edge<S extends string> {
  from: S;
  to: S;
  needs?: readonly Requirement[];
}

export const CASE_STATES = ['intake', 'screening', 'identified', 'assistance', 'repatriation', 'follow-up', 'closed', 'closed-referred', 'screened-out'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** How each state reads as HTCDS `cas_Status`. */
export const HTCDS_CASE_STATUS: Record<CaseState, 'Active' | 'FollowUp' | 'Closed' | 'ClosedReferred'> = {
  intake: 'Active',
  screening: 'Active',
  identified: 'Active',
  assistance: 'Active',
  repatriation: 'Active',
  'follow-up': 'FollowUp',
  closed: 'Closed',
  'closed-referred': 'ClosedReferred',
  'screened-out': 'Closed',
};

export const CASE_EDGES: readonly Edge<CaseState>[] = [
  { from: 'intake', to: 'screening' },
  // Identified only on a screening a person recorded as presumed victim or inconclusive-and-referred.
  { from: 'screening', to: 'identified', needs: ['victim-screening'] },
  { from: 'screening', to: 'screened-out', needs: ['reason'] },
  { from: 'screening', to: 'closed-referred', needs: ['reason'] },
  { from: 'screened-out', to: 'screening', needs: ['reason'] },
  { from: 'identified', to: 'assistance' },
  { from: 'identified', to: 'closed-referred', needs: ['reason'] },
  { from: 'assistance', to: 'repatriation' },
  { from: 'assistance', to: 'follow-up' },
  { from: 'assistance', to: 'closed-referred', needs: ['reason'] },
  { from: 'repatriation', to: 'assistance', needs: ['reason'] },
  { from: 'repatriation', to: 'follow-up' },
  { from: 'repatriation', to: 'closed-referred', needs: ['reason'] },
  { from: 'follow-up', to: 'closed', needs: ['reason'] },
  { from: 'follow-up', to: 'closed-referred', needs: ['reason'] },
  { from: 'closed', to: 'follow-up', needs: ['reason'] },
];

export const REPATRIATION_STATES = [
  'nationality-verification', 'travel-documents', 'clearance', 'handover-scheduled', 'handed-over', 'arrived', 'reintegration-referred',
  'stranded', 'declined',
] as const;
export type RepatriationState = (typeof REPATRIATION_STATES)[number];
/** Why a person waits with no way forward: no mission of their country here, or no money for the journey. */
export const STRANDED_REASONS = ['no-embassy', 'no-funding'] as const;

const BEFORE_HANDOVER = ['nationality-verification', 'travel-documents', 'clearance', 'handover-scheduled'] as const satisfies readonly RepatriationState[];

export const REPATRIATION_EDGES: readonly Edge<RepatriationState>[] = [
  { from: 'nationality-verification', to: 'travel-documents' },
  { from: 'travel-documents', to: 'clearance' },
  { from: 'clearance', to: 'handover-scheduled' },
  { from: 'handover-scheduled', to: 'handed-over' },
  { from: 'handed-over', to: 'arrived' },
  { from: 'arrived', to: 'reintegration-referred' },
  // A person can be stranded, or decline to return, at any step before the handover, and resume.
  ...BEFORE_HANDOVER.flatMap((s) => [
    { from: s, to: 'stranded' as const, needs: ['stranded-reason'] as const },
    { from: 'stranded' as const, to: s },
    { from: s, to: 'declined' as const, needs: ['reason'] as const },
  ]),
  { from: 'declined', to: 'nationality-verification', needs: ['reason'] },
];

export const REFERRAL_STATES = ['requested', 'accepted', 'in-progress', 'completed', 'declined', 'cancelled'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export const OPEN_REFERRAL_STATES: readonly ReferralState[] = ['requested', 'accepted', 'in-progress'];

export const REFERRAL_EDGES: readonly Edge<ReferralState>[] = [
  { from: 'requested', to: 'accepted' },
  { from: 'requested', to: 'declined', needs: ['reason'] },
  { from: 'accepted', to: 'in-progress' },
  { from: 'accepted', to: 'completed' },
  { from: 'in-progress', to: 'completed' },
  ...OPEN_REFERRAL_STATES.map((s) => ({ from: s, to: 'cancelled' as const, needs: ['reason'] as const })),
];

/** What the caller brings to a transition, checked against the edge's needs. */
export interface TransitionFacts {
  reason?: string | null;
  strandedReason?: string | null;
  /** The latest screening outcome recorded on the case, if any. */
  screeningOutcome?: string | null;
}

/**
 * The edge from `from` to `to`, or a `conflict` problem naming the states that are allowed.
 *
 * @example
 * edgeOrThrow(CASE_EDGES, 'intake', 'screening', {})   // → { from: 'intake', to: 'screening' }
 * edgeOrThrow(CASE_EDGES, 'intake', 'closed', {})      // throws conflict: allowed next: screening
 */
export function edgeOrThrow<S extends string>(edges: readonly Edge<S>[], from: S, to: S, facts: TransitionFacts): Edge<S> {
  const edge = edges.find((e) => e.from === from && e.to === to);
  if (!edge) {
    const next = edges.filter((e) => e.from === from).map((e) => e.to);
    throw new ProblemError('invalid-transition', `cannot go from ${from} to ${to}; allowed next: ${next.join(', ') || 'none'}`, { from, to, allowed: next });
  }
  for (const need of edge.needs ?? []) {
    if (need === 'reason' && !facts.reason?.trim()) throw new ProblemError('invalid-transition', `going from ${from} to ${to} needs a reason`, { from, to });
    if (need === 'stranded-reason' && !facts.strandedReason) {
      throw new ProblemError('invalid-transition', `going to ${to} needs strandedReason (${STRANDED_REASONS.join(' or ')})`, { from, to });
    }
    if (need === 'victim-screening' && facts.screeningOutcome !== 'presumed-victim' && facts.screeningOutcome !== 'inconclusive-referred') {
      throw new ProblemError('invalid-transition', `going to ${to} needs a recorded screening whose outcome is presumed-victim or inconclusive-referred`, { from, to });
    }
  }
  return edge;
}

export function nextStates<S extends string>(edges: readonly Edge<S>[], from: S): S[] {
  return edges.filter((e) => e.from === from).map((e) => e.to);
}
