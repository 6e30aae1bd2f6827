import type { AppContext } from '../../app/context.js';
import type { Principal } from '../policy/policy.js';
import { auditCase } from './cases.access.js';
import type { CaseView } from './cases.present.js';
import { getCase, listCases } from './cases.service.js';
import type { ScreeningView } from './screening.service.js';
import {
  HTCDS_EVENT_TYPES, HTCDS_EXPLOITATION_TYPES, HTCDS_METHODS_OF_CONTROL, ILO_INDICATOR_NAMES, ILO_INDICATORS, type MethodOfControl,
} from './cases.vocab.js';

/**
 * One case as an HTCDS 2.0 record: standard fields under their prefixed HTCDS names (`prs_`,
 * `vic_`, `cas_`, `hte_`, `con_`), local extensions under `ext_` so no HTCDS reader mistakes
 * them for the standard's. ForcedCriminality, which HTCDS lacks, exports as ForcedLabour in the
 * ISIC section of call-centre work, and as itself in `ext_TypeOfExploitation`.
 */
export type HtcdsRecord = Record<string, unknown>;

const FORCED_CRIMINALITY_INDUSTRY = 'N_AdministrativeAndSupportServiceActivities';
const isHtcds = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

export function htcdsRecordOf(c: CaseView): HtcdsRecord {
  const p = c.person;
  const latest: ScreeningView | undefined = c.screenings[c.screenings.length - 1];
  const controls = new Set<MethodOfControl>();
  for (const name of ILO_INDICATOR_NAMES) if (latest?.indicators?.[name].presence === 'present') for (const m of ILO_INDICATORS[name]) controls.add(m);
  const forcedCriminality = c.exploitationTypes.includes('ForcedCriminality');
  const types = new Set(c.exploitationTypes.filter((t) => isHtcds(HTCDS_EXPLOITATION_TYPES, t)));
  if (forcedCriminality) types.add('ForcedLabour');
  const referrals = c.referrals.filter((r) => r.status !== 'cancelled');
  const passport = p?.documents.find((d) => d.number);
  return {
    prs_FirstName: p?.firstName ?? null,
    prs_MiddleName: p?.middleName ?? null,
    prs_SecondName: p?.secondName ?? null,
    prs_Birthdate: p?.birthdate ?? null,
    prs_Gender: c.gender,
    prs_Citizenship: c.nationality ? [c.nationality] : [],
    prs_PrimaryLanguage: c.languages[0] ?? null,
    prs_SecondaryLanguage: c.languages[1] ?? null,
    prs_IdentityNumber: passport?.number ?? null,
    prs_MobilePhone: p?.phone ?? null,
    prs_Email: p?.email ?? null,
    vic_TraffickingStatus: c.traffickingStatus,
    vic_TraffickingStatusDecisionMakingOrg: c.traffickingStatusBy,
    vic_TypeOfExploitation: [...types],
    vic_ForcedLabourIndustry: forcedCriminality ? FORCED_CRIMINALITY_INDUSTRY : null,
    vic_MethodsOfControl: [...controls].filter((m) => isHtcds(HTCDS_METHODS_OF_CONTROL, m)),
    cas_Status: c.htcdsStatus,
    cas_ReasonForCaseClosure: c.htcdsStatus === 'Closed' || c.htcdsStatus === 'ClosedReferred' ? c.statusReason : null,
    cas_ReferredOrganisation: referrals.map((r) => r.toName),
    cas_ReasonForOutgoingReferral: referrals.length ? (referrals.some((r) => r.type === 'embassy' || r.type === 'iom') ? 'MigrationOrChangeOfLocation' : 'AdditionalServicesRequired') : null,
    cas_OutgoingReferralDate: referrals[0]?.createdAt.slice(0, 10) ?? null,
    con_Consent: latest?.consent?.consentToInterview ?? null,
    HistoricTraffickingEvents: c.journey.map((e) => ({
      ...(isHtcds(HTCDS_EVENT_TYPES, e.type) ? { hte_Type: e.type } : { ext_EventType: e.type }),
      hte_Date: e.date ?? null,
      hte_City: e.place ?? null,
      hte_Country: e.country ?? null,
      hte_Description: e.description ?? null,
      ext_Compound: e.compound ?? null,
    })),
    ext_CaseId: c.id,
    ext_Status: c.status,
    ext_TypeOfExploitation: c.exploitationTypes,
    ext_ForcedCriminalitySubtypes: c.forcedCriminality,
    ext_MethodsOfControl: [...controls].filter((m) => !isHtcds(HTCDS_METHODS_OF_CONTROL, m)),
    ext_Aliases: p?.aliases ?? [],
    ext_IdentityDocuments: (p?.documents ?? []).map((d) => ({ type: d.type, issuingCountry: d.issuingCountry ?? null, expiry: d.expiry ?? null, status: d.status })),
    ext_NationalityVerification: c.nationalityVerification,
    ext_AgeBand: c.ageBand,
    ext_CompoundCountry: c.compoundCountry,
    ext_ScreeningOutcome: latest?.outcome ?? null,
    ext_NonPunishment: latest ? { determination: latest.nonPunishment.determination, instrument: latest.nonPunishment.instrument ?? null } : null,
    ext_RepatriationStatus: c.repatriation?.status ?? null,
    ext_Erased: c.erasedAt !== null,
  };
}

/** HTCDS records of every case the principal may read (optionally one operation), for a partner's system. */
export async function exportHtcds(ctx: AppContext, principal: Principal, filter: { operation?: string; ids?: string[] }): Promise<HtcdsRecord[]> {
  const ids = filter.ids ?? [];
  if (!filter.ids) {
    let cursor: string | undefined;
    do {
      const page = await listCases(ctx, principal, { operation: filter.operation, limit: 500, cursor });
      ids.push(...page.items.map((i) => i.id));
      cursor = page.next ?? undefined;
    } while (cursor);
  }
  await auditCase(ctx, principal, null, 'case:export-htcds', { cases: ids.length });
  const out: HtcdsRecord[] = [];
  for (const id of ids) out.push(htcdsRecordOf(await getCase(ctx, principal, id)));
  return out;
}
