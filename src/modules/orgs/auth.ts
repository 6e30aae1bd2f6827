import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import type { Principal } from '../policy/policy.js';
import type { Role } from '../policy/roles.js';
import { hashSecret, secretMatches, splitKey } from './keys.js';
import { groupIdsOf } from '../sharing/sharing.store.js';

interface CachedKey {
  principal: Principal;
  checkedAt: number;
}

// Keys are checked against storage at most this often, so a revocation in another process takes
// effect within this time while the hot check path stays off the database.
const RECHECK_MS = 5_000;
const TOUCH_MS = 60_000;
// Verified headers kept; when full the cache starts again (each key is verified once more).
const CACHE_SIZE = 10_000;

/** Resolves `Authorization: Bearer KEY` to a principal. */
export class KeyAuthenticator {
  /**
   * Verified principals by the exact Authorization header: the same header is the same secret,
   * so a hit needs neither a parse nor a hash. Only headers that verified are kept.
   */
  private readonly cache = new Map<string, CachedKey>();
  private readonly touched = new Map<string, number>();
  private readonly pending = new Map<string, Promise<Principal>>();

  constructor(private readonly ctx: AppContext) {
    ctx.feed.subscribe((events) => {
      for (const e of events) {
        if (e.entity === 'api_key' && e.op === 'update') this.forget((e.data as { id: string }).id);
        // A group's members changed: every cached principal's groups may be stale.
        if (e.entity === 'sharing-group') this.cache.clear();
      }
    });
  }

  /** The principal, synchronously when the header verified within the last few seconds. */
  authenticate(header: string | undefined): Principal | Promise<Principal> {
    return this.verified(header) ?? this.verifyOnce(header);
  }

  /** The principal of a header that verified within the last few seconds; undefined otherwise (nothing is asked of storage). */
  verified(header: string | undefined): Principal | undefined {
    const cached = header === undefined ? undefined : this.cache.get(header);
    return cached && Date.now() - cached.checkedAt < RECHECK_MS ? cached.principal : undefined;
  }

  /**
   * One verification at a time per header: when a busy key's entry is due again, the requests
   * that arrive meanwhile wait for the same answer rather than each asking storage.
   */
  private verifyOnce(header: string | undefined): Promise<Principal> {
    if (header === undefined) return this.verify(header);
    let pending = this.pending.get(header);
    if (!pending) {
      pending = this.verify(header).finally(() => this.pending.delete(header));
      this.pending.set(header, pending);
    }
    return pending;
  }

  private async verify(header: string | undefined): Promise<Principal> {
    if (!header) throw new ProblemError('auth-required');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const parts = match ? splitKey(match[1]) : undefined;
    if (!parts) throw new ProblemError('invalid-key', 'the Authorization header must be "Bearer fx_…"');
    const now = Date.now();
    const row = await this.ctx.storage.db
      .selectFrom('api_keys as k')
      .innerJoin('orgs as o', 'o.id', 'k.org_id')
      .select(['k.id', 'k.org_id', 'k.role', 'k.scope', 'k.secret_hash', 'k.revoked_at', 'o.country'])
      .where('k.prefix', '=', parts.prefix)
      .executeTakeFirst();
    // The same comparison runs whether or not the prefix exists, so timing tells nothing.
    const ok = secretMatches(parts.secret, row?.secret_hash ?? hashSecret('no such key'));
    if (!row || !ok || row.revoked_at) {
      this.cache.delete(header);
      throw new ProblemError('invalid-key');
    }
    const principal: Principal = {
      orgId: row.org_id,
      role: row.role as Role,
      actorId: row.id,
      country: row.country,
      groups: await groupIdsOf(this.ctx.storage.db, row.org_id),
      scope: row.scope === 'check' ? 'check' : 'full',
    };
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(header, { principal, checkedAt: now });
    this.touch(row.id, now);
    return principal;
  }

  private forget(keyId: string): void {
    for (const [header, entry] of this.cache) if (entry.principal.actorId === keyId) this.cache.delete(header);
  }

  private touch(keyId: string, now: number): void {
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_MS) return;
    this.touched.set(keyId, now);
    void this.ctx.storage.db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now).toISOString() })
      .where('id', '=', keyId)
      .execute()
      .catch(() => undefined);
  }
}
