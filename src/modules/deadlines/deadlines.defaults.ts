import type { RequestKind } from '../requests/kinds/kind.js';

/**
 * The clocks of a cooperation request, as ISO 8601 durations. `actWithin` is the time to the
 * kind's decisive step: a hold, a preservation, a disclosure, a takedown, an answer to a dispute.
 */
export interface DeadlineSettings {
  acknowledgeWithin: string;
  actWithin: string;
  /** Payment holds: how long a hold lasts unless extended. */
  holdFor?: string;
  /** Payment holds: how long a hold is kept once the victim's police complaint is filed. */
  holdAfterComplaint?: string;
  /** Payment holds: by when, after the hold, the victim's police complaint must be filed. */
  complaintWithin?: string;
  /** Preservation: how long data is preserved; the legal basis may set a floor. */
  preserveFor?: string;
  /** Alerts sent this long before a hold lapses or a preservation expires. */
  alertsBefore: string[];
}

export interface DefaultRule {
  kind: RequestKind;
  /** ISO 3166-1 alpha-2 of the recipient, or undefined for every jurisdiction. */
  jurisdiction?: string;
  settings: Partial<DeadlineSettings>;
  source: string;
}

/** Defaults from the research notes; a node's own rules (per jurisdiction or partnership) override them. */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    kind: 'payment-intervention',
    settings: { acknowledgeWithin: 'PT15M', actWithin: 'PT1H', holdFor: 'PT72H', holdAfterComplaint: 'P7D', complaintWithin: 'PT72H', alertsBefore: ['PT12H', 'PT2H'] },
    source: 'Thai AOC 1441 practice: freezes within 15 minutes to an hour of the call; holds lapse unless extended',
  },
  {
    kind: 'payment-intervention',
    jurisdiction: 'TH',
    settings: { holdFor: 'PT72H', complaintWithin: 'PT72H', holdAfterComplaint: 'P7D' },
    source: 'Emergency Decree on Technology Crime B.E. 2566 (2023): 72 h hold on the victim\'s alert, police complaint within 72 h, then 7 days from the complaint',
  },
  {
    kind: 'preservation',
    settings: { acknowledgeWithin: 'PT24H', actWithin: 'PT72H', preserveFor: 'P60D', alertsBefore: ['P14D', 'P3D'] },
    source: 'Budapest Convention Art. 29(7): preservation for not less than sixty days',
  },
  { kind: 'preservation', jurisdiction: 'US', settings: { preserveFor: 'P90D' }, source: '18 U.S.C. 2703(f): 90 days, renewable once' },
  { kind: 'preservation', jurisdiction: 'GH', settings: { preserveFor: 'P120D' }, source: 'Ghana: foreign preservation requests are preserved for 120 days' },
  {
    kind: 'traffic-disclosure',
    settings: { acknowledgeWithin: 'PT24H', actWithin: 'P10D', alertsBefore: [] },
    source: 'Budapest Art. 30 ("expeditiously"); EU e-Evidence Regulation: 10 days',
  },
  {
    kind: 'information',
    settings: { acknowledgeWithin: 'P2D', actWithin: 'P20D', alertsBefore: [] },
    source: 'Second Additional Protocol Art. 8: subscriber information returned within 20 days',
  },
  { kind: 'mla', settings: { acknowledgeWithin: 'P7D', actWithin: 'P90D', alertsBefore: [] }, source: 'UNTOC Art. 18(24): "as soon as possible"; a working default' },
  {
    kind: 'emergency-disclosure',
    settings: { acknowledgeWithin: 'PT1H', actWithin: 'PT8H', alertsBefore: [] },
    source: 'EU e-Evidence Regulation: 8 hours in emergencies; Second Additional Protocol Art. 9',
  },
  { kind: 'takedown', settings: { acknowledgeWithin: 'PT4H', actWithin: 'PT24H', alertsBefore: [] }, source: 'a working default; partnerships set their own' },
  { kind: 'redress', settings: { acknowledgeWithin: 'PT24H', actWithin: 'P3D', alertsBefore: [] }, source: 'a working default: disputes answered within 3 days' },
  {
    kind: 'redress',
    jurisdiction: 'TH',
    settings: { actWithin: 'PT24H' },
    source: 'Thailand, Sep 2025: wrongly frozen small and merchant accounts to be released within 2–3 hours to 1 day',
  },
];
