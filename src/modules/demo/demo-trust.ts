import type { AppContext } from '../../app/context.js';
import type { Org } from '../orgs/orgs.store.js';
import type { MarkingInput } from '../policy/markings.js';
import type { Principal } from '../policy/policy.js';
import { createGroup } from '../sharing/sharing.service.js';
import { createUser } from '../users/users.service.js';

/** The demo's one password: documented in docs/demo.md as for the demo only. */
export const DEMO_PASSWORD = 'fraudx-demo';
export const DEMO_GROUP = 'Thai joint investigation team (demo)';

/** One analyst per demo organisation (analyst@<key>.demo) and an admin of the anti-scam centre. */
export async function ensureDemoUsers(ctx: AppContext, orgs: Record<string, Org>): Promise<void> {
  const wanted = [
    ...Object.entries(orgs).map(([key, org]) => ({ email: `analyst@${key}.demo`, name: `Analyst, ${org.name}`, role: 'analyst' as const, orgId: org.id })),
    { email: 'admin@aoc.demo', name: `Admin, ${orgs.aoc.name}`, role: 'admin' as const, orgId: orgs.aoc.id },
  ];
  for (const user of wanted) {
    const exists = await ctx.storage.db.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirst();
    if (!exists) await createUser(ctx, 'system', { ...user, password: DEMO_PASSWORD });
  }
}

/** The demo's sharing group: the anti-scam centre, the police and one bank, for RED police reports. */
export async function ensureDemoGroup(ctx: AppContext, aoc: Principal, members: string[]): Promise<string> {
  const existing = await ctx.storage.db.selectFrom('sharing_groups').select('id').where('name', '=', DEMO_GROUP).executeTakeFirst();
  if (existing) return existing.id;
  const group = await createGroup(ctx, aoc, { name: DEMO_GROUP, description: 'Shares RED police intelligence on the Thai networks.', members });
  return group.id;
}

/**
 * How each demo organisation marks its reports: the anti-scam centre publishes (CLEAR), banks share
 * with the community (GREEN) and keep some to themselves (AMBER+STRICT), the police share AMBER
 * with the community and every third report RED with the joint team.
 */
export function demoMarking(reporter: string, serial: number, groupId: string): MarkingInput {
  if (reporter === 'aoc') return { tlp: 'clear', distribution: 'public' };
  if (reporter === 'police') return serial % 3 === 0 ? { tlp: 'red', distribution: 'groups', groups: [groupId] } : { tlp: 'amber', distribution: 'community' };
  if (reporter === 'bank' || reporter === 'phbank' || reporter === 'sgpay') return serial % 4 === 0 ? { tlp: 'amber+strict', distribution: 'organisation' } : { tlp: 'green', distribution: 'community' };
  return { tlp: 'green', distribution: 'community' };
}
