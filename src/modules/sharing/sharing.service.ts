import type { AppContext } from '../../app/context.js';
import { write } from '../../app/write.js';
import { ProblemError } from '../../errors/problems.js';
import { newId } from '../../shared/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Db } from '../orgs/orgs.store.js';
import { authorize, type Principal } from '../policy/policy.js';
import type { AddMemberBody, CreateGroupBody, GroupView } from './sharing.schema.js';
import { membershipOf } from './sharing.store.js';

/**
 * Sharing groups: named sets of organisations (a country's banks, the ASEAN police units, a joint
 * investigation team) that a marking can name. Owners change the group; members see it.
 */
export async function createGroup(ctx: AppContext, principal: Principal, body: CreateGroupBody): Promise<GroupView> {
  authorize(principal, 'group:manage');
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx, emit) => {
    await assertOrgsExist(trx, body.members);
    await trx.insertInto('sharing_groups').values({ id, name: body.name, description: body.description, created_by_org: principal.orgId, created_at: now, updated_at: now }).execute();
    const members = [...new Set(body.members.filter((m) => m !== principal.orgId))];
    await trx
      .insertInto('sharing_group_members')
      .values([{ group_id: id, org_id: principal.orgId, role: 'owner', added_at: now }, ...members.map((org_id) => ({ group_id: id, org_id, role: 'member', added_at: now }))])
      .execute();
    emit({ entity: 'sharing-group', entityId: id, op: 'create', orgId: principal.orgId, data: { id, members: [principal.orgId, ...members] } });
    await recordAudit(trx, ctx, principal, 'sharing-group.create', { type: 'sharing-group', id }, { name: body.name, members: members.length + 1 });
  });
  return getGroup(ctx, principal, id);
}

export async function getGroup(ctx: AppContext, principal: Principal, id: string): Promise<GroupView> {
  authorize(principal, 'group:read');
  const group = await ctx.storage.db.selectFrom('sharing_groups').selectAll().where('id', '=', id).executeTakeFirst();
  // A group is seen by its members only: its existence can be sensitive (a joint investigation team).
  if (!group || !(await membershipOf(ctx.storage.db, id, principal.orgId))) throw new ProblemError('not-found', `no sharing group ${id}`);
  const members = await ctx.storage.db
    .selectFrom('sharing_group_members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'o.name', 'm.role', 'm.added_at'])
    .where('m.group_id', '=', id)
    .orderBy('o.name')
    .execute();
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    createdByOrg: group.created_by_org,
    createdAt: group.created_at,
    members: members.map((m) => ({ orgId: m.org_id, orgName: m.name, role: m.role as 'owner' | 'member', addedAt: m.added_at })),
  };
}

export async function listGroups(ctx: AppContext, principal: Principal): Promise<GroupView[]> {
  authorize(principal, 'group:read');
  const ids = await ctx.storage.db.selectFrom('sharing_group_members').select('group_id').where('org_id', '=', principal.orgId).execute();
  const groups = await Promise.all(ids.map((r) => getGroup(ctx, principal, r.group_id)));
  return groups.sort((a, b) => a.name.localeCompare(b.name));
}

export async function addMember(ctx: AppContext, principal: Principal, groupId: string, body: AddMemberBody): Promise<GroupView> {
  await assertOwner(ctx, principal, groupId);
  await write(ctx, async (trx, emit) => {
    await assertOrgsExist(trx, [body.orgId]);
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('sharing_group_members')
      .values({ group_id: groupId, org_id: body.orgId, role: body.role, added_at: now })
      .onConflict((oc) => oc.columns(['group_id', 'org_id']).doUpdateSet({ role: body.role }))
      .execute();
    emit({ entity: 'sharing-group', entityId: groupId, op: 'update', orgId: principal.orgId, data: { id: groupId, added: body.orgId } });
    await recordAudit(trx, ctx, principal, 'sharing-group.member-add', { type: 'sharing-group', id: groupId }, { orgId: body.orgId, role: body.role });
  });
  return getGroup(ctx, principal, groupId);
}

/** Removing a member narrows who sees every object marked for the group: audited. */
export async function removeMember(ctx: AppContext, principal: Principal, groupId: string, orgId: string): Promise<GroupView> {
  await assertOwner(ctx, principal, groupId);
  await write(ctx, async (trx, emit) => {
    const owners = await trx.selectFrom('sharing_group_members').select('org_id').where('group_id', '=', groupId).where('role', '=', 'owner').execute();
    if (owners.length === 1 && owners[0].org_id === orgId) throw new ProblemError('conflict', 'a sharing group keeps at least one owner');
    await trx.deleteFrom('sharing_group_members').where('group_id', '=', groupId).where('org_id', '=', orgId).execute();
    emit({ entity: 'sharing-group', entityId: groupId, op: 'update', orgId: principal.orgId, data: { id: groupId, removed: orgId } });
    await recordAudit(trx, ctx, principal, 'sharing-group.member-remove', { type: 'sharing-group', id: groupId }, { orgId });
  });
  return getGroup(ctx, principal, groupId);
}

/** A marking may name only groups its owner belongs to. */
export async function assertMayName(db: Db, orgId: string, groups: readonly string[]): Promise<void> {
  for (const group of groups) {
    if (!(await membershipOf(db, group, orgId))) throw new ProblemError('marking-invalid', `the organisation is not a member of sharing group ${group}`);
  }
}

async function assertOwner(ctx: AppContext, principal: Principal, groupId: string): Promise<void> {
  authorize(principal, 'group:manage');
  const role = await membershipOf(ctx.storage.db, groupId, principal.orgId);
  if (!role) throw new ProblemError('not-found', `no sharing group ${groupId}`);
  if (role !== 'owner') throw new ProblemError('forbidden', 'only an owner organisation may change a sharing group');
}

async function assertOrgsExist(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom('orgs').select('id').where('id', 'in', [...ids]).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ProblemError('not-found', `no organisation ${missing[0]}`);
}
