import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import type { Principal } from '../policy/policy.js';
import { importMispEvents, type MispImportSummary, mispEventsOf } from './misp/misp-import.js';
import { readMispFeed } from './misp/misp-feed.js';
import { importStixBundle, type StixImportSummary } from './stix/stix-import.js';

export type InteropFormat = 'stix' | 'misp' | 'misp-feed';

async function head(file: string): Promise<string> {
  let text = '';
  for await (const chunk of createReadStream(file, { start: 0, end: 8191, encoding: 'utf8' })) text += chunk as string;
  return text.replace(/^\uFEFF/, '').trimStart();
}

/**
 * Tells STIX and MISP files apart from fraudx's own JSON Lines and CSV by their content: a STIX
 * bundle's first keys and `bundle--` id, MISP's `Event` or `response` key, a MISP feed's
 * `manifest.json` (or a folder holding one). Anything else is left to the row importer.
 */
export async function detectInteropFormat(file: string): Promise<InteropFormat | undefined> {
  const info = await stat(file);
  if (info.isDirectory()) return (await stat(path.join(file, 'manifest.json')).catch(() => undefined)) ? 'misp-feed' : undefined;
  if (path.basename(file) === 'manifest.json') return 'misp-feed';
  const text = await head(file);
  const firstKey = /^[[{]\s*\{?\s*"([^"]+)"/.exec(text)?.[1];
  if (firstKey === 'Event' || firstKey === 'response') return 'misp';
  if (firstKey && ['type', 'id', 'spec_version', 'objects'].includes(firstKey) && /"(bundle|indicator|[a-z-]+)--[0-9a-f-]{36}"/i.test(text)) return 'stix';
  return undefined;
}

export type InteropImportSummary = (StixImportSummary | MispImportSummary) & { format: InteropFormat };

export async function importInteropFile(ctx: AppContext, principal: Principal, file: string, format: InteropFormat): Promise<InteropImportSummary> {
  if (format === 'misp-feed') {
    const dir = (await stat(file)).isDirectory() ? file : path.dirname(file);
    return { format, ...(await importMispEvents(ctx, principal, await readMispFeed(dir))) };
  }
  const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
  if (format === 'misp') return { format, ...(await importMispEvents(ctx, principal, mispEventsOf(json))) };
  return { format, ...(await importStixBundle(ctx, principal, json)) };
}

/** The interop summary in the shape `fraudx import` prints for every format. */
export function asRowSummary(file: string, summary: InteropImportSummary, seconds: number) {
  const objects = 'objects' in summary ? summary.objects : summary.events;
  const accepted = summary.indicators.accepted + summary.reports.created + summary.sightings.created;
  const merged = summary.indicators.merged + summary.reports.existing + summary.sightings.existing;
  return {
    file,
    format: summary.format,
    rows: objects,
    accepted,
    merged,
    rejected: summary.rejected.length,
    rejections: summary.rejected.map((r) => ({ line: 0, code: r.type || 'rejected', reason: `${r.id}: ${r.reason}` })),
    skipped: summary.skipped.length,
    seconds,
    rowsPerSecond: seconds > 0 ? Math.round(objects / seconds) : objects,
  };
}
