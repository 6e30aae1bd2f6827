import type { AppContext } from '../../app/context.js';
import { stableKey } from '../../shared/hash.js';
import { createCaseBody } from '../cases/cases.schema.js';
import { storeNewCase, transitionCase } from '../cases/cases.service.js';
import { CONSENT_CHECKS, ILO_INDICATOR_NAMES } from '../cases/cases.vocab.js';
import { createReferral } from '../cases/referrals.service.js';
import { startRepatriation, transitionRepatriation } from '../cases/repatriation.service.js';
import { recordScreening } from '../cases/screening.service.js';
import type { Principal } from '../policy/policy.js';

const OPERATION = 'Myawaddy handover, Mae Sot (demo)';
/** Nationalities of the rescued, with the mission that handles each (none: no mission in Thailand, in this demo). */
const GROUPS: { nationality: string; people: number; language: string; mission: string | null }[] = [
  { nationality: 'MM', people: 16, language: 'my', mission: 'Embassy of Myanmar, Bangkok (demo)' },
  { nationality: 'ID', people: 8, language: 'id', mission: 'Embassy of Indonesia, Bangkok (demo)' },
  { nationality: 'VN', people: 6, language: 'vi', mission: 'Embassy of Viet Nam, Bangkok (demo)' },
  { nationality: 'CN', people: 5, language: 'zh', mission: 'Embassy of China, Bangkok (demo)' },
  { nationality: 'UG', people: 3, language: 'en', mission: null },
  { nationality: 'KH', people: 2, language: 'km', mission: 'Embassy of Cambodia, Bangkok (demo)' },
];
const PRESENT = ['deception', 'restriction-of-movement', 'retention-of-identity-documents', 'intimidation-and-threats', 'excessive-overtime', 'debt-bondage'];

/**
 * A rescue operation: 40 people of six nationalities handed over at the border, held by the
 * anti-scam centre with the NGO shelter named on every case. Most are screened as presumed
 * victims; the first two were forced to run the handles given, which then carry the
 * coerced-operator flag in checks. Some are on their way home; the Ugandans, with no mission in
 * the country, are stranded. Safe to run twice: the roll numbers make each person once.
 */
export async function loadDemoCases(ctx: AppContext, as: (org: 'aoc' | 'ngo') => Principal, forcedUse: readonly string[]): Promise<number> {
  const aoc = { ...as('aoc'), actorId: 'demo' };
  let serial = 0;
  let created = 0;
  for (const g of GROUPS) {
    for (let i = 0; i < g.people; i++) {
      serial += 1;
      const roll = `MS-DEMO-${String(serial).padStart(3, '0')}`;
      const body = createCaseBody.parse({
        reference: roll,
        operation: OPERATION,
        person: { firstName: `Demo person ${serial}`, aliases: [`Desk ${serial}`], documents: [{ type: 'passport', issuingCountry: g.nationality, status: serial % 3 ? 'retained-by-exploiters' : 'lost' }] },
        gender: serial % 4 ? 'Masculine' : 'Feminine',
        ageBand: ['21-23', '24-26', '27-29'][serial % 3],
        nationality: g.nationality,
        nationalityVerification: 'self-declared',
        languages: [g.language],
        exploitationTypes: ['ForcedCriminality'],
        forcedCriminality: ['OnlineFraud'],
        compoundCountry: 'MM',
        journey: [
          { type: 'Recruitment', date: '2024-09-01', country: g.nationality, description: 'Online job advert: customer service in Bangkok, high salary' },
          { type: 'Transit', date: '2024-09-10', country: 'TH', place: 'Mae Sot' },
          { type: 'Exploitation', date: '2024-09-12', country: 'MM', place: 'Myawaddy', compound: 'Compound 7 (demo)' },
          { type: 'Rescue', date: '2025-02-20', country: 'MM', place: 'Myawaddy' },
          { type: 'Handover', date: '2025-02-22', country: 'TH', place: 'Friendship Bridge II, Mae Sot' },
        ],
        partners: [{ orgId: as('ngo').orgId, role: 'shelter' }],
      });
      const { id, created: isNew } = await storeNewCase(ctx, aoc, body, { rollKey: stableKey('demo-roll', roll) });
      if (!isNew) continue;
      created += 1;
      // Every fifth person stays in intake, waiting for an interview.
      if (serial % 5 === 0) continue;
      await transitionCase(ctx, aoc, id, 'screening');
      const outcome = serial % 11 === 0 ? 'not-indicated' : 'presumed-victim';
      await recordScreening(ctx, aoc, id, {
        screenedAt: '2025-02-24T03:00:00Z',
        setting: 'shelter',
        language: g.language,
        interpreter: { used: g.language !== 'en', language: g.language },
        consent: Object.fromEntries(CONSENT_CHECKS.map((c) => [c, true])) as Record<(typeof CONSENT_CHECKS)[number], boolean>,
        indicators: Object.fromEntries(
          ILO_INDICATOR_NAMES.map((n) => [n, outcome === 'presumed-victim' && PRESENT.includes(n) ? { presence: 'present', source: 'self-report' } : { presence: outcome === 'presumed-victim' ? 'unknown' : 'absent' }]),
        ) as Parameters<typeof recordScreening>[3]['indicators'],
        forcedCriminality: { activities: ['OnlineFraud'], targetCountries: ['TH', 'SG', 'PH'], identifiers: serial <= forcedUse.length ? [{ value: forcedUse[serial - 1] }] : [] },
        outcome,
        decidedBy: 'Screening officer (demo)',
        traffickingStatus: outcome === 'presumed-victim' ? 'PossibleVictimOfTrafficking' : 'NotAVictimOfTrafficking',
        decisionMakingOrg: 'NonPoliceGovernmentalOrganization',
        nonPunishment: outcome === 'presumed-victim' ? { determination: 'applies', instrument: 'ACTIP-14-7' } : { determination: 'not-applicable', instrument: 'national-law' },
      });
      if (outcome === 'not-indicated') {
        await transitionCase(ctx, aoc, id, 'screened-out', 'no indicators of forced labour found; referred to immigration as a migrant worker');
        continue;
      }
      await transitionCase(ctx, aoc, id, 'identified');
      await transitionCase(ctx, aoc, id, 'assistance');
      await createReferral(ctx, aoc, id, { type: 'shelter', toName: 'Mekong Freedom Network shelter (demo)', toOrgId: as('ngo').orgId });
      if (serial % 2 === 0 && g.mission) continue;
      await transitionCase(ctx, aoc, id, 'repatriation');
      await startRepatriation(ctx, aoc, id, { mission: g.mission, handoverPoint: 'Friendship Bridge II, Mae Sot' });
      if (!g.mission) {
        await transitionRepatriation(ctx, aoc, id, { to: 'stranded', strandedReason: 'no-embassy' });
        continue;
      }
      const steps = ['travel-documents', 'clearance', 'handover-scheduled', 'handed-over', 'arrived'] as const;
      for (const to of steps.slice(0, 1 + (serial % steps.length))) await transitionRepatriation(ctx, aoc, id, { to });
    }
  }
  return created;
}
