import { stat } from 'node:fs/promises';
import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import { WalCheckpointer } from '../../db/wal-checkpointer.js';
import { stableKey } from '../../shared/hash.js';
import { type ParsedListing, recordListingsBulk } from '../indicators/indicators.bulk.js';
import { MarkingResolver } from '../policy/marking.service.js';
import { markingColumns, type MarkingInput, type MarkingRow } from '../policy/markings.js';
import { authorize, type Principal } from '../policy/policy.js';
import { createReportBody } from '../reports/reports.schema.js';
import { createReport } from '../reports/reports.service.js';
import { asRowSummary, detectInteropFormat, importInteropFile } from '../interop/interop-files.js';
import { type FileFormat, readCsvRows, sniffFormat } from './import-rows.js';
import { LARGE_IMPORT_BYTES, parseThreads, readJsonBlocks } from './import-pool.js';
import { describeIssues, emptyBlock, type ImporterFacts, type ReadBlock, type ReadyListing, readRow, withMarking } from './listing-rows.js';

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

// Listings per write transaction. Every batch rewrites the index pages its random keys land on
// (dedupe keys, values), so larger batches write each page for more rows: at 25,000 a million-row
// import spends half the time committing that it did at 10,000, for some 70 MB more memory.
export const LISTING_BATCH = 25_000;

/**
 * Imports a JSON Lines or CSV file of reports and indicator listings. A row with a `value` is a
 * listing; any other row is a report. Listings are parsed in worker threads (import-pool.ts) and
 * written set-based, in batches of one transaction each (indicators.bulk.ts); reports one by one.
 * Every row's content is its identity, so importing a file twice adds nothing.
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
  const size = (await stat(file)).size;
  const tracker = progress?.(size);
  const summary: ImportSummary = { file, format, rows: 0, accepted: 0, merged: 0, rejected: 0, rejections: [], seconds: 0, rowsPerSecond: 0 };
  const reject = (line: number, code: string, reason: string) => {
    summary.rejected += 1;
    summary.rejections.push({ line, code, reason });
  };
  const markings = new ListingMarkings(ctx, principal);
  // Undefined until the first batch; null when the import goes without the thread.
  let checkpoints: WalCheckpointer | null | undefined;
  let batch: ReadyListing[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    authorize(principal, 'indicator:import');
    const items: ParsedListing[] = [];
    for (const listing of batch) {
      // Most listings carry no marking: the organisation's default, with no promise each.
      const known = markings.known(listing.markingInput);
      if (known) {
        items.push(withMarking(listing, known));
        continue;
      }
      const marked = await markings.resolve(listing.markingInput);
      if ('error' in marked) {
        reject(listing.line, marked.error.code, marked.error.message);
        continue;
      }
      items.push(withMarking(listing, marked.marking));
    }
    batch = [];
    const added = await recordListingsBulk(ctx, principal.orgId, items);
    for (const a of added) summary[a ? 'accepted' : 'merged'] += 1;
    // Decided after the first batch, whose statements set the writer's own checkpoint size.
    if (checkpoints === undefined) checkpoints = backgroundCheckpoints(ctx, size);
    checkpoints?.committed();
  };

  const importer = { orgId: principal.orgId, country: principal.country };
  const blocks = format === 'jsonl' ? readJsonBlocks(file, importer, parseThreads(size), tracker?.onBytes) : readCsvBlocks(file, importer, tracker?.onBytes);
  try {
    for await (const block of blocks) {
      summary.rows += block.rows;
      for (const r of block.rejections) reject(r.line, r.code, r.reason);
      for (const listing of block.listings) {
        batch.push(listing);
        if (batch.length >= LISTING_BATCH) await flush();
      }
      for (const report of block.reports) await importReport(ctx, principal, report, summary, reject);
    }
    await flush();
  } finally {
    await checkpoints?.stop();
  }
  summary.rejections.sort((a, b) => a.line - b.line);
  summary.seconds = Math.round(performance.now() - started) / 1000;
  summary.rowsPerSecond = summary.seconds > 0 ? Math.round(summary.rows / summary.seconds) : summary.rows;
  return summary;
}

/**
 * A thread that checkpoints the SQLite log while a large import writes (db/wal-checkpointer.ts);
 * none on PostgreSQL or for a small file. `FRAUDX_IMPORT_CHECKPOINTS=0` or `1` decides instead.
 */
function backgroundCheckpoints(ctx: AppContext, fileBytes: number): WalCheckpointer | null {
  const { sqlite, file } = ctx.storage;
  if (!sqlite || !file) return null;
  const asked = process.env.FRAUDX_IMPORT_CHECKPOINTS;
  const wanted = asked === undefined ? fileBytes >= LARGE_IMPORT_BYTES : asked === '1';
  if (!wanted) return null;
  return new WalCheckpointer(sqlite, file, (err) => ctx.log.warn({ err: err.message }, 'the import\'s checkpoint thread failed; the writer checkpoints for itself'));
}

async function importReport(
  ctx: AppContext,
  principal: Principal,
  row: { line: number; record: Record<string, unknown> },
  summary: ImportSummary,
  reject: (line: number, code: string, reason: string) => void,
): Promise<void> {
  const parsed = createReportBody.safeParse(row.record);
  if (!parsed.success) {
    reject(row.line, 'validation-failed', describeIssues(parsed.error.issues));
    return;
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

/** CSV rows, read in this thread, in blocks like those of the JSON Lines path. */
async function* readCsvBlocks(file: string, importer: ImporterFacts, onBytes?: (bytes: number) => void): AsyncGenerator<ReadBlock> {
  let block = emptyBlock();
  for await (const row of readCsvRows(file, onBytes)) {
    readRow(row, importer, block);
    if (block.rows >= 1000) {
      yield block;
      block = emptyBlock();
    }
  }
  yield block;
}

/** The listing's marking in stored form; the organisation's default is resolved once. */
class ListingMarkings {
  private readonly resolver: MarkingResolver;
  private byDefault: MarkingRow | undefined;

  constructor(ctx: AppContext, principal: Principal) {
    this.resolver = new MarkingResolver(ctx.storage.db, principal);
  }

  /** The marking, when known without a query: the default, for a listing without its own. */
  known(input: MarkingInput | undefined): MarkingRow | undefined {
    return input ? undefined : this.byDefault;
  }

  async resolve(input: MarkingInput | undefined): Promise<{ marking: MarkingRow } | { error: { code: string; message: string } }> {
    const marked = await this.resolver.tryResolve(input);
    if ('error' in marked) return marked;
    const row = markingColumns(marked.marking);
    if (!input) this.byDefault = row;
    return { marking: row };
  }
}
