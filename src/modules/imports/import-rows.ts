import { createReadStream } from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import type { InteropFormat } from '../interop/interop-files.js';

/** One row of an import file, as read: a line number and the row's fields. */
export interface RawRow {
  line: number;
  record: Record<string, unknown> | undefined;
  /** Set when the row could not even be read (bad JSON, say). */
  error?: string;
}

/** How a file was read: fraudx's own rows, or a STIX bundle or MISP events detected by content. */
export type FileFormat = 'jsonl' | 'csv' | InteropFormat;

/** Tells JSON Lines from CSV by the first character that is not white space. */
export async function sniffFormat(file: string): Promise<FileFormat> {
  const stream = createReadStream(file, { start: 0, end: 4095, encoding: 'utf8' });
  let head = '';
  for await (const chunk of stream) head += chunk as string;
  return head.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** Streams the rows of a CSV file, so memory stays flat whatever its size (JSON Lines: import-pool.ts). */
export async function* readCsvRows(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<RawRow> {
  const stream = createReadStream(file);
  if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
  const parser = stream.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { line: info.lines, record: csvRecord(record) };
  }
}

/**
 * CSV cells are strings: empty cells are dropped, `loss.amount`/`lossAmount` and
 * `loss.currency`/`lossCurrency` become a `loss` object, and an `indicators` cell holds values
 * separated by `;`, each optionally `role=value`.
 */
function csvRecord(cells: Record<string, string>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(cells)) if (value !== '') record[key] = value;
  const amount = record['loss.amount'] ?? record.lossAmount;
  const currency = record['loss.currency'] ?? record.lossCurrency;
  for (const k of ['loss.amount', 'lossAmount', 'loss.currency', 'lossCurrency']) delete record[k];
  if (amount !== undefined || currency !== undefined) record.loss = { amount, currency };
  if (typeof record.indicators === 'string') {
    record.indicators = record.indicators
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const m = /^([a-z-]+)=(.+)$/.exec(s);
        return m ? { role: m[1], value: m[2] } : { value: s };
      });
  }
  return record;
}
