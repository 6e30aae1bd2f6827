import { sql } from 'kysely';
import type { AppContext } from '../../../app/context.js';
import type { IndicatorTable } from '../../../db/schema.js';
import { authorize } from '../../policy/policy.js';
import { indicatorIds } from '../stix/stix-export.js';
import { indicatorFilter, mayRead, type Reader } from '../visibility.js';
import type { ExportFilters } from './exports.schema.js';

const PAGE = 2000;

/** Streams the indicators the reader may see that pass the filters, in id order, page by page. */
export async function* exportedIndicators(ctx: AppContext, reader: Reader, filters: ExportFilters): AsyncGenerator<IndicatorTable> {
  if (reader.principal) authorize(reader.principal, 'indicator:read');
  let after = '';
  for (;;) {
    let q = ctx.storage.db.selectFrom('indicators').selectAll().where('indicators.id', '>', after).where(indicatorFilter(reader, 'indicators.id'));
    if (filters.kind) q = q.where('kind', '=', filters.kind);
    if (filters.status !== 'any') q = q.where('status', '=', filters.status);
    if (filters.minScore !== undefined) q = q.where('score', '>=', filters.minScore);
    if (filters.changedSince) q = q.where('updated_at', '>=', new Date(filters.changedSince).toISOString());
    // Lists are comma-joined; wrapping both sides in commas makes the match exact.
    if (filters.typology) q = q.where(sql<string>`',' || typologies || ','`, 'like', `%,${filters.typology},%`);
    if (filters.country) q = q.where(sql<string>`',' || countries || ','`, 'like', `%,${filters.country},%`);
    const rows = await q.orderBy('id').limit(PAGE).execute();
    for (const row of rows) if (mayRead(reader, 'indicator', row)) yield row;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

export const CSV_COLUMNS = ['kind', 'value', 'display', 'status', 'score', 'reports', 'organisations', 'countries', 'typologies', 'first_seen', 'last_seen', 'updated_at', 'stix_id'] as const;

function csvCell(value: string | number): string {
  const text = String(value);
  // Quoted when needed; a leading = + - @ is prefixed so spreadsheets never run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV of the indicators, one per line, with the header `CSV_COLUMNS`. */
export async function* indicatorsCsv(ctx: AppContext, reader: Reader, filters: ExportFilters): AsyncGenerator<string> {
  yield CSV_COLUMNS.join(',') + '\n';
  for await (const i of exportedIndicators(ctx, reader, filters)) {
    const cells = [i.kind, i.canonical, i.display, i.status, i.score, i.report_count, i.org_count, i.countries.replace(/,/g, ' '), i.typologies.replace(/,/g, ' '), i.first_seen, i.last_seen, i.updated_at, indicatorIds(i.kind, i.canonical).observable];
    yield cells.map(csvCell).join(',') + '\n';
  }
}

/**
 * The value a blocking system loads for an indicator: the canonical form, except wallets, whose
 * chain prefix fraudx adds (`btc:…`) and address lists do not carry.
 */
export function blocklistValue(kind: string, canonical: string): string {
  return kind === 'crypto-wallet' ? canonical.slice(canonical.indexOf(':') + 1) : canonical;
}

/** One value per line, for one kind: what an SMS firewall, DNS resolver or payment screen loads. */
export async function* blocklist(ctx: AppContext, reader: Reader, filters: ExportFilters): AsyncGenerator<string> {
  for await (const i of exportedIndicators(ctx, reader, filters)) yield blocklistValue(i.kind, i.canonical) + '\n';
}
