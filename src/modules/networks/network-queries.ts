import type { NetworkGraph } from './network-graph.js';
import { type GraphView, type Reach, reachOf } from './network-stats.js';

export interface Neighbourhood {
  indicators: { indicator: number; depth: number }[];
  reports: number[];
  /** Report–indicator "appears in" edges among the nodes returned. */
  edges: [report: number, indicator: number][];
  /** Sighting-derived indicator–indicator links among the nodes returned. */
  links: number[];
  truncated: boolean;
}

/**
 * The indicators within `depth` hops of one (a hop: two indicators named by the same visible
 * report, or joined by a visible sighting link) and the reports that link them, breadth first,
 * stopping at `limit` nodes in all. Allowed indicators are shown but not walked through: they
 * link nothing.
 */
export function neighbourhoodOf(graph: NetworkGraph, view: GraphView, start: number, depth: number, limit: number): Neighbourhood {
  const depthOf = new Map<number, number>([[start, 0]]);
  const reports = new Set<number>();
  const edges: [number, number][] = [];
  const links = new Set<number>();
  let frontier = [start];
  let truncated = false;
  const room = () => depthOf.size + reports.size < limit;
  for (let d = 1; d <= depth && frontier.length > 0 && !truncated; d++) {
    const next: number[] = [];
    for (const i of frontier) {
      if (d > 1 && !graph.indicators[i].linkable) continue;
      for (const r of graph.indicatorReports[i]) {
        if (!view.admits(r) || reports.has(r)) continue;
        if (!room()) {
          truncated = true;
          break;
        }
        reports.add(r);
        for (const j of graph.reportMembers[r]) {
          if (!depthOf.has(j)) {
            if (!room()) {
              truncated = true;
              break;
            }
            depthOf.set(j, d);
            next.push(j);
          }
          edges.push([r, j]);
        }
      }
      for (const l of truncated ? [] : graph.indicatorLinks[i]) {
        if (!view.admitsLink(l) || links.has(l)) continue;
        const j = graph.otherEnd(l, i);
        if (!depthOf.has(j)) {
          if (!room()) {
            truncated = true;
            break;
          }
          depthOf.set(j, d);
          next.push(j);
        }
        links.add(l);
      }
      if (truncated) break;
    }
    frontier = next;
  }
  return {
    indicators: [...depthOf].map(([indicator, depth]) => ({ indicator, depth })),
    reports: [...reports],
    edges,
    links: [...links],
    truncated,
  };
}

/** One step of a path: through a report naming both indicators, or a sighting link joining them. */
export type Hop = { report: number } | { link: number };

/** A shortest chain indicator, report or link, indicator, …, indicator between two indicators, or null. */
export function shortestPath(graph: NetworkGraph, view: GraphView, from: number, to: number): { indicators: number[]; hops: Hop[] } | null {
  if (from === to) return { indicators: [from], hops: [] };
  // For each reached indicator: the hop and indicator it was reached through.
  const via = new Map<number, { hop: Hop | null; from: number }>([[from, { hop: null, from: -1 }]]);
  const seenReports = new Set<number>();
  const seenLinks = new Set<number>();
  let frontier = [from];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const i of frontier) {
      if (i !== from && !graph.indicators[i].linkable) continue;
      for (const r of graph.indicatorReports[i]) {
        if (seenReports.has(r) || !view.admits(r)) continue;
        seenReports.add(r);
        for (const j of graph.reportMembers[r]) {
          if (via.has(j)) continue;
          via.set(j, { hop: { report: r }, from: i });
          if (j === to) return unwind(via, to);
          next.push(j);
        }
      }
      for (const l of graph.indicatorLinks[i]) {
        if (seenLinks.has(l) || !view.admitsLink(l)) continue;
        seenLinks.add(l);
        const j = graph.otherEnd(l, i);
        if (via.has(j)) continue;
        via.set(j, { hop: { link: l }, from: i });
        if (j === to) return unwind(via, to);
        next.push(j);
      }
    }
    frontier = next;
  }
  return null;
}

function unwind(via: Map<number, { hop: Hop | null; from: number }>, to: number): { indicators: number[]; hops: Hop[] } {
  const indicators = [to];
  const hops: Hop[] = [];
  for (let step = via.get(to)!; step.hop; step = via.get(step.from)!) {
    hops.unshift(step.hop);
    indicators.unshift(step.from);
  }
  return { indicators, hops };
}

export interface Hub extends Reach {
  indicator: number;
}

export interface HubQuery {
  minCountries: number;
  minOrgs: number;
  kind?: string;
}

/**
 * Shared infrastructure: indicators named in reports from at least `minCountries` countries or
 * `minOrgs` organisations, ranked by countries, then organisations, then reports — the accounts,
 * numbers and sites whose freeze or takedown cuts across the most victims and jurisdictions.
 */
export function hubsOf(graph: NetworkGraph, view: GraphView, query: HubQuery): Hub[] {
  const hubs: Hub[] = [];
  graph.indicators.forEach((ref, i) => {
    if (!ref.linkable || graph.indicatorReports[i].length < 2 || (query.kind && ref.kind !== query.kind)) return;
    const reach = reachOf(graph, view, i);
    if (reach.reports < 2) return;
    if (reach.countries.length >= query.minCountries || reach.orgs >= query.minOrgs) hubs.push({ indicator: i, ...reach });
  });
  return hubs.sort(
    (a, b) => b.countries.length - a.countries.length || b.orgs - a.orgs || b.reports - a.reports || graph.indicators[a.indicator].id.localeCompare(graph.indicators[b.indicator].id),
  );
}
