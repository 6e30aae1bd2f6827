import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startNode, type TestNode } from '../support/node.js';
import { newCase, screening } from './fixtures.js';

// The HTCDS 2.0 field names this export may use, as the standard's field sheet names them
// (prefix + field name), and the entity that holds the historic trafficking events.
const HTCDS_FIELDS = new Set([
  'prs_FirstName', 'prs_MiddleName', 'prs_SecondName', 'prs_Birthdate', 'prs_Gender', 'prs_Citizenship', 'prs_PrimaryLanguage', 'prs_SecondaryLanguage',
  'prs_IdentityNumber', 'prs_MobilePhone', 'prs_Email', 'vic_TraffickingStatus', 'vic_TraffickingStatusDecisionMakingOrg', 'vic_TypeOfExploitation',
  'vic_ForcedLabourIndustry', 'vic_MethodsOfControl', 'cas_Status', 'cas_ReasonForCaseClosure', 'cas_ReferredOrganisation', 'cas_ReasonForOutgoingReferral',
  'cas_OutgoingReferralDate', 'con_Consent', 'HistoricTraffickingEvents',
]);
const HTE_FIELDS = new Set(['hte_Type', 'hte_Date', 'hte_City', 'hte_Country', 'hte_Description']);
const PICKLISTS = {
  prs_Gender: ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'],
  vic_TraffickingStatus: ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'],
  vic_TraffickingStatusDecisionMakingOrg: ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'],
  vic_TypeOfExploitation: ['ForcedLabour', 'SexualExploitation', 'ChildLabour', 'ForcedMarriage', 'Servitude', 'ForcedMilitaryByNonStateActors', 'OrganRemoval', 'ForcedBegging', 'ForcedAdoption', 'Surrogacy', 'Other'],
  vic_MethodsOfControl: ['PhysicalThreats', 'ThreatsLawEnforcement', 'ThreatensChildrenFamily', 'DebtBondage', 'FalsePromises', 'PhysicalAbuse', 'SexualAbuse', 'TakesEarnings', 'RestrictsFinancialAccess', 'RestrictsMedicalCare', 'WithholdsNecessities', 'PsychologicalAbuse', 'PsychoactiveSubstance', 'ExcessiveWorkingHours', 'WithholdsDocuments', 'RestrictsMovement', 'UsesChildren', 'Other'],
  cas_Status: ['Active', 'FollowUp', 'Closed', 'ClosedReferred'],
  cas_ReasonForOutgoingReferral: ['AdditionalServicesRequired', 'MigrationOrChangeOfLocation', 'Other'],
  hte_Type: ['Recruitment', 'Transit', 'Exploitation'],
};

describe.each(DIALECTS)('HTCDS export and public statistics on %s', (dialect) => {
  let node: TestNode;
  let team: { orgId: string; key: string };

  async function identified(body: Record<string, unknown>): Promise<string> {
    const id = (await node.request('POST', '/api/v1/cases', { key: team.key, body })).body.id as string;
    await node.request('POST', `/api/v1/cases/${id}/transitions`, { key: team.key, body: { to: 'screening' } });
    await node.request('POST', `/api/v1/cases/${id}/screenings`, { key: team.key, body: screening('presumed-victim') });
    const moved = await node.request('POST', `/api/v1/cases/${id}/transitions`, { key: team.key, body: { to: 'identified' } });
    expect(moved.status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    node = await startNode(dialect);
    team = await node.orgWithKey('Anti Scam Centre', 'TH', 'analyst', 'anti-scam-centre');
  });
  afterAll(async () => node?.close());

  it('exports a case field by field under HTCDS 2.0 names and picklists, extensions under ext_', async () => {
    const id = await identified(newCase());
    await node.request('POST', `/api/v1/cases/${id}/referrals`, { key: team.key, body: { type: 'embassy', toName: 'Embassy of Myanmar' } });
    const res = await node.request('GET', `/api/v1/cases/${id}/htcds`, { key: team.key });
    expect(res.status).toBe(200);
    const rec = res.body;
    for (const key of Object.keys(rec)) expect(key.startsWith('ext_') || HTCDS_FIELDS.has(key), key).toBe(true);
    for (const e of rec.HistoricTraffickingEvents) for (const key of Object.keys(e)) expect(key.startsWith('ext_') || HTE_FIELDS.has(key), key).toBe(true);
    for (const [field, values] of Object.entries(PICKLISTS)) {
      const v = field === 'hte_Type' ? rec.HistoricTraffickingEvents.map((e: Record<string, unknown>) => e.hte_Type).filter(Boolean) : rec[field];
      for (const one of [v].flat()) expect(values, `${field} = ${one}`).toContain(one);
    }
    expect(rec).toMatchObject({
      prs_FirstName: 'Aung',
      prs_SecondName: 'Ko',
      prs_Birthdate: '1999-04-01',
      prs_Gender: 'Masculine',
      prs_Citizenship: ['MM'],
      prs_PrimaryLanguage: 'my',
      prs_SecondaryLanguage: 'en',
      prs_IdentityNumber: 'MA1234567',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'NonPoliceGovernmentalOrganization',
      // HTCDS has no forced criminality: ForcedLabour in call-centre work, and the real type as an extension.
      vic_TypeOfExploitation: ['ForcedLabour'],
      vic_ForcedLabourIndustry: 'N_AdministrativeAndSupportServiceActivities',
      ext_TypeOfExploitation: ['ForcedCriminality'],
      ext_ForcedCriminalitySubtypes: ['OnlineFraud'],
      cas_Status: 'Active',
      cas_ReferredOrganisation: ['Embassy of Myanmar'],
      cas_ReasonForOutgoingReferral: 'MigrationOrChangeOfLocation',
      con_Consent: true,
      ext_ScreeningOutcome: 'presumed-victim',
      ext_NonPunishment: { determination: 'applies', instrument: 'ACTIP-14-7' },
      ext_Aliases: ['Kevin'],
    });
    expect([...rec.vic_MethodsOfControl].sort()).toEqual(['FalsePromises', 'RestrictsMovement', 'WithholdsDocuments']);
    expect(rec.HistoricTraffickingEvents).toEqual([
      { hte_Type: 'Recruitment', hte_Date: '2024-06-01', hte_City: 'Yangon', hte_Country: 'MM', hte_Description: 'Facebook job advert for customer service in Bangkok', ext_Compound: null },
      { hte_Type: 'Exploitation', hte_Date: '2024-07-01', hte_City: 'Myawaddy', hte_Country: 'MM', hte_Description: null, ext_Compound: 'KK Park' },
      { ext_EventType: 'Rescue', hte_Date: '2025-02-20', hte_City: 'Myawaddy', hte_Country: 'MM', hte_Description: null, ext_Compound: null },
    ]);
  });

  it('publishes no statistic cell under 11 people, and withholds a total that would reveal one', async () => {
    // One MM/MM case exists from the export test; ten more make eleven. Three KH/MM stay under k.
    for (let i = 0; i < 10; i++) await identified(newCase({ reference: `MM-${i}` }));
    for (let i = 0; i < 3; i++) await identified(newCase({ reference: `KH-${i}`, nationality: 'KH' }));
    // Not yet identified: not counted as assisted.
    await node.request('POST', '/api/v1/cases', { key: team.key, body: newCase({ reference: 'intake-only', nationality: 'KH' }) });
    const stats = await node.request('GET', '/api/v1/public/case-statistics?by=nationality,compoundCountry', { key: null });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({ k: 11, dimensions: ['nationality', 'compoundCountry'], cells: [{ nationality: 'MM', compoundCountry: 'MM', people: 11 }], suppressedCells: 1, total: null });
    for (let i = 3; i < 11; i++) await identified(newCase({ reference: `KH-${i}`, nationality: 'KH' }));
    const later = await node.request('GET', '/api/v1/public/case-statistics?by=nationality', { key: null });
    expect(later.body).toEqual({ k: 11, dimensions: ['nationality'], cells: [{ nationality: 'KH', people: 11 }, { nationality: 'MM', people: 11 }], suppressedCells: 0, total: 22 });
  });
});
