import type { IndicatorRef, ReportFacts } from './network-graph.js';
import { NetworkGraph } from './network-graph.js';
import { NetworkLabels } from './network-ids.js';
import { type GraphView, WHOLE_GRAPH } from './network-stats.js';
import { type Component, Partition, viewPartition } from './partition.js';

/**
 * The networks of the whole graph, kept current in memory. A new report is added to the graph
 * and its indicators joined in the union-find at once; the components it touched are marked
 * dirty and described again on the next query. Only a change that can split a network (an
 * indicator becoming "allowed") rebuilds every component. Views that hide reports get their own
 * partition, computed when asked and kept until the graph changes.
 */
export class NetworkState {
  readonly graph = new NetworkGraph();
  readonly labels = new NetworkLabels();
  private whole = new Partition(this.graph, WHOLE_GRAPH, this.graph.uf);
  private readonly dirty = new Set<number>();
  private rebuildNeeded = false;
  private readonly views = new Map<string, { version: number; partition: Partition }>();

  /** Adds one report; its networks are described again on the next `refresh`. */
  addReport(facts: ReportFacts, indicators: readonly IndicatorRef[]): void {
    const before = this.graph.addReport(facts, indicators);
    if (!before || before.length === 0) return;
    for (const root of before) this.whole.drop(root);
    this.dirty.add(this.graph.uf.find(before[0]));
  }

  setLinkable(indicatorId: string, linkable: boolean): void {
    if (this.graph.setLinkable(indicatorId, linkable)) this.rebuildNeeded = true;
  }

  /** Brings the shared partition up to date; true if anything was renamed (and needs saving). */
  refresh(): boolean {
    if (this.rebuildNeeded) {
      this.recompute();
      return true;
    }
    return this.refreshDirty();
  }

  /** The partition to answer a view from: the shared one, or one over the view's reports only. */
  partitionFor(view: GraphView): Partition {
    if (view.all) return this.whole;
    const cached = this.views.get(view.key);
    if (cached?.version === this.graph.version) return cached.partition;
    const partition = viewPartition(this.graph, view);
    this.nameViewNetworks(partition);
    this.views.set(view.key, { version: this.graph.version, partition });
    return partition;
  }

  /** Recomputes every component and its id from scratch (start-up, and after a possible split). */
  recompute(): void {
    if (this.rebuildNeeded) this.graph.rebuildComponents();
    this.rebuildNeeded = false;
    this.dirty.clear();
    this.whole = new Partition(this.graph, WHOLE_GRAPH, this.graph.uf);
    this.labels.resetRoots();
    const networks = [...this.whole.networks()].sort((a, b) => b.members.length - a.members.length || a.root - b.root);
    const inNetwork = new Uint8Array(this.graph.indicators.length);
    for (const c of networks) for (const m of c.members) inNetwork[m] = 1;
    const names = this.nameWhole(networks);
    this.labels.clear([...this.labels.labelled()].filter((i) => !inNetwork[i]));
    for (const c of networks) this.whole.set(c, names.get(c.root)!);
  }

  private refreshDirty(): boolean {
    if (this.dirty.size === 0) return false;
    const roots = new Set([...this.dirty].map((r) => this.graph.uf.find(r)));
    this.dirty.clear();
    const networks: Component[] = [];
    for (const root of roots) {
      this.whole.drop(root);
      const c = this.whole.componentOf(root);
      if (c.reports.length >= 2 && this.graph.indicators[root].linkable) networks.push(c);
    }
    const names = this.nameWhole(networks);
    for (const c of networks) this.whole.set(c, names.get(c.root)!);
    return networks.length > 0;
  }

  private nameWhole(networks: readonly Component[]): Map<number, string> {
    const uf = this.graph.uf;
    return this.labels.name(
      networks.map((c) => ({ root: c.root, members: c.members, memberIds: (i) => this.graph.indicators[i].id })),
      (root) => uf.find(root) === root,
    );
  }

  /**
   * A view's networks are pieces of the whole graph's networks: each takes the id of the network
   * it is part of; when hidden reports split one, the largest piece keeps the id and the others
   * are told apart by a suffix.
   */
  private nameViewNetworks(partition: Partition): void {
    const pieces = [...partition.networks()].sort((a, b) => b.members.length - a.members.length || a.root - b.root);
    const used = new Map<string, number>();
    for (const c of pieces) {
      const base = this.labels.labelName(c.members[0]) ?? `nw-local-${c.root}`;
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      partition.set(c, n === 0 ? base : `${base}~${n}`);
    }
  }
}
