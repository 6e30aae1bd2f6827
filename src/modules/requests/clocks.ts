import type { RequestTable } from '../../db/schema.js';
import { isFinal, type KindDefinition } from './kinds/kind.js';

export interface ClockStatus {
  /** The clocks that have run out without the step they wait for. */
  overdue: ('acknowledge' | 'act')[];
}

/**
 * Which of a request's clocks are overdue now. A closed, withdrawn or otherwise final request is
 * never overdue; neither is a clock whose step is done.
 *
 * clockStatus(def, {ack_due_at: '…T10:15Z', acknowledged_at: null, …}, new Date('…T10:16Z')) // { overdue: ['acknowledge'] }
 */
export function clockStatus(def: KindDefinition, row: Pick<RequestTable, 'state' | 'ack_due_at' | 'act_due_at' | 'acknowledged_at' | 'acted_at'>, now: Date): ClockStatus {
  const overdue: ClockStatus['overdue'] = [];
  if (isFinal(def, row.state) || row.state === 'closed') return { overdue };
  const t = now.toISOString();
  if (!row.acknowledged_at && !row.acted_at && row.ack_due_at && row.ack_due_at < t) overdue.push('acknowledge');
  if (!row.acted_at && row.act_due_at && row.act_due_at < t) overdue.push('act');
  return { overdue };
}
