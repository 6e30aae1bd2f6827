import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { newId } from '../../shared/ids.js';
import { refreshIndicators } from '../indicators/indicators.refresh.js';
import { parseAllOrThrow } from '../indicators/parse.js';
import type { Principal } from '../policy/policy.js';
import { openCase } from './cases.access.js';
import { protect, unprotect } from './cases.protect.js';
import type { ScreeningBody } from './cases.schema.js';
import { emitCase } from './cases.events.js';
import { ILO_INDICATOR_NAMES } from './cases.vocab.js';

/** What the screening officer recorded; the outcome and the non-punishment assessment are theirs, never computed. */
export type ScreeningView = Omit<ScreeningBody, 'forcedCriminality' | 'consent' | 'indicators' | 'interpreter' | 'decidedBy'> &
  Partial<Pick<ScreeningBody, 'forcedCriminality' | 'consent' | 'indicators' | 'interpreter' | 'decidedBy'>> & {
    id: string;
    orgId: string;
    /** How many of the eleven ILO indicators the officer marked present: a count, not a verdict. */
    indicatorsPresent: number;
  };

const NOTICE = 'fraudx records this determination as the screening officer made it; it does not compute or suggest it.';

/**
 * Records a screening. The identifiers the person was forced to operate are linked to the case;
 * while the outcome is presumed victim or inconclusive-and-referred, every one of them carries
 * the coerced-operator flag in checks and networks. Linking never makes a report or an assertion:
 * it adds nothing to any listing and counts as no evidence against the person.
 */
export async function recordScreening(ctx: AppContext, principal: Principal, caseId: string, body: ScreeningBody): Promise<{ id: string; notice: string }> {
  const { row } = await openCase(ctx, principal, caseId, 'case:manage');
  const parsed = parseAllOrThrow((body.forcedCriminality?.identifiers ?? []).map((i) => ({ value: i.value, kind: i.kind, country: i.country ?? row.compound_country ?? principal.country })));
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const id = newId();
  const { outcome, nonPunishment, screenedAt, traffickingStatus, decisionMakingOrg, ...rest } = body;
  await write(ctx, async (trx, emit) => {
    await trx
      .insertInto('case_screenings')
      .values({
        id,
        case_id: caseId,
        org_id: principal.orgId,
        actor_id: principal.actorId,
        screened_at: new Date(screenedAt).toISOString(),
        outcome,
        npp_determination: nonPunishment.determination,
        npp_instrument: nonPunishment.instrument ?? null,
        details: protect(ctx, caseId, { ...rest, nonPunishment, traffickingStatus, decisionMakingOrg }),
        created_at: nowIso,
      })
      .execute();
    const known = new Set((await trx.selectFrom('case_identifiers').select(['kind', 'canonical']).where('case_id', '=', caseId).execute()).map((r) => r.kind + ' ' + r.canonical));
    for (const p of parsed) {
      if (known.has(p.kind + ' ' + p.canonical)) continue;
      known.add(p.kind + ' ' + p.canonical);
      await trx.insertInto('case_identifiers').values({ id: newId(), case_id: caseId, screening_id: id, kind: p.kind, canonical: p.canonical, created_at: nowIso }).execute();
    }
    await trx
      .updateTable('cases')
      .set({
        screening_outcome: outcome,
        ...(traffickingStatus ? { trafficking_status: traffickingStatus, trafficking_status_by: decisionMakingOrg ?? null } : {}),
        updated_at: nowIso,
      })
      .where('id', '=', caseId)
      .execute();
    // The outcome may have turned the flag on or off for every identifier of the case.
    const indicators = await trx
      .selectFrom('case_identifiers as ci')
      .innerJoin('indicators as i', (j) => j.onRef('i.kind', '=', 'ci.kind').onRef('i.canonical', '=', 'ci.canonical'))
      .select('i.id')
      .where('ci.case_id', '=', caseId)
      .execute();
    await refreshIndicators(trx, emit, indicators.map((r) => r.id), now);
    emitCase(emit, row, 'update', row.status);
  });
  return { id, notice: NOTICE };
}

export async function listScreenings(ctx: AppContext, caseId: string, erased: boolean): Promise<ScreeningView[]> {
  const rows = await ctx.storage.db.selectFrom('case_screenings').selectAll().where('case_id', '=', caseId).orderBy('screened_at').execute();
  return rows.map((r) => {
    const details = erased ? null : unprotect<Omit<ScreeningBody, 'outcome' | 'screenedAt'>>(ctx, caseId, r.details);
    const base = {
      id: r.id,
      orgId: r.org_id,
      screenedAt: r.screened_at,
      outcome: r.outcome as ScreeningBody['outcome'],
      nonPunishment: details?.nonPunishment ?? { determination: r.npp_determination as ScreeningBody['nonPunishment']['determination'], instrument: (r.npp_instrument ?? undefined) as ScreeningBody['nonPunishment']['instrument'] },
      indicatorsPresent: details ? ILO_INDICATOR_NAMES.filter((n) => details.indicators[n].presence === 'present').length : 0,
    };
    return details ? { ...details, ...base } : { ...base, setting: 'other' as const };
  });
}
