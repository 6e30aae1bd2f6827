import type { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { ProblemError } from '../../errors/problems.js';
import { decodeCursor, encodeCursor } from '../../shared/cursor.js';
import { findIndicatorRow } from '../indicators/indicators.service.js';
import { parseAllOrThrow } from '../indicators/parse.js';
import { KIND_NAMES } from '../indicators/kinds/kind.js';
import { fromMinorUnits, toMinorUnits } from '../money/money.js';
import type { Principal } from '../policy/policy.js';
import { type ExportFormat, exportGraphOf, renderExport } from './network-export.js';
import { hubsOf, neighbourhoodOf, shortestPath } from './network-queries.js';
import { reportsOf, reachOf, WHOLE_GRAPH } from './network-stats.js';
import { type KeyNode, keyNodesOf } from './network-structure.js';
import { networksOf, type NetworkEngine } from './networks.engine.js';
import type { hubsQuery, hubView, ListNetworksQuery, NetworkDetailView, NetworkSummaryView, neighbourhoodView, pathView } from './networks.schema.js';
import { KEY_NODES, type NetworkSummary, type Partition } from './partition.js';
import { authorizeNetworks, networkViewFor } from './visibility.js';

/** The engine, caught up, and the partition this principal may compute over. */
async function partitionFor(ctx: AppContext, principal: Principal): Promise<{ engine: NetworkEngine; partition: Partition }> {
  authorizeNetworks(principal);
  const engine = await networksOf(ctx);
  await engine.ready();
  return { engine, partition: engine.partitionFor(networkViewFor(principal, engine.state.graph)) };
}

function refOf(partition: Partition, i: number) {
  const ref = partition.graph.indicators[i];
  return { id: ref.id, kind: ref.kind, value: ref.canonical, ...(ref.coercedOperator ? { coercedOperator: true } : {}) };
}

function presentKeyNodes(partition: Partition, nodes: readonly KeyNode[]) {
  return nodes.map((k) => ({ ...refOf(partition, k.indicator), reports: k.reports, countries: k.countries, orgs: k.orgs, betweenness: round(k.betweenness), score: round(k.score) }));
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

function presentSummary(partition: Partition, n: NetworkSummary): NetworkSummaryView {
  const { stats } = n;
  return {
    id: n.id,
    ...stats,
    loss: stats.loss.map((l) => ({ currency: l.currency, minor: l.minor, amount: fromMinorUnits(l.minor, l.currency) })),
    keyNodes: presentKeyNodes(partition, partition.keyNodes(n.root)),
  };
}

function lossIn(n: NetworkSummary, currency: string): number {
  return n.stats.loss.find((l) => l.currency === currency)?.minor ?? 0;
}

/** Networks matching the filters, most reports first (or by size, loss, latest activity). */
export async function listNetworks(ctx: AppContext, principal: Principal, query: ListNetworksQuery): Promise<{ items: NetworkSummaryView[]; next: string | null }> {
  const { partition } = await partitionFor(ctx, principal);
  const currency = query.currency?.toUpperCase();
  if ((query.minLoss !== undefined || query.sort === 'loss') && !currency) {
    throw new ProblemError('validation-failed', 'minLoss and sort=loss need a currency');
  }
  const minLoss = query.minLoss !== undefined ? toMinorUnits(query.minLoss, currency!) : undefined;
  const since = query.activeSince ? new Date(query.activeSince).toISOString() : undefined;
  const until = query.activeUntil ? new Date(query.activeUntil).toISOString() : undefined;
  const matches = [...partition.all()].filter((n) => {
    const s = n.stats;
    if (query.country && !s.countries.includes(query.country)) return false;
    if (query.typology && !s.typologies.includes(query.typology)) return false;
    if (query.minSize !== undefined && s.size < query.minSize) return false;
    if (query.maxSize !== undefined && s.size > query.maxSize) return false;
    if (minLoss !== undefined && lossIn(n, currency!) < minLoss) return false;
    if (since && (s.lastActivity ?? '') < since) return false;
    if (until && (s.firstActivity ?? '') >= until) return false;
    return true;
  });
  const key: Record<ListNetworksQuery['sort'], (n: NetworkSummary) => number | string> = {
    reports: (n) => n.stats.reports,
    size: (n) => n.stats.size,
    loss: (n) => lossIn(n, currency ?? ''),
    activity: (n) => n.stats.lastActivity ?? '',
  };
  const by = key[query.sort];
  matches.sort((a, b) => {
    const [x, y] = [by(a), by(b)];
    if (x !== y) return x < y ? 1 : -1;
    return b.stats.reports - a.stats.reports || b.stats.size - a.stats.size || (a.id < b.id ? -1 : 1);
  });
  const offset = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new ProblemError('invalid-cursor', 'the cursor was not made by this endpoint');
  const page = matches.slice(offset, offset + query.limit);
  return {
    items: page.map((n) => presentSummary(partition, n)),
    next: offset + query.limit < matches.length ? encodeCursor([offset + query.limit]) : null,
  };
}

function findNetwork(engine: NetworkEngine, partition: Partition, id: string): NetworkSummary {
  const network = partition.byId(id) ?? absorbedInto(engine, partition, id);
  if (!network) throw new ProblemError('not-found', `no network ${id}`);
  return network;
}

/**
 * The network an old id was merged into. Merges are the whole graph's, so the reader is led
 * there only when their piece of it is all of it: otherwise the merge may have been made by a
 * report hidden from them, and following it would tell them that report exists.
 */
function absorbedInto(engine: NetworkEngine, partition: Partition, id: string): NetworkSummary | undefined {
  const into = engine.labels.resolve(id);
  const network = partition.byId(into);
  if (!network || partition.view.all) return network;
  return engine.partitionFor(WHOLE_GRAPH).byId(into)?.stats.size === network.stats.size ? network : undefined;
}

/** One network with its members (most reported first), communities and key nodes. */
export async function getNetwork(ctx: AppContext, principal: Principal, id: string, membersLimit: number): Promise<NetworkDetailView> {
  const { engine, partition } = await partitionFor(ctx, principal);
  const network = findNetwork(engine, partition, id);
  const { graph, view } = partition;
  const communityOf = new Map<number, string>();
  const communities = partition.communities(network.root).map((members, n) => {
    const cid = `${network.id}/c${n + 1}`;
    for (const m of members) communityOf.set(m, cid);
    const reach = new Set(members.flatMap((m) => reachOf(graph, view, m).countries));
    return {
      id: cid,
      size: members.length,
      reports: reportsOf(graph, view, members).length,
      countries: [...reach].sort(),
      keyNodes: presentKeyNodes(partition, keyNodesOf(graph, view, members, KEY_NODES)),
    };
  });
  const members = partition.uf
    .members(network.root)
    .map((i) => ({ i, reports: reachOf(graph, view, i).reports }))
    .sort((a, b) => b.reports - a.reports || (graph.indicators[a.i].id < graph.indicators[b.i].id ? -1 : 1));
  return {
    ...presentSummary(partition, network),
    members: members.slice(0, membersLimit).map((m) => ({ ...refOf(partition, m.i), reports: m.reports, community: communityOf.get(m.i)! })),
    membersTruncated: members.length > membersLimit,
    communities,
  };
}

export async function exportNetwork(ctx: AppContext, principal: Principal, id: string, format: ExportFormat): Promise<{ id: string; body: string }> {
  const { engine, partition } = await partitionFor(ctx, principal);
  const network = findNetwork(engine, partition, id);
  const { members, reports } = partition.componentOf(network.root);
  const summary = presentSummary(partition, network);
  const data = exportGraphOf(partition.graph, partition.view, members, reports, { id: summary.id, size: summary.size, reports: summary.reports, countries: summary.countries, loss: summary.loss });
  return { id: network.id, body: renderExport(data, format) };
}

/**
 * The graph node of an indicator the view can reach: named in a visible report or an end of a
 * visible link. One known only from hidden reports answers exactly as one never heard of.
 */
async function indicatorNumber(ctx: AppContext, partition: Partition, kind: string | undefined, value: string, country: string | undefined): Promise<number> {
  const [parsed] = parseAllOrThrow([{ value, kind, country }]);
  const row = await findIndicatorRow(ctx, kind, value, country).catch((err: unknown) => {
    if (err instanceof ProblemError && err.code === 'not-found') return undefined;
    throw err;
  });
  const { graph, view } = partition;
  const i = row && graph.indicatorNumber(row.id);
  if (i === undefined || !(graph.indicatorReports[i].some((r) => view.admits(r)) || graph.indicatorLinks[i].some((l) => view.admitsLink(l)))) {
    throw new ProblemError('not-found', `${parsed.kind} ${parsed.canonical} is named in no report you can see`, { kind: parsed.kind, canonical: parsed.canonical });
  }
  return i;
}

function reportView(partition: Partition, r: number) {
  const { id, orgId, country, typology, at } = partition.graph.reports[r];
  return { id, orgId, country, typology, at };
}

function linkView(partition: Partition, l: number) {
  const { id, relation, orgId, at, from, to } = partition.graph.links[l];
  return { id, relation, orgId, at, from: partition.graph.indicators[from].id, to: partition.graph.indicators[to].id };
}

export async function neighbourhood(
  ctx: AppContext,
  principal: Principal,
  kind: string,
  value: string,
  options: { depth: number; limit: number; country?: string },
): Promise<z.infer<typeof neighbourhoodView>> {
  const { partition } = await partitionFor(ctx, principal);
  const start = await indicatorNumber(ctx, partition, kind, value, options.country ?? principal.country);
  const found = neighbourhoodOf(partition.graph, partition.view, start, options.depth, options.limit);
  return {
    center: refOf(partition, start),
    indicators: found.indicators.map(({ indicator, depth }) => ({ ...refOf(partition, indicator), depth, network: partition.networkOf(indicator)?.id ?? null })),
    reports: found.reports.map((r) => reportView(partition, r)),
    edges: found.edges.map(([r, i]) => ({ report: partition.graph.reports[r].id, indicator: partition.graph.indicators[i].id })),
    links: found.links.map((l) => linkView(partition, l)),
    truncated: found.truncated,
  };
}

/** `kind:value`, where kind is one the node knows; anything else is a value whose kind is detected. */
function splitKindValue(text: string): { kind?: string; value: string } {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : '';
  return (KIND_NAMES as readonly string[]).includes(kind) ? { kind, value: text.slice(colon + 1) } : { value: text };
}

export async function findPath(ctx: AppContext, principal: Principal, from: string, to: string, country?: string): Promise<z.infer<typeof pathView>> {
  const { partition } = await partitionFor(ctx, principal);
  const [a, b] = [splitKindValue(from), splitKindValue(to)];
  const start = await indicatorNumber(ctx, partition, a.kind, a.value, country ?? principal.country);
  const end = await indicatorNumber(ctx, partition, b.kind, b.value, country ?? principal.country);
  const path = shortestPath(partition.graph, partition.view, start, end);
  if (!path) return { found: false, length: null, steps: [] };
  const steps: z.infer<typeof pathView>['steps'] = [];
  path.indicators.forEach((i, n) => {
    steps.push({ type: 'indicator', ...refOf(partition, i) });
    const hop = path.hops[n];
    if (hop && 'report' in hop) steps.push({ type: 'report', ...reportView(partition, hop.report) });
    else if (hop) steps.push({ type: 'link', ...linkView(partition, hop.link) });
  });
  return { found: true, length: path.hops.length, steps };
}

export async function listHubs(ctx: AppContext, principal: Principal, query: z.infer<typeof hubsQuery>): Promise<{ items: z.infer<typeof hubView>[] }> {
  const { partition } = await partitionFor(ctx, principal);
  const hubs = hubsOf(partition.graph, partition.view, query).slice(0, query.limit);
  return { items: hubs.map((h) => ({ ...refOf(partition, h.indicator), reports: h.reports, countries: h.countries, orgs: h.orgs, network: partition.networkOf(h.indicator)?.id ?? null })) };
}
