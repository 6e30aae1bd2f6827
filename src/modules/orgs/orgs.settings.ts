import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshIndicators } from '../indicators/indicators.refresh.js';
import { DEFAULT_MARKING, type Marking, markingColumns, markingInput, markingOf, markingView, resolveMarking } from '../policy/markings.js';
import { authorize, type Principal } from '../policy/policy.js';
import { assertMayName } from '../sharing/sharing.service.js';
import { findOrg, type Db } from './orgs.store.js';

export const SHARE_KNOWN = ['none', 'community', 'public'] as const;

export const orgSettingsView = z.object({
  defaultMarking: markingView,
  shareKnown: z.enum(SHARE_KNOWN).describe('Who may learn the bare "known" fact (no details, no counts) from your objects they cannot see.'),
  retentionDays: z.number().int().nullable().describe('Days a report\'s personal data is kept; null keeps it until erased on request.'),
});
export type OrgSettings = z.infer<typeof orgSettingsView>;

export const orgSettingsBody = z.strictObject({
  defaultMarking: markingInput.optional(),
  shareKnown: z.enum(SHARE_KNOWN).optional(),
  retentionDays: z.number().int().min(1).max(36_500).nullable().optional(),
});
export type OrgSettingsBody = z.infer<typeof orgSettingsBody>;

export function defaultSettingColumns() {
  return {
    default_tlp: DEFAULT_MARKING.tlp,
    default_distribution: DEFAULT_MARKING.distribution,
    default_groups: '',
    share_known: 'none',
    retention_days: null,
  };
}

/** The marking an organisation's objects get when their owner gives none. */
export async function orgDefaultMarking(db: Db, orgId: string): Promise<Marking> {
  const row = await db.selectFrom('orgs').select(['default_tlp', 'default_distribution', 'default_groups']).where('id', '=', orgId).executeTakeFirst();
  if (!row) return DEFAULT_MARKING;
  return markingOf({ tlp: row.default_tlp, distribution: row.default_distribution, share_groups: row.default_groups, audience: '' });
}

export async function getOrgSettings(ctx: AppContext, principal: Principal, orgId: string): Promise<OrgSettings> {
  authorize(principal, 'org:read');
  if (principal.orgId !== orgId) throw new ProblemError('not-found', `no settings of organisation ${orgId} for you`);
  const row = await ctx.storage.db.selectFrom('orgs').select(['share_known', 'retention_days']).where('id', '=', orgId).executeTakeFirst();
  if (!row) throw new ProblemError('not-found', `no organisation ${orgId}`);
  return { defaultMarking: await orgDefaultMarking(ctx.storage.db, orgId), shareKnown: row.share_known as OrgSettings['shareKnown'], retentionDays: row.retention_days };
}

/** An organisation's admins set its default marking, its "known" sharing and its retention; audited. */
export async function updateOrgSettings(ctx: AppContext, principal: Principal, orgId: string, body: OrgSettingsBody): Promise<OrgSettings> {
  authorize(principal, 'org:manage');
  if (principal.orgId !== orgId || !(await findOrg(ctx.storage.db, orgId))) throw new ProblemError('not-found', `no settings of organisation ${orgId} for you`);
  const before = await getOrgSettings(ctx, principal, orgId);
  const marking = body.defaultMarking ? resolveMarking(body.defaultMarking, before.defaultMarking) : undefined;
  if (marking) await assertMayName(ctx.storage.db, orgId, marking.groups);
  await write(ctx, async (trx, emit) => {
    const columns = marking ? markingColumns(marking) : undefined;
    await trx
      .updateTable('orgs')
      .set({
        ...(columns ? { default_tlp: columns.tlp, default_distribution: columns.distribution, default_groups: columns.share_groups } : {}),
        ...(body.shareKnown ? { share_known: body.shareKnown } : {}),
        ...(body.retentionDays !== undefined ? { retention_days: body.retentionDays } : {}),
      })
      .where('id', '=', orgId)
      .execute();
    emit({ entity: 'org-settings', entityId: orgId, op: 'update', orgId, data: { shareKnown: body.shareKnown ?? before.shareKnown } });
    await recordAudit(trx, ctx, principal, 'org.settings', { type: 'org', id: orgId }, { before, after: { defaultMarking: marking, shareKnown: body.shareKnown, retentionDays: body.retentionDays } });
    if (body.shareKnown && body.shareKnown !== before.shareKnown) {
      // What the check tells others about this organisation's restricted objects changes.
      const rows = await restrictedIndicatorsOf(trx, orgId).execute();
      await refreshIndicators(trx, emit, rows.map((r) => r.indicator_id), ctx.clock.now());
    }
  });
  return getOrgSettings(ctx, principal, orgId);
}

/**
 * The indicators an organisation has restricted assertions about (organisation-only or groups):
 * what the check tells others about them depends on what it shares. The audience test is the one
 * the partial index `assertions_restricted_org` states (migration 0013), word for word.
 */
export function restrictedIndicatorsOf(db: Db, orgId: string) {
  return db.selectFrom('assertions').select('indicator_id').distinct().where('org_id', '=', orgId).where(sql<boolean>`audience IN ('organisation', 'groups')`);
}
