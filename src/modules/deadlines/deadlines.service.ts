import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import type { Database } from '../../db/schema.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { authorize, type Principal } from '../policy/policy.js';
import type { RequestKind } from '../requests/kinds/kind.js';
import { DEFAULT_RULES, type DeadlineSettings } from './deadlines.defaults.js';
import { isDuration } from './duration.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface DeadlineScope {
  kind: RequestKind;
  /** The recipient's country. */
  jurisdiction: string;
  fromOrg: string | null;
  toOrg: string;
}

/**
 * The clocks that apply to one request: the kind's defaults, then the jurisdiction's, then the
 * node's own rules for the jurisdiction, then those of the partnership (sender → recipient).
 * A later layer overrides only the settings it names.
 *
 * resolveDeadlines(db, {kind: 'payment-intervention', jurisdiction: 'TH', …})
 * // { acknowledgeWithin: 'PT15M', actWithin: 'PT1H', holdFor: 'PT72H', holdAfterComplaint: 'P7D', … }
 */
export async function resolveDeadlines(db: Db, scope: DeadlineScope): Promise<DeadlineSettings> {
  const layers: Partial<DeadlineSettings>[] = [
    ...DEFAULT_RULES.filter((r) => r.kind === scope.kind && r.jurisdiction === undefined).map((r) => r.settings),
    ...DEFAULT_RULES.filter((r) => r.kind === scope.kind && r.jurisdiction === scope.jurisdiction).map((r) => r.settings),
  ];
  const stored = await db.selectFrom('deadline_rules').selectAll().where('kind', '=', scope.kind).execute();
  const rank = (r: { jurisdiction: string; from_org: string; to_org: string }) => (r.from_org || r.to_org ? 2 : r.jurisdiction ? 1 : 0);
  const applicable = stored
    .filter((r) => (r.jurisdiction === '' || r.jurisdiction === scope.jurisdiction) && (r.from_org === '' || r.from_org === scope.fromOrg) && (r.to_org === '' || r.to_org === scope.toOrg))
    .sort((a, b) => rank(a) - rank(b));
  for (const r of applicable) layers.push(JSON.parse(r.settings) as Partial<DeadlineSettings>);
  const merged = Object.assign({ acknowledgeWithin: 'PT24H', actWithin: 'P7D', alertsBefore: [] }, ...layers) as DeadlineSettings;
  return merged;
}

export interface DeadlineRuleInput {
  kind: RequestKind;
  jurisdiction?: string;
  fromOrg?: string;
  toOrg?: string;
  settings: Partial<DeadlineSettings>;
}

/** Sets (or replaces) the node's rule for one scope. Durations are checked here, once. */
export async function setDeadlineRule(ctx: AppContext, principal: Principal, input: DeadlineRuleInput) {
  authorize(principal, 'request:configure');
  for (const [name, value] of Object.entries(input.settings)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string' || !isDuration(v)) throw new ProblemError('validation-failed', `${name}: "${String(v)}" is not an ISO 8601 duration like PT72H or P60D`);
    }
  }
  const scope = { kind: input.kind, jurisdiction: input.jurisdiction?.toUpperCase() ?? '', from_org: input.fromOrg ?? '', to_org: input.toOrg ?? '' };
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    await trx
      .deleteFrom('deadline_rules')
      .where('kind', '=', scope.kind)
      .where('jurisdiction', '=', scope.jurisdiction)
      .where('from_org', '=', scope.from_org)
      .where('to_org', '=', scope.to_org)
      .execute();
    const id = newId();
    await trx.insertInto('deadline_rules').values({ id, ...scope, settings: JSON.stringify(input.settings), updated_by: principal.actorId, updated_at: now }).execute();
    emit({ entity: 'deadline-rule', entityId: id, op: 'update', orgId: principal.orgId, data: { id, ...scope, settings: input.settings, by: principal.actorId } });
  });
  return listDeadlineRules(ctx, principal);
}

/** The built-in defaults with their sources, and the node's own rules. */
export async function listDeadlineRules(ctx: AppContext, principal: Principal) {
  authorize(principal, 'request:read');
  const stored = await ctx.storage.db.selectFrom('deadline_rules').selectAll().orderBy('kind').orderBy('jurisdiction').execute();
  return {
    defaults: DEFAULT_RULES.map((r) => ({ kind: r.kind, jurisdiction: r.jurisdiction ?? null, settings: r.settings, source: r.source })),
    rules: stored.map((r) => ({
      id: r.id,
      kind: r.kind,
      jurisdiction: r.jurisdiction || null,
      fromOrg: r.from_org || null,
      toOrg: r.to_org || null,
      settings: JSON.parse(r.settings) as Partial<DeadlineSettings>,
      updatedAt: r.updated_at,
    })),
  };
}
