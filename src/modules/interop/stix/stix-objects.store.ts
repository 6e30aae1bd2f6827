import type { AppContext } from '../../../app/context.js';
import { write } from '../../../app/write.js';
import { chunks } from '../../indicators/indicators.model.js';
import type { Principal } from '../../policy/policy.js';
import { rememberStixIds } from '../interop.store.js';
import type { StixObject } from './stix-types.js';

function versionOf(o: StixObject): string {
  return String(o.modified ?? o.created ?? '');
}

/**
 * Stores STIX objects of types fraudx does not model, as received: a newer version replaces an
 * older one, an older or equal one changes nothing. Each stored version is one change-log event,
 * so TAXII collections serve these objects again. Answers how many were stored.
 */
export async function keepObjects(ctx: AppContext, principal: Principal, objects: readonly StixObject[]): Promise<number> {
  if (objects.length === 0) return 0;
  const nowIso = ctx.clock.now().toISOString();
  return write(ctx, async (trx, emit) => {
    let stored = 0;
    for (const batch of chunks([...new Map(objects.map((o) => [o.id, o])).values()], 200)) {
      const existing = new Map(
        (await trx.selectFrom('stix_objects').select(['id', 'modified']).where('id', 'in', batch.map((o) => o.id)).execute()).map((r) => [r.id, r.modified]),
      );
      for (const o of batch) {
        const version = versionOf(o);
        const had = existing.get(o.id);
        if (had !== undefined && had >= version) continue;
        const row = { type: o.type, modified: version, org_id: principal.orgId, object: JSON.stringify(o), created_at: nowIso };
        if (had === undefined) await trx.insertInto('stix_objects').values({ id: o.id, ...row }).execute();
        else await trx.updateTable('stix_objects').set(row).where('id', '=', o.id).execute();
        emit({ entity: 'stix-object', entityId: o.id, op: had === undefined ? 'create' : 'update', orgId: principal.orgId, data: { id: o.id, type: o.type } });
        stored += 1;
      }
      await rememberStixIds(trx, batch.map((o) => ({ stix_id: o.id, entity: 'stix-object', entity_id: o.id })));
    }
    return stored;
  });
}

export async function deleteKeptObject(ctx: AppContext, principal: Principal, id: string): Promise<boolean> {
  return write(ctx, async (trx, emit) => {
    const row = await trx.selectFrom('stix_objects').select(['id', 'org_id']).where('id', '=', id).executeTakeFirst();
    if (!row || row.org_id !== principal.orgId) return false;
    await trx.deleteFrom('stix_objects').where('id', '=', id).execute();
    emit({ entity: 'stix-object', entityId: id, op: 'delete', orgId: principal.orgId, data: { id } });
    return true;
  });
}
