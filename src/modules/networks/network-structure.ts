import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { SeededRandom } from '../demo/random.js';
import type { NetworkGraph } from './network-graph.js';
import { type GraphView, reachOf } from './network-stats.js';

/** Reports naming more indicators than this link them as a star, not a clique (k² edges). */
const CLIQUE_LIMIT = 30;
/** Exact betweenness is O(n·m); larger networks compute it over their best-connected part. */
export const BETWEENNESS_LIMIT = 400;
/** Below this size a network is one community: Louvain has nothing to find. */
export const COMMUNITY_MIN_SIZE = 30;

type Projection = UndirectedGraph<Record<string, never>, { weight: number }>;

/**
 * The indicator graph of a set of indicators: two indicators are linked when a visible report
 * names both, or a visible sighting says funds went from one to the other. A report naming k
 * indicators adds weight 1/(k−1) to each of its pairs, so each report weighs the same whatever
 * its length. Node keys are the indicators' numbers as text.
 */
export function projectionOf(graph: NetworkGraph, view: GraphView, members: readonly number[]): Projection {
  const g: Projection = new UndirectedGraph();
  const inSet = new Set(members);
  for (const i of members) g.addNode(String(i));
  const done = new Set<number>();
  for (const i of members) {
    for (const r of graph.indicatorReports[i]) {
      if (done.has(r) || !view.admits(r)) continue;
      done.add(r);
      const linked = graph.reportMembers[r].filter((m) => inSet.has(m) && graph.indicators[m].linkable);
      if (linked.length < 2) continue;
      const weight = 1 / (linked.length - 1);
      const star = linked.length > CLIQUE_LIMIT;
      for (let a = 0; a < linked.length; a++) {
        for (let b = a + 1; b < linked.length; b++) {
          const [u, v] = [String(linked[a]), String(linked[b])];
          const edge = g.edge(u, v);
          if (edge) g.updateEdgeAttribute(edge, 'weight', (w) => (w ?? 0) + weight);
          else g.addEdge(u, v, { weight });
        }
        // A star: the first indicator is linked to every other, and that is all.
        if (star) break;
      }
    }
    // A visible sighting link (funds-from) weighs as much as a report naming just the two.
    for (const l of graph.indicatorLinks[i]) {
      const j = graph.otherEnd(l, i);
      if (j <= i || !inSet.has(j) || !view.admitsLink(l) || !graph.indicators[i].linkable || !graph.indicators[j].linkable) continue;
      const [u, v] = [String(i), String(j)];
      const edge = g.edge(u, v);
      if (edge) g.updateEdgeAttribute(edge, 'weight', (w) => (w ?? 0) + 1);
      else g.addEdge(u, v, { weight: 1 });
    }
  }
  return g;
}

export interface KeyNode {
  indicator: number;
  reports: number;
  countries: string[];
  orgs: number;
  /** Normalised betweenness in the network's indicator graph, 0..1. */
  betweenness: number;
  score: number;
}

/**
 * Ranks the indicators that hold a network together. score = (reports + 2·countries + orgs) ×
 * (1 + betweenness): an account named in many reports, from many countries and organisations,
 * that is also the only bridge between two groups of victims ranks first. Only indicators named
 * by at least two visible reports qualify: one report alone links nothing.
 */
export function keyNodesOf(graph: NetworkGraph, view: GraphView, members: readonly number[], limit: number): KeyNode[] {
  const reach = new Map(members.map((i) => [i, reachOf(graph, view, i)]));
  const shared = members.filter((i) => reach.get(i)!.reports >= 2);
  if (shared.length === 0) return [];
  const betweenness = betweennessOf(graph, view, members, reach);
  return shared
    .map((i) => {
      const r = reach.get(i)!;
      const b = betweenness.get(i) ?? 0;
      return { indicator: i, reports: r.reports, countries: r.countries, orgs: r.orgs, betweenness: b, score: (r.reports + 2 * r.countries.length + r.orgs) * (1 + b) };
    })
    .sort((a, b) => b.score - a.score || b.reports - a.reports || graph.indicators[a.indicator].id.localeCompare(graph.indicators[b.indicator].id))
    .slice(0, limit);
}

function betweennessOf(graph: NetworkGraph, view: GraphView, members: readonly number[], reach: Map<number, { reports: number }>): Map<number, number> {
  let core = members;
  if (members.length > BETWEENNESS_LIMIT) {
    core = [...members].sort((a, b) => reach.get(b)!.reports - reach.get(a)!.reports || a - b).slice(0, BETWEENNESS_LIMIT);
  }
  const scores = betweennessCentrality(projectionOf(graph, view, core), { normalized: true, getEdgeWeight: null });
  return new Map(Object.entries(scores).map(([k, v]) => [Number(k), v]));
}

/**
 * Louvain communities inside one network, largest first, each as its member indicators sorted.
 * The seed is fixed so the same graph always splits the same way.
 */
export function communitiesOf(graph: NetworkGraph, view: GraphView, members: readonly number[], minSize = COMMUNITY_MIN_SIZE): number[][] {
  if (members.length < minSize) return [[...members].sort((a, b) => a - b)];
  const g = projectionOf(graph, view, members);
  const random = new SeededRandom(0x4e455457);
  const assignment = louvain(g, { getEdgeWeight: 'weight', rng: () => random.next() });
  const groups = new Map<number, number[]>();
  for (const [node, community] of Object.entries(assignment)) {
    const list = groups.get(community) ?? [];
    list.push(Number(node));
    groups.set(community, list);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0] - b[0]);
}
