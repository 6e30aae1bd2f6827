import { stableKey } from '../../shared/hash.js';
import { listingInput } from '../indicators/indicators.listings.js';
import { tryParseValue } from '../indicators/parse.js';
import type { ParsedListing } from '../indicators/indicators.bulk.js';
import type { MarkingInput, MarkingRow } from '../policy/markings.js';
import type { RawRow } from './import-rows.js';

/** Who imports: the fields a listing's defaults and identity come from. */
export interface ImporterFacts {
  orgId: string;
  country: string | undefined;
}

/** A listing read, validated and normalised; its marking is resolved later, against storage. */
export interface ReadyListing extends Omit<ParsedListing, 'marking'> {
  line: number;
  markingInput: MarkingInput | undefined;
  /** Set when resolved (`withMarking`). */
  marking?: MarkingRow;
}

/**
 * The listing as a write takes it, with its marking: the same object, not a copy, as an import
 * hands a million of them over.
 */
export function withMarking(listing: ReadyListing, marking: MarkingRow): ParsedListing {
  listing.marking = marking;
  return listing as ParsedListing;
}

/** What a block of rows turns into: listings ready to store, reports to create, rejections. */
export interface ReadBlock {
  rows: number;
  listings: ReadyListing[];
  reports: { line: number; record: Record<string, unknown> }[];
  rejections: { line: number; code: string; reason: string }[];
}

export function emptyBlock(): ReadBlock {
  return { rows: 0, listings: [], reports: [], rejections: [] };
}

/**
 * Validates and normalises one row into `block`: the CPU-heavy part of an import, which needs no
 * storage and so runs in worker threads (import-pool.ts). Reports are passed on untouched.
 */
export function readRow(row: RawRow, importer: ImporterFacts, block: ReadBlock): void {
  block.rows += 1;
  if (!row.record) {
    block.rejections.push({ line: row.line, code: 'malformed-row', reason: row.error ?? 'the row cannot be read' });
    return;
  }
  if (!('value' in row.record)) {
    block.reports.push({ line: row.line, record: row.record });
    return;
  }
  const checked = listingInput.safeParse(row.record);
  if (!checked.success) {
    block.rejections.push({ line: row.line, code: 'validation-failed', reason: describeIssues(checked.error.issues) });
    return;
  }
  const item = checked.data;
  const country = item.country ?? importer.country;
  const parsed = tryParseValue(item.value, item.kind, country);
  if ('error' in parsed) {
    block.rejections.push({ line: row.line, code: parsed.error.code, reason: parsed.error.message });
    return;
  }
  const { kind, canonical, display, facts } = parsed.parsed;
  const typology = item.typology ?? null;
  block.listings.push({
    line: row.line,
    kind,
    canonical,
    display,
    facts: JSON.stringify(facts),
    typology,
    country: country ?? null,
    observedAt: item.observedAt ? new Date(item.observedAt).toISOString() : undefined,
    // The same key as a listing recorded through the API, so either path merges with the other.
    dedupeKey: stableKey('listing', importer.orgId, kind, canonical, typology, country),
    markingInput: item.marking,
  });
}

/** Reads a block of JSON Lines, the first of which is line `firstLine` of the file. */
export function readJsonLines(text: string, firstLine: number, importer: ImporterFacts): ReadBlock {
  const block = emptyBlock();
  let line = firstLine - 1;
  for (const raw of text.split('\n')) {
    line += 1;
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (trimmed === '') continue;
    readRow(jsonRow(line, trimmed), importer, block);
  }
  return block;
}

export function jsonRow(line: number, text: string): RawRow {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return { line, record: value as Record<string, unknown> };
    return { line, record: undefined, error: 'the line is JSON but not an object' };
  } catch {
    return { line, record: undefined, error: 'the line is not valid JSON' };
  }
}

export function describeIssues(issues: readonly { path: PropertyKey[]; message: string; code: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
