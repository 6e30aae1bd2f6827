import { stat } from 'node:fs/promises';
import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import { stableKey } from '../../shared/hash.js';
import { listingInput, type ListingInput, recordListings } from '../indicators/indicators.listings.js';
import type { Principal } from '../policy/policy.js';
import { createReportBody } from '../reports/reports.schema.js';
import { createReport } from '../reports/reports.service.js';
import { asRowSummary, detectInteropFormat, importInteropFile } from '../interop/interop-files.js';
import { type FileFormat, readRows, sniffFormat } from './import-rows.js';

export interface ImportRejection {
  line: number;
  code: string;
  reason: string;
}

export interface ImportSummary {
  file: string;
  format: FileFormat;
  rows: number;
  accepted: number;
  merged: number;
  rejected: number;
  rejections: ImportRejection[];
  seconds: number;
  rowsPerSecond: number;
}

export interface ImportProgress {
  totalBytes: number;
  onBytes(bytes: number): void;
}

const LISTING_BATCH = 2000;

/**
 * Imports a JSON Lines or CSV file of reports and indicator listings. A row with a `value` is a
 * listing; any other row is a report. Listings go in batches of one transaction each; reports one
 * by one. Every row's content is its identity, so importing a file twice adds nothing.
 */
export async function importFile(
  ctx: AppContext,
  principal: Principal,
  file: string,
  progress?: (total: number) => ImportProgress,
): Promise<ImportSummary> {
  const started = performance.now();
  // STIX bundles and MISP events or feeds are told by their content and imported as such.
  const interop = await detectInteropFormat(file);
  if (interop) return asRowSummary(file, await importInteropFile(ctx, principal, file, interop), Math.round(performance.now() - started) / 1000);
  const format = await sniffFormat(file);
  const tracker = progress?.((await stat(file)).size);
  const summary: ImportSummary = { file, format, rows: 0, accepted: 0, merged: 0, rejected: 0, rejections: [], seconds: 0, rowsPerSecond: 0 };
  const reject = (line: number, code: string, reason: string) => {
    summary.rejected += 1;
    summary.rejections.push({ line, code, reason });
  };
  let batch: { line: number; item: ListingInput }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const outcomes = await recordListings(ctx, principal, batch.map((b) => b.item));
    outcomes.forEach((o, i) => {
      if (o.status === 'rejected') reject(batch[i].line, o.error.code, o.error.message);
      else summary[o.status] += 1;
    });
    batch = [];
  };

  for await (const row of readRows(file, format, tracker?.onBytes)) {
    summary.rows += 1;
    if (!row.record) {
      reject(row.line, 'malformed-row', row.error ?? 'the row cannot be read');
      continue;
    }
    if ('value' in row.record) {
      const parsed = listingInput.safeParse(row.record);
      if (!parsed.success) reject(row.line, 'validation-failed', describeIssues(parsed.error.issues));
      else batch.push({ line: row.line, item: parsed.data });
      if (batch.length >= LISTING_BATCH) await flush();
      continue;
    }
    const parsed = createReportBody.safeParse(row.record);
    if (!parsed.success) {
      reject(row.line, 'validation-failed', describeIssues(parsed.error.issues));
      continue;
    }
    try {
      const { created } = await createReport(ctx, principal, parsed.data, {
        source: 'import',
        dedupeKey: stableKey('import-report', principal.orgId, JSON.stringify(parsed.data)),
      });
      summary[created ? 'accepted' : 'merged'] += 1;
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      const details = (err.extensions.errors as { index: number; code: string; message: string }[] | undefined)?.map((e) => `indicator ${e.index + 1}: ${e.message}`);
      reject(row.line, err.code, details?.join('; ') ?? err.message);
    }
  }
  await flush();
  summary.rejections.sort((a, b) => a.line - b.line);
  summary.seconds = Math.round(performance.now() - started) / 1000;
  summary.rowsPerSecond = summary.seconds > 0 ? Math.round(summary.rows / summary.seconds) : summary.rows;
  return summary;
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string; code: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
