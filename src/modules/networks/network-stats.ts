import type { NetworkGraph } from './network-graph.js';

/**
 * Which reports and sighting links a computation may use. Every network answer is computed over
 * a view, so an analyst's networks are built only from what the policy lets them see (see
 * visibility.ts).
 */
export interface GraphView {
  /** Equal keys mean equal visibility, so computed partitions can be shared. */
  key: string;
  /** True when nothing is hidden: the shared, incrementally kept partition answers. */
  all: boolean;
  admits(report: number): boolean;
  admitsLink(link: number): boolean;
}

export const WHOLE_GRAPH: GraphView = { key: 'all', all: true, admits: () => true, admitsLink: () => true };

export interface MoneyTotal {
  currency: string;
  minor: number;
}

export interface NetworkStats {
  size: number;
  reports: number;
  /** Each report is one victim's (or one organisation's) account of a scam. */
  victims: number;
  orgs: number;
  loss: MoneyTotal[];
  countries: string[];
  typologies: string[];
  kinds: Record<string, number>;
  firstActivity: string | null;
  lastActivity: string | null;
}

/** The reports of a set of indicators that the view admits, each once. */
export function reportsOf(graph: NetworkGraph, view: GraphView, members: readonly number[]): number[] {
  const seen = new Set<number>();
  for (const i of members) {
    for (const r of graph.indicatorReports[i]) if (!seen.has(r) && view.admits(r)) seen.add(r);
  }
  return [...seen];
}

/** Describes a network from its member indicators and the visible reports that name them (see reportsOf). */
export function statsOf(graph: NetworkGraph, members: readonly number[], reports: readonly number[]): NetworkStats {
  const loss = new Map<string, number>();
  const countries = new Set<string>();
  const typologies = new Set<string>();
  const orgs = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  for (const r of reports) {
    const f = graph.reports[r];
    if (f.lossMinor !== null && f.lossCurrency) loss.set(f.lossCurrency, (loss.get(f.lossCurrency) ?? 0) + f.lossMinor);
    if (f.country) countries.add(f.country);
    if (f.typology) typologies.add(f.typology);
    orgs.add(f.orgId);
    if (first === null || f.at < first) first = f.at;
    if (last === null || f.at > last) last = f.at;
  }
  const kinds: Record<string, number> = {};
  for (const i of members) {
    const kind = graph.indicators[i].kind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return {
    size: members.length,
    reports: reports.length,
    victims: reports.length,
    orgs: orgs.size,
    loss: [...loss].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => b.minor - a.minor || a.currency.localeCompare(b.currency)),
    countries: [...countries].sort(),
    typologies: [...typologies].sort(),
    kinds,
    firstActivity: first,
    lastActivity: last,
  };
}

/** How widely one indicator is shared: the degree part of the key-node ranking and of hubs. */
export interface Reach {
  reports: number;
  countries: string[];
  orgs: number;
}

export function reachOf(graph: NetworkGraph, view: GraphView, indicator: number): Reach {
  const countries = new Set<string>();
  const orgs = new Set<string>();
  let reports = 0;
  for (const r of graph.indicatorReports[indicator]) {
    if (!view.admits(r)) continue;
    reports++;
    const f = graph.reports[r];
    if (f.country) countries.add(f.country);
    orgs.add(f.orgId);
  }
  return { reports, countries: [...countries].sort(), orgs: orgs.size };
}
