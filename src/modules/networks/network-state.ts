import { createHmac } from 'node:crypto';
import type { MarkingRow } from '../policy/markings.js';
import type { IndicatorRef, LinkFacts, ReportFacts } from './network-graph.js';
import { NetworkGraph } from './network-graph.js';
import { NetworkLabels } from './network-ids.js';
import { type GraphView, WHOLE_GRAPH } from './network-stats.js';
import { type Component, Partition, viewPartition } from './partition.js';

/** How many restricted views keep their partition: one per visibility class in use, the oldest dropped. */
const VIEW_CACHE = 16;

/** A restricted view's partition, and how far into the graph's reports and links it has read. */
interface ViewCache {
  structure: number;
  reports: number;
  links: number;
  partition: Partition;
}

/**
 * The networks of the whole graph, kept current in memory. A new report (or sighting link) is
 * added to the graph and its indicators joined in the union-find at once; the components it
 * touched are marked dirty and described again on the next query. Only a change that can split
 * a network (an indicator becoming "allowed") rebuilds every component. Views that hide reports
 * get their own partition, computed when asked; new reports and links are added to it on the
 * next ask, and a change that can split (a marking, an indicator allowed) computes it again.
 */
export class NetworkState {
  readonly graph = new NetworkGraph();
  readonly labels = new NetworkLabels();
  private whole = new Partition(this.graph, WHOLE_GRAPH, this.graph.uf);
  private readonly dirty = new Set<number>();
  private rebuildNeeded = false;
  private readonly views = new Map<string, ViewCache>();

  /**
   * @param pieceSecret keys the ids of split pieces (the engine derives it from the node key), so
   *   no reader can compute a piece's id from a network id it knows and so prove a hidden join.
   */
  constructor(private readonly pieceSecret: Uint8Array = new Uint8Array(0)) {}

  /** Adds one report; its networks are described again on the next `refresh`. */
  addReport(facts: ReportFacts, indicators: readonly IndicatorRef[]): void {
    const before = this.graph.addReport(facts, indicators);
    if (!before || before.length === 0) return;
    for (const root of before) this.whole.drop(root);
    this.dirty.add(this.graph.uf.find(before[0]));
  }

  /** Adds one sighting-derived link between two indicators, like a report naming both. */
  addLink(facts: LinkFacts, from: IndicatorRef, to: IndicatorRef): void {
    const before = this.graph.addLink(facts, from, to);
    if (!before || before.length === 0) return;
    for (const root of before) this.whole.drop(root);
    this.dirty.add(this.graph.uf.find(before[0]));
  }

  /** A report's marking changed: the whole graph's networks stay, views are computed again. */
  setReportMarking(reportId: string, marking: MarkingRow): void {
    this.graph.setReportMarking(reportId, marking);
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
    if (cached?.structure === this.graph.structureVersion) {
      this.catchUp(cached);
      // Most recently used last, so the cache drops the least recently used first.
      this.views.delete(view.key);
      this.views.set(view.key, cached);
      return cached.partition;
    }
    const partition = viewPartition(this.graph, view);
    this.nameViewNetworks(partition);
    this.views.delete(view.key);
    this.views.set(view.key, { structure: this.graph.structureVersion, reports: this.graph.reports.length, links: this.graph.links.length, partition });
    // Maps iterate in insertion order: the first key is the one least recently used.
    if (this.views.size > VIEW_CACHE) this.views.delete(this.views.keys().next().value!);
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
   * Adds to a view's partition the reports and links that arrived since it was computed, as the
   * whole graph's partition does: only the networks they touched are described and named again.
   */
  private catchUp(cache: ViewCache): void {
    const { graph } = this;
    const { partition } = cache;
    const touched: number[] = [];
    const join = (members: readonly number[]) => {
      const before = graph.linkInto(partition.uf, members);
      for (const root of before) partition.drop(root);
      if (before.length > 0) touched.push(before[0]);
    };
    for (let r = cache.reports; r < graph.reports.length; r++) if (partition.view.admits(r)) join(graph.reportMembers[r]);
    for (let l = cache.links; l < graph.links.length; l++) if (partition.view.admitsLink(l)) join([graph.links[l].from, graph.links[l].to]);
    cache.reports = graph.reports.length;
    cache.links = graph.links.length;
    partition.uf.ensure(graph.indicators.length);
    const roots = new Set(touched.map((i) => partition.uf.find(i)));
    for (const root of roots) {
      const c = partition.componentOf(root);
      if (c.reports.length < 2 || !graph.indicators[root].linkable) continue;
      const whole = this.labels.labelName(root) ?? '';
      const holder = whole ? partition.byId(whole) : undefined;
      if (whole && !holder) partition.set(c, whole);
      else if (!holder || !this.ranksFirst(c.members, partition.uf.members(holder.root))) partition.set(c, this.pieceId(whole, c.members));
      else {
        // Grown past the piece that held the id: as computing from scratch would, it takes it.
        partition.set(partition.componentOf(holder.root), this.pieceId(whole, partition.uf.members(holder.root)));
        partition.set(c, whole);
      }
    }
  }

  /**
   * A view's networks are pieces of the whole graph's networks (hiding reports only splits). The
   * largest piece of each (on a tie, the one with the oldest member) takes the whole network's
   * id; any other piece gets an id keyed by a node secret over that id and its oldest member,
   * which looks like any other network id and cannot be computed by a reader, so a reader cannot tell from ids that two of its networks are joined
   * by something hidden from it. `catchUp` keeps to the same rule.
   */
  private nameViewNetworks(partition: Partition): void {
    const pieces = [...partition.networks()].map((c) => ({ c, oldest: this.oldestId(c.members) }));
    pieces.sort((a, b) => b.c.members.length - a.c.members.length || (a.oldest < b.oldest ? -1 : 1));
    const taken = new Set<string>();
    for (const { c } of pieces) {
      const whole = this.labels.labelName(c.members[0]) ?? '';
      if (whole && !taken.has(whole)) {
        taken.add(whole);
        partition.set(c, whole);
      } else {
        partition.set(c, this.pieceId(whole, c.members));
      }
    }
  }

  /** Whether piece `a` comes before piece `b` for the whole network's id. */
  private ranksFirst(a: readonly number[], b: readonly number[]): boolean {
    return a.length !== b.length ? a.length > b.length : this.oldestId(a) < this.oldestId(b);
  }

  private oldestId(members: readonly number[]): string {
    let oldest = this.graph.indicators[members[0]].id;
    for (const m of members) if (this.graph.indicators[m].id < oldest) oldest = this.graph.indicators[m].id;
    return oldest;
  }

  private pieceId(whole: string, members: readonly number[]): string {
    return 'nw-' + createHmac('sha256', this.pieceSecret).update(`${whole}/${this.oldestId(members)}`).digest('hex').slice(0, 16);
  }
}
