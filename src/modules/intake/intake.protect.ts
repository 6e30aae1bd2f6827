import type { AppContext } from '../../app/context.js';
import type { IntakeReportTable } from '../../db/schema.js';
import { openField, sealField } from '../privacy/field-cipher.js';

/**
 * What a member of the public wrote (their story, often with their name) and how to reach them is
 * sealed under the node key, bound to the intake report's id; the anonymous facts stay readable.
 */
export function sealIntakePersonal(ctx: AppContext, id: string, personal: { summary: string; contact: string | null }): Pick<IntakeReportTable, 'summary' | 'contact'> {
  return { summary: sealField(ctx, id, personal.summary), contact: personal.contact ? sealField(ctx, id, personal.contact) : null };
}

export function openIntakePersonal(ctx: AppContext, row: Pick<IntakeReportTable, 'id' | 'summary' | 'contact'>): { summary: string; contact: string | null } {
  return { summary: openField(ctx, row.id, row.summary), contact: row.contact ? openField(ctx, row.id, row.contact) : null };
}
