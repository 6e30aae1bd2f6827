import { ProblemError } from '../../../errors/problems.js';
import { resolveDeadlines } from '../../deadlines/deadlines.service.js';
import { addDuration, durationMs } from '../../deadlines/duration.js';
import { catalogueEntryOf, type LegalBasis } from '../legal-bases.js';
import type { KindEffect } from './effect.js';

/**
 * Preserved data gets its "preserved until" clock: the rule's period unless the recipient names
 * a date, never shorter than the legal basis allows (Budapest Art. 29(7): sixty days). Once the
 * MLA request is in, preservation continues pending its decision, so the clock stops.
 */
export const preservationEffects: KindEffect = async (env, move) => {
  const { row, body } = move;
  if (row.state === 'preserved') {
    const settings = await resolveDeadlines(env.trx, { kind: 'preservation', jurisdiction: row.jurisdiction, fromOrg: row.from_org, toOrg: row.to_org });
    const until = body.until ? new Date(body.until).toISOString() : addDuration(env.nowIso, settings.preserveFor ?? 'P60D');
    const floors = (JSON.parse(row.legal_basis) as LegalBasis[]).map((b) => catalogueEntryOf(b)?.minimumPreservation).filter((d): d is string => Boolean(d));
    const floor = Math.max(0, ...floors.map(durationMs));
    if (Date.parse(until) < env.now.getTime() + floor) {
      throw new ProblemError('validation-failed', `the legal basis requires preservation for at least ${floors.join(', ')}; ${until} is too early`);
    }
    // A renewal only ever lengthens the preservation.
    if (move.from === 'preserved' && row.expires_at && until <= row.expires_at) {
      throw new ProblemError('validation-failed', `a renewal must end after the current ${row.expires_at}`);
    }
    row.expires_at = until;
    row.alerts_sent = '[]';
    move.outcome.preservedUntil = until;
  } else if (row.state === 'mla_submitted') {
    row.expires_at = null;
    row.follow_up_due_at = null;
    move.outcome.mlaSubmittedAt = env.nowIso;
  }
};
