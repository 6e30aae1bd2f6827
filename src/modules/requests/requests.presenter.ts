import type { PaymentLegTable, RequestAttachmentTable, RequestTable } from '../../db/schema.js';
import { fromMinorUnits } from '../money/money.js';
import type { RequestParties, RequestRelation } from '../policy/requests.policy.js';
import { clockStatus } from './clocks.js';
import { definitionOf } from './kinds/registry.js';
import type { LegalBasis } from './legal-bases.js';
import { allowedMoves } from './requests.move.js';

const seconds = (from: string | null, to: string | null) => (from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : null);

export function presentLeg(leg: PaymentLegTable) {
  const money = (minor: number) => fromMinorUnits(Number(minor), leg.currency);
  return {
    id: leg.id,
    parentLegId: leg.parent_leg_id,
    institution: leg.institution,
    account: { kind: leg.account_kind, canonical: leg.account },
    currency: leg.currency,
    amount: money(leg.amount_minor),
    at: leg.value_at,
    references: JSON.parse(leg.refs) as Record<string, string>,
    status: leg.status,
    held: money(leg.held_minor),
    frozen: money(leg.frozen_minor),
    seized: money(leg.seized_minor),
    movedOn: money(leg.moved_minor),
    returned: money(leg.returned_minor),
    released: money(leg.released_minor),
    wrongful: money(leg.wrongful_minor),
    respondedAt: leg.responded_at,
  };
}

export interface PresentExtras {
  relation: RequestRelation;
  parties: RequestParties;
  orgNames: Map<string, string>;
  now: Date;
  legs?: PaymentLegTable[];
  attachments?: RequestAttachmentTable[];
  children?: string[];
  timeline?: unknown[];
}

/**
 * A request as its viewer sees it: state, clocks (with what is overdue), the moves the viewer
 * may make, and, for the organisation that must answer a public dispute, the disputant's contact.
 */
export function presentRequest(row: RequestTable, x: PresentExtras) {
  const def = definitionOf(row.kind);
  const party = x.relation === 'authorised' ? undefined : x.relation;
  const { overdue } = clockStatus(def, row, x.now);
  const org = (id: string | null) => (id ? { id, name: x.orgNames.get(id) ?? null } : null);
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    parentId: row.parent_id,
    from: org(row.from_org),
    to: org(row.to_org),
    sharedWith: x.parties.sharedWith.map((id) => org(id)),
    yourRole: x.relation,
    contactId: row.contact_id,
    jurisdiction: row.jurisdiction,
    urgency: row.urgency,
    reference: row.reference,
    legalBasis: JSON.parse(row.legal_basis) as LegalBasis[],
    contents: JSON.parse(row.contents) as Record<string, unknown>,
    indicators: JSON.parse(row.indicators) as { kind: string; canonical: string; display: string }[],
    outcome: JSON.parse(row.outcome) as Record<string, unknown>,
    ...(row.from_org === null && x.relation === 'recipient' ? { disputant: row.requester_contact } : {}),
    clocks: {
      sentAt: row.sent_at,
      acknowledgeBy: row.ack_due_at,
      acknowledgedAt: row.acknowledged_at,
      actBy: row.act_due_at,
      actedAt: row.acted_at,
      expiresAt: row.expires_at,
      expiry: def.expiry && row.expires_at && def.expiry.running.includes(row.state) ? def.expiry.clock : null,
      followUpBy: row.follow_up_due_at,
      closedAt: row.closed_at,
      secondsToAcknowledge: seconds(row.sent_at, row.acknowledged_at),
      secondsToAct: seconds(row.sent_at, row.acted_at),
      overdue: overdue.length > 0,
      overdueClocks: overdue,
      escalationLevel: row.escalation_level,
      escalatedAt: row.escalated_at,
    },
    allowedMoves: party ? allowedMoves(def, row.state, party) : [],
    ...(x.legs ? { legs: x.legs.map(presentLeg) } : {}),
    ...(x.attachments ? { attachments: x.attachments.map((a) => ({ id: a.id, name: a.name, mediaType: a.media_type, size: Number(a.size), sha256: a.sha256, createdAt: a.created_at })) } : {}),
    ...(x.children ? { children: x.children } : {}),
    ...(x.timeline ? { timeline: x.timeline } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
export type RequestView = ReturnType<typeof presentRequest>;
