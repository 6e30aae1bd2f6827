import type { MarkingRow } from '../policy/markings.js';
import { type IndicatorRef, NetworkGraph, type ReportFacts } from './network-graph.js';

/** A report for a test graph: its id, country, organisation, the indicator names it gives, and its marking (community if left out). */
export type TestReport = [id: string, country: string, org: string, indicators: string[], marking?: MarkingRow];

/** Builds a graph whose indicator ids and values are the names given (kind: phone, unless it has a dot). */
export function graphOf(reports: readonly TestReport[]): NetworkGraph {
  const graph = new NetworkGraph();
  for (const report of reports) addTestReport(graph, report);
  return graph;
}

export function addTestReport(graph: NetworkGraph, report: TestReport): number[] | undefined {
  return graph.addReport(testReportFacts(report), testIndicators(report[3]));
}

export function testReportFacts([id, country, org, , marking]: TestReport): ReportFacts {
  return { id, orgId: org, country, typology: 'investment', lossMinor: 100_00, lossCurrency: 'USD', at: `2025-01-${id.replace(/\D/g, '').padStart(2, '0').slice(-2)}T00:00:00.000Z`, marking };
}

/** Indicators named as given: kind phone, unless the name has a dot (domain) or starts with W (crypto wallet). */
export function testIndicators(names: readonly string[]): IndicatorRef[] {
  return names.map((n) => ({ id: n, kind: n.includes('.') ? 'domain' : n.startsWith('W') ? 'crypto-wallet' : 'phone', canonical: n, linkable: true }));
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
