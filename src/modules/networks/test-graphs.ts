import { NetworkGraph } from './network-graph.js';

/** A report for a test graph: its id, country, organisation, and the indicator names it gives. */
export type TestReport = [id: string, country: string, org: string, indicators: string[]];

/** Builds a graph whose indicator ids and values are the names given (kind: phone, unless it has a dot). */
export function graphOf(reports: readonly TestReport[]): NetworkGraph {
  const graph = new NetworkGraph();
  for (const report of reports) addTestReport(graph, report);
  return graph;
}

export function addTestReport(graph: NetworkGraph, [id, country, org, names]: TestReport): number[] | undefined {
  return graph.addReport(
    { id, orgId: org, country, typology: 'investment', lossMinor: 100_00, lossCurrency: 'USD', at: `2025-01-${id.replace(/\D/g, '').padStart(2, '0').slice(-2)}T00:00:00.000Z` },
    names.map((n) => ({ id: n, kind: n.includes('.') ? 'domain' : 'phone', canonical: n, linkable: true })),
  );
}

/** Components as sorted lists of indicator ids, sorted: easy to compare exactly. */
export function componentSets(graph: NetworkGraph): string[][] {
  const byRoot = new Map<number, string[]>();
  graph.indicators.forEach((ref, i) => {
    const root = graph.uf.find(i);
    byRoot.set(root, [...(byRoot.get(root) ?? []), ref.id]);
  });
  return [...byRoot.values()].map((s) => s.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
