import { ProblemError } from '../../errors/problems.js';
import { orgDefaultMarking } from '../orgs/orgs.settings.js';
import type { Db } from '../orgs/orgs.store.js';
import { assertMayName } from '../sharing/sharing.service.js';
import { type Marking, type MarkingInput, resolveMarking } from './markings.js';
import type { Principal } from './policy.js';

/**
 * Resolves markings for one principal's new objects: its organisation's default fills what the
 * input leaves out, and every group named must be one the organisation belongs to.
 */
export class MarkingResolver {
  private orgDefault: Marking | undefined;
  private readonly usable = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly principal: Principal,
  ) {}

  async resolve(input: MarkingInput | undefined): Promise<Marking> {
    this.orgDefault ??= await orgDefaultMarking(this.db, this.principal.orgId);
    const marking = resolveMarking(input, this.orgDefault);
    const unknown = marking.groups.filter((g) => !this.usable.has(g));
    if (unknown.length) {
      await assertMayName(this.db, this.principal.orgId, unknown);
      for (const g of unknown) this.usable.add(g);
    }
    return marking;
  }

  /** For batches that answer per item: the marking, or the reason it was refused. */
  async tryResolve(input: MarkingInput | undefined): Promise<{ marking: Marking } | { error: { code: string; message: string } }> {
    try {
      return { marking: await this.resolve(input) };
    } catch (err) {
      if (err instanceof ProblemError) return { error: { code: err.code, message: err.message } };
      throw err;
    }
  }
}
