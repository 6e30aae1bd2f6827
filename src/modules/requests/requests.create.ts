import type { Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import type { Emit } from '../../app/write.js';
import type { Database, RequestTable } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { routeContacts } from '../contacts/contacts.service.js';
import { resolveDeadlines } from '../deadlines/deadlines.service.js';
import { addDuration } from '../deadlines/duration.js';
import { parseAllOrThrow } from '../indicators/parse.js';
import type { StoredFile } from '../intake/evidence.js';
import { type LedgerParty, moveMoney } from '../ledger/ledger.js';
import { toMinorUnits } from '../money/money.js';
import { findOrg } from '../orgs/orgs.store.js';
import { INITIAL_STATE, type KindDefinition } from './kinds/kind.js';
import type { LegInput } from './kinds/payment-intervention.js';
import { definitionOf } from './kinds/registry.js';
import { catalogueEntryOf, type LegalBasis, legalBasisById } from './legal-bases.js';
import { announce } from './requests.notify.js';
import { COMMON_FIELDS, type CreateRequestInput } from './requests.schema.js';
import { addTimeline } from './requests.store.js';

export interface Sender {
  /** Empty for a member of the public disputing a listing. */
  orgId: string | null;
  actorId: string;
  /** Personal contact details of a public disputant. */
  contact?: string;
  publicTokenHash?: string;
}

/** The contents of a request: every field of the body that is not common to all kinds. */
export function contentsOf(input: CreateRequestInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => !COMMON_FIELDS.has(k) && v !== undefined));
}

export function resolveLegalBasis(def: KindDefinition, input: CreateRequestInput['legalBasis'], jurisdiction: string): LegalBasis[] {
  const given = input && input.length > 0 ? input : [def.defaultBasis[jurisdiction] ?? def.defaultBasis['*']];
  return given.map((b) => {
    if (typeof b !== 'string') return { instrument: b.instrument, article: b.article, paragraph: b.paragraph ?? null };
    const entry = legalBasisById(b);
    if (!entry) throw new ProblemError('validation-failed', `legalBasis: "${b}" is not in the catalogue (GET /api/v1/requests/kinds)`);
    return { instrument: entry.instrument, article: entry.article, paragraph: entry.paragraph };
  });
}

/** Refuses a request that lacks what its kind or any of its legal bases requires, naming each gap and its source. */
export function checkRequiredContents(def: KindDefinition, contents: Record<string, unknown>, bases: readonly LegalBasis[]): void {
  const present = (field: string) => {
    const v = contents[field];
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  };
  const missing = new Map<string, string>();
  for (const r of def.required) if (!present(r.field)) missing.set(r.field, r.why);
  for (const basis of bases) {
    for (const r of catalogueEntryOf(basis)?.requires ?? []) if (!present(r.field) && !missing.has(r.field)) missing.set(r.field, r.cite);
  }
  if (missing.size > 0) {
    throw new ProblemError('request-incomplete', `a ${def.kind} request needs ${[...missing.keys()].join(', ')}`, {
      missing: [...missing].map(([field, why]) => ({ field, why })),
    });
  }
}

/** The indicators a request concerns: those named, plus accounts in legs, the takedown target and the disputed listing. */
function indicatorsOf(input: CreateRequestInput, contents: Record<string, unknown>, country: string) {
  const refs: { value: string; kind?: string; country?: string }[] = [...(input.indicators ?? [])];
  for (const leg of (contents.legs as LegInput[] | undefined) ?? []) refs.push(leg.account);
  for (const key of ['target', 'indicator']) {
    const ref = contents[key] as { value: string; kind?: string; country?: string } | undefined;
    if (ref) refs.push(ref);
  }
  const parsed = parseAllOrThrow(refs.map((r) => ({ value: r.value, kind: r.kind, country: r.country ?? country })));
  const seen = new Set<string>();
  return parsed.filter((p) => !seen.has(`${p.kind}:${p.canonical}`) && seen.add(`${p.kind}:${p.canonical}`)).map((p) => ({ kind: p.kind, canonical: p.canonical, display: p.display }));
}

/**
 * Creates and sends a request inside the caller's write: checks its contents against its kind
 * and legal basis, starts its clocks from the deadline rules, routes it to the recipient's
 * 24/7 contact, records its legs and the reported loss, and announces it.
 */
export async function insertRequest(
  ctx: AppContext,
  trx: Transaction<Database>,
  emit: Emit,
  input: CreateRequestInput,
  sender: Sender,
  options: { files?: readonly StoredFile[]; now: string; spawnedFrom?: { requestId: string; legIds?: string[] } },
): Promise<RequestTable> {
  const def = definitionOf(input.kind);
  const recipient = await findOrg(trx, input.to);
  if (!recipient) throw new ProblemError('not-found', `no organisation ${input.to}`);
  if (recipient.id === sender.orgId) throw new ProblemError('validation-failed', 'a request goes to another organisation, not your own');
  const jurisdiction = recipient.country;
  const contents = contentsOf(input);
  const legalBasis = resolveLegalBasis(def, input.legalBasis, jurisdiction);
  checkRequiredContents(def, contents, legalBasis);
  const requester = sender.orgId ? await findOrg(trx, sender.orgId) : undefined;
  const indicators = indicatorsOf(input, contents, requester?.country ?? jurisdiction);

  const settings = await resolveDeadlines(trx, { kind: def.kind, jurisdiction, fromOrg: sender.orgId, toOrg: recipient.id });
  const [contact] = await routeContacts(trx, recipient.id, def.kind, 'primary');
  const now = options.now;
  const row: RequestTable = {
    id: newId(),
    kind: def.kind,
    state: INITIAL_STATE,
    parent_id: input.parentId ?? null,
    from_org: sender.orgId,
    to_org: recipient.id,
    contact_id: contact?.id ?? null,
    jurisdiction,
    urgency: input.urgency,
    reference: input.reference ?? null,
    legal_basis: JSON.stringify(legalBasis),
    contents: JSON.stringify(contents),
    indicators: JSON.stringify(indicators),
    requester_contact: sender.contact ?? null,
    public_token_hash: sender.publicTokenHash ?? null,
    outcome: '{}',
    created_by: sender.actorId,
    created_at: now,
    updated_at: now,
    sent_at: now,
    ack_due_at: addDuration(now, settings.acknowledgeWithin),
    act_due_at: addDuration(now, settings.actWithin),
    acknowledged_at: null,
    acted_at: null,
    expires_at: null,
    follow_up_due_at: typeof contents.mlaExpectedBy === 'string' ? new Date(contents.mlaExpectedBy).toISOString() : null,
    closed_at: null,
    escalation_level: 0,
    escalated_at: null,
    alerts_sent: '[]',
  };
  await trx.insertInto('requests').values(row).execute();
  await insertLegs(trx, row, (contents.legs as LegInput[] | undefined) ?? [], { now, parentLegIds: options.spawnedFrom?.legIds, reportLoss: !row.parent_id });
  if (options.files && options.files.length > 0) {
    await trx
      .insertInto('request_attachments')
      .values(options.files.map((f) => ({ id: newId(), request_id: row.id, name: f.name, media_type: f.mediaType, size: f.size, sha256: f.sha256, added_by: sender.actorId, created_at: now })))
      .execute();
  }
  await addTimeline(trx, row.id, {
    type: 'created',
    at: now,
    actorOrg: sender.orgId,
    actorId: sender.actorId,
    to: row.state,
    data: { contactId: row.contact_id, spawnedFrom: options.spawnedFrom?.requestId ?? null, attachments: options.files?.length ?? 0 },
  });
  await recordAudit(trx, ctx, { orgId: sender.orgId ?? '', actorId: sender.actorId }, 'request.create', { type: 'request', id: row.id }, { kind: row.kind, to: row.to_org, parentId: row.parent_id });
  await announce(trx, emit, row, 'request.created', { urgency: row.urgency }, { emailOrg: recipient.id, at: now });
  return row;
}

/** The legs of a payment intervention; on a request that starts a chain they are also the victims' reported loss. */
export async function insertLegs(
  trx: Transaction<Database>,
  row: RequestTable,
  legs: readonly LegInput[],
  o: { now: string; parentLegIds?: readonly string[]; reportLoss: boolean; status?: string },
): Promise<void> {
  const accounts = parseAllOrThrow(legs.map((l) => ({ value: l.account.value, kind: l.account.kind, country: l.account.country ?? row.jurisdiction })));
  for (const [i, leg] of legs.entries()) {
    const currency = leg.currency.toUpperCase();
    const amount = toMinorUnits(leg.amount, currency);
    const id = newId();
    await trx
      .insertInto('payment_legs')
      .values({
        id,
        request_id: row.id,
        parent_leg_id: o.parentLegIds?.[i] ?? null,
        institution: leg.institution,
        account_kind: accounts[i].kind,
        account: accounts[i].canonical,
        currency,
        amount_minor: amount,
        value_at: leg.at ? new Date(leg.at).toISOString() : null,
        refs: JSON.stringify(leg.references ?? {}),
        status: o.status ?? 'pending',
        held_minor: 0,
        frozen_minor: 0,
        seized_minor: 0,
        moved_minor: 0,
        returned_minor: 0,
        released_minor: 0,
        wrongful_minor: 0,
        responded_at: null,
        created_at: o.now,
      })
      .execute();
    if (o.reportLoss) await moveMoney(trx, ledgerParty(row, id, currency), null, 'lost', amount, o.now);
  }
}

/** Money in a leg is held by the request's recipient, in its jurisdiction, at the sender's request. */
export function ledgerParty(row: RequestTable, legId: string, currency: string): LedgerParty {
  return { requestId: row.id, legId, currency, responderOrg: row.to_org, country: row.jurisdiction, requesterOrg: row.from_org };
}
