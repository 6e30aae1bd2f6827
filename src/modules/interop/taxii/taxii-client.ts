import type { AppContext } from '../../../app/context.js';
import { write } from '../../../app/write.js';
import { ProblemError } from '../../../errors/problems.js';
import { stableKey } from '../../../shared/hash.js';
import type { Principal } from '../../policy/policy.js';
import { importStixBundle, type StixImportSummary } from '../stix/stix-import.js';
import type { StixObject } from '../stix/stix-types.js';

const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

export interface PullOptions {
  /** The server's discovery URL (…/taxii2/) or an API root URL. */
  url: string;
  collection: string;
  /** An API key, sent as a bearer token; or user and password for HTTP Basic. */
  token?: string;
  user?: string;
  password?: string;
  pageSize?: number;
  /** Starts from the beginning instead of the saved cursor. */
  restart?: boolean;
  onPage?(progress: { objects: number; pages: number }): void;
}

export interface PullSummary {
  collection: string;
  pages: number;
  objects: number;
  indicators: number;
  reports: number;
  sightings: number;
  kept: number;
  skipped: number;
  rejected: number;
}

function headersOf(options: PullOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  else if (options.user !== undefined || options.password !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${options.user ?? ''}:${options.password ?? ''}`).toString('base64')}`;
  }
  return headers;
}

async function getJson(url: string, options: PullOptions): Promise<{ body: Record<string, unknown>; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(url, { headers: headersOf(options) });
  } catch (err) {
    throw new ProblemError('unavailable', `cannot reach ${url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new ProblemError(res.status === 401 || res.status === 403 ? 'forbidden' : 'unavailable', `${url} answered ${res.status}: ${text.slice(0, 300)}`);
  try {
    return { body: JSON.parse(text) as Record<string, unknown>, headers: res.headers };
  } catch {
    throw new ProblemError('unavailable', `${url} did not answer JSON`);
  }
}

/** The API root URL: the given one, or the discovery document's default (else first) root. */
async function apiRootOf(options: PullOptions): Promise<string> {
  const url = options.url.endsWith('/') ? options.url : `${options.url}/`;
  const { body } = await getJson(url, options);
  const roots = Array.isArray(body.api_roots) ? (body.api_roots as string[]) : undefined;
  if (!roots) return url;
  const root = typeof body.default === 'string' ? body.default : roots[0];
  if (!root) throw new ProblemError('not-found', `${url} lists no API root`);
  return new URL(root, url).toString();
}

/**
 * Pulls one collection of a TAXII 2.1 server into this node, page by page, importing each page
 * as a STIX bundle. The position is saved after every page (the server's `next`, and the last
 * `date_added`), so an interrupted pull, or the next one, resumes where this one stopped.
 */
export async function pullCollection(ctx: AppContext, principal: Principal, options: PullOptions): Promise<PullSummary> {
  const root = await apiRootOf(options);
  const objectsUrl = `${root}collections/${encodeURIComponent(options.collection)}/objects/`;
  const id = stableKey('taxii-pull', root, options.collection);
  const saved = options.restart ? undefined : await ctx.storage.db.selectFrom('taxii_pulls').selectAll().where('id', '=', id).executeTakeFirst();
  let next = saved?.next ?? undefined;
  let addedAfter = saved?.added_after ?? undefined;
  const summary: PullSummary = { collection: options.collection, pages: 0, objects: 0, indicators: 0, reports: 0, sightings: 0, kept: 0, skipped: 0, rejected: 0 };
  for (;;) {
    const query = new URLSearchParams({ limit: String(options.pageSize ?? 1000) });
    if (next) query.set('next', next);
    else if (addedAfter) query.set('added_after', addedAfter);
    const { body, headers } = await getJson(`${objectsUrl}?${query}`, options);
    const objects = Array.isArray(body.objects) ? (body.objects as StixObject[]) : [];
    if (objects.length) add(summary, await importStixBundle(ctx, principal, { type: 'bundle', objects }));
    summary.pages += 1;
    summary.objects += objects.length;
    next = body.more === true && typeof body.next === 'string' ? body.next : undefined;
    addedAfter = headers.get('x-taxii-date-added-last') ?? addedAfter;
    await saveCursor(ctx, { id, url: root, collection: options.collection, next: next ?? null, added_after: addedAfter ?? null, objects: objects.length });
    options.onPage?.({ objects: summary.objects, pages: summary.pages });
    // A server that says "more" without a `next` pages by time alone.
    if (body.more !== true || (!next && objects.length === 0)) return summary;
  }
}

function add(summary: PullSummary, page: StixImportSummary): void {
  summary.indicators += page.indicators.accepted + page.indicators.merged;
  summary.reports += page.reports.created;
  summary.sightings += page.sightings.created;
  summary.kept += page.kept;
  summary.skipped += page.skipped.length;
  summary.rejected += page.rejected.length;
}

async function saveCursor(ctx: AppContext, row: { id: string; url: string; collection: string; next: string | null; added_after: string | null; objects: number }): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await write(ctx, async (trx) => {
    const had = await trx.selectFrom('taxii_pulls').select('objects').where('id', '=', row.id).executeTakeFirst();
    if (had) {
      await trx.updateTable('taxii_pulls').set({ next: row.next, added_after: row.added_after, objects: Number(had.objects) + row.objects, updated_at: now }).where('id', '=', row.id).execute();
    } else {
      await trx.insertInto('taxii_pulls').values({ ...row, updated_at: now }).execute();
    }
  });
}
