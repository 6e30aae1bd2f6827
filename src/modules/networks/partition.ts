import type { NetworkGraph } from './network-graph.js';
import { type GraphView, type NetworkStats, reportsOf, statsOf } from './network-stats.js';
import { communitiesOf, type KeyNode, keyNodesOf } from './network-structure.js';
import type { UnionFind } from './union-find.js';

/** A network: a connected component of the indicator graph that links at least two reports. */
export interface NetworkSummary {
  id: string;
  root: number;
  stats: NetworkStats;
}

export interface Component {
  root: number;
  members: number[];
  reports: number[];
}

/** How many key nodes are kept per network and per community. */
export const KEY_NODES = 5;

/**
 * One cut of the graph into networks, for one view: the components, their summaries by root,
 * and, computed only when asked and kept until the component changes, key nodes and communities.
 */
export class Partition {
  private readonly summaries = new Map<number, NetworkSummary>();
  private readonly rootById = new Map<string, number>();
  private readonly keyNodeCache = new Map<number, KeyNode[]>();
  private readonly communityCache = new Map<number, number[][]>();

  constructor(
    readonly graph: NetworkGraph,
    readonly view: GraphView,
    readonly uf: UnionFind,
  ) {}

  /** The component of one indicator: its members and the reports the view admits. */
  componentOf(indicator: number): Component {
    const root = this.uf.find(indicator);
    const members = this.uf.members(root);
    return { root, members, reports: reportsOf(this.graph, this.view, members) };
  }

  /** Every component that is a network: linked by a linkable indicator, with two or more reports. */
  *networks(): Generator<Component> {
    for (let i = 0; i < this.uf.length; i++) {
      if (this.uf.find(i) !== i || !this.graph.indicators[i].linkable) continue;
      const component = this.componentOf(i);
      if (component.reports.length >= 2) yield component;
    }
  }

  set(component: Component, id: string): NetworkSummary {
    const summary = { id, root: component.root, stats: statsOf(this.graph, component.members, component.reports) };
    this.summaries.set(component.root, summary);
    this.rootById.set(id, component.root);
    return summary;
  }

  /** Forgets a component that changed. */
  drop(root: number): void {
    const summary = this.summaries.get(root);
    if (summary && this.rootById.get(summary.id) === root) this.rootById.delete(summary.id);
    this.summaries.delete(root);
    this.keyNodeCache.delete(root);
    this.communityCache.delete(root);
  }

  all(): IterableIterator<NetworkSummary> {
    return this.summaries.values();
  }

  byId(id: string): NetworkSummary | undefined {
    const root = this.rootById.get(id);
    return root === undefined ? undefined : this.summaries.get(root);
  }

  /** The network an indicator belongs to, if any. */
  networkOf(indicator: number): NetworkSummary | undefined {
    return indicator < this.uf.length ? this.summaries.get(this.uf.find(indicator)) : undefined;
  }

  keyNodes(root: number): KeyNode[] {
    let nodes = this.keyNodeCache.get(root);
    if (!nodes) this.keyNodeCache.set(root, (nodes = keyNodesOf(this.graph, this.view, this.uf.members(root), KEY_NODES)));
    return nodes;
  }

  communities(root: number): number[][] {
    let groups = this.communityCache.get(root);
    if (!groups) this.communityCache.set(root, (groups = communitiesOf(this.graph, this.view, this.uf.members(root))));
    return groups;
  }
}

export function viewPartition(graph: NetworkGraph, view: GraphView): Partition {
  return new Partition(graph, view, graph.componentsOver(view));
}
