import type { MarkingRow } from '../policy/markings.js';
import type { MarkedRow } from '../policy/visibility.js';
import { type GraphView, WHOLE_GRAPH } from './network-stats.js';
import { UnionFind } from './union-find.js';

/**
 * The marking a report or link has when its loader gives none: what an organisation's objects
 * get by default (TLP:GREEN, the community).
 */
export const COMMUNITY_MARKING: MarkingRow = { tlp: 'green', distribution: 'community', share_groups: '', audience: 'community' };

/** What the graph keeps of a report: the facts networks are described by, never its narrative. */
export interface ReportFacts {
  id: string;
  orgId: string;
  country: string | null;
  typology: string | null;
  lossMinor: number | null;
  lossCurrency: string | null;
  /** When it happened (or was reported): the network's activity window. */
  at: string;
  /** Who may see it (policy/markings.ts); left out, the community marking. */
  marking?: MarkingRow;
}

/** A million indicators with no link need not be a million empty arrays for the collector to walk. */
const NO_LINKS: readonly number[] = Object.freeze([]);

/** Relations between two indicators that come from sightings rather than from a shared report. */
export const LINK_RELATIONS = ['funds-from'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

/** What the graph keeps of a derived indicator–indicator link: the sighting that says so. */
export interface LinkFacts {
  /** The sighting's id. */
  id: string;
  relation: LinkRelation;
  orgId: string;
  at: string;
  marking?: MarkingRow;
}

/** A derived link between two indicators: `to` received funds from `from` (funds-from). */
export interface Link {
  id: string;
  relation: LinkRelation;
  orgId: string;
  at: string;
  from: number;
  to: number;
}

export interface IndicatorRef {
  id: string;
  kind: string;
  canonical: string;
  /** Allowed indicators (a bank's own website, a public hotline) never link reports together. */
  linkable: boolean;
  /** Operated by a presumed victim of trafficking (victim cases): shown as such, never as evidence against its operator. */
  coercedOperator?: boolean;
}

/** One "appears in" edge: an indicator named by a report. */
export interface Appearance {
  report: ReportFacts;
  indicator: IndicatorRef;
}

/**
 * The report–indicator graph, kept in memory with dense integer ids, plus the indicator–indicator
 * links sightings derive. Every edge knows its report or sighting, and every report and link its
 * marking, so a view that hides one hides exactly the links it made. Markings are interned: a
 * node holds a few hundred distinct ones (organisation × marking) for millions of reports, and a
 * view decides once per marking. The union-find joins indicators that share a report or a link
 * and is updated in place as they arrive; `version` counts changes so that derived answers can
 * be cached until the graph moves.
 */
export class NetworkGraph {
  readonly indicators: IndicatorRef[] = [];
  readonly reports: ReportFacts[] = [];
  /** report → its indicators; indicator → the reports that name it. */
  readonly reportMembers: number[][] = [];
  readonly indicatorReports: number[][] = [];
  readonly links: Link[] = [];
  /** indicator → the links it is an end of (most have none, and share one empty list). */
  readonly indicatorLinks: (readonly number[])[] = [];
  /** Distinct markings with their owner, and how many reports and links use each. */
  readonly markings: MarkedRow[] = [];
  readonly markingUse: number[] = [];
  /** report → its marking; link → its marking (indexes into `markings`). */
  readonly reportMarking: number[] = [];
  readonly linkMarking: number[] = [];
  private readonly indicatorIndex = new Map<string, number>();
  private readonly reportIndex = new Map<string, number>();
  private readonly linkIndex = new Map<string, number>();
  private readonly markingIndex = new Map<string, number>();
  uf = new UnionFind();
  edgeCount = 0;
  version = 0;
  /**
   * Moves only on changes a view cannot follow by adding edges: a marking changed or first seen,
   * an indicator allowed or no longer. Views computed at the same structure catch up with new
   * reports and links instead of starting again.
   */
  structureVersion = 0;

  indicatorNumber(id: string): number | undefined {
    return this.indicatorIndex.get(id);
  }

  reportNumber(id: string): number | undefined {
    return this.reportIndex.get(id);
  }

  hasReport(id: string): boolean {
    return this.reportIndex.has(id);
  }

  /**
   * Adds the edges of one report (all of them at once) and links its indicators. Returns the
   * component roots that existed before and were merged, or undefined if the report was known.
   */
  addReport(report: ReportFacts, indicators: readonly IndicatorRef[]): number[] | undefined {
    if (this.reportIndex.has(report.id)) return undefined;
    const r = this.reports.length;
    const { marking, ...facts } = report;
    this.reports.push(facts);
    this.reportIndex.set(report.id, r);
    this.reportMarking.push(this.useMarking(report.orgId, marking));
    const members: number[] = [];
    for (const ref of indicators) {
      const i = this.internIndicator(ref);
      if (members.includes(i)) continue;
      members.push(i);
      this.indicatorReports[i].push(r);
      this.edgeCount++;
    }
    this.reportMembers.push(members);
    this.version++;
    return this.link(members);
  }

  hasLink(id: string): boolean {
    return this.linkIndex.has(id);
  }

  /**
   * Adds a derived link between two indicators (a sighting's indicator and its counterparty) and
   * joins them. Returns the roots they had before, or undefined if the link was known.
   */
  addLink(facts: LinkFacts, from: IndicatorRef, to: IndicatorRef): number[] | undefined {
    if (this.linkIndex.has(facts.id)) return undefined;
    const a = this.internIndicator(from);
    const b = this.internIndicator(to);
    const l = this.links.length;
    this.links.push({ id: facts.id, relation: facts.relation, orgId: facts.orgId, at: facts.at, from: a, to: b });
    this.linkIndex.set(facts.id, l);
    this.linkMarking.push(this.useMarking(facts.orgId, facts.marking));
    this.ownLinks(a).push(l);
    if (b !== a) this.ownLinks(b).push(l);
    this.edgeCount++;
    this.version++;
    return this.linkInto(this.uf, [a, b]);
  }

  /** A report's new marking: the whole graph stays as it is, only views that hide it change. */
  setReportMarking(id: string, marking: MarkingRow): void {
    const r = this.reportIndex.get(id);
    if (r === undefined) return;
    this.markingUse[this.reportMarking[r]]--;
    this.reportMarking[r] = this.useMarking(this.reports[r].orgId, marking);
    this.version++;
    this.structureVersion++;
  }

  /** Marks an indicator as operated under coercion, or not; nothing structural changes. */
  setCoercedOperator(id: string, coerced: boolean): void {
    const i = this.indicatorIndex.get(id);
    if (i === undefined || (this.indicators[i].coercedOperator === true) === coerced) return;
    this.indicators[i].coercedOperator = coerced;
    this.version++;
  }

  /** Changes whether an indicator links reports; true if this needs the components rebuilt. */
  setLinkable(id: string, linkable: boolean): boolean {
    const i = this.indicatorIndex.get(id);
    if (i === undefined || this.indicators[i].linkable === linkable) return false;
    this.indicators[i].linkable = linkable;
    this.version++;
    this.structureVersion++;
    return true;
  }

  /** Rebuilds the components from every edge, as after a change that can split one. */
  rebuildComponents(): void {
    this.uf = this.componentsOver(WHOLE_GRAPH);
    this.version++;
  }

  /** Components over only the reports and links a view admits: hiding them can only split networks. */
  componentsOver(view: Pick<GraphView, 'admits' | 'admitsLink'>): UnionFind {
    const uf = new UnionFind(Math.max(1024, this.indicators.length));
    uf.ensure(this.indicators.length);
    this.reportMembers.forEach((members, r) => {
      if (view.admits(r)) this.linkInto(uf, members);
    });
    this.links.forEach((link, l) => {
      if (view.admitsLink(l)) this.linkInto(uf, [link.from, link.to]);
    });
    return uf;
  }

  /** The other end of a link, seen from one of its indicators. */
  otherEnd(link: number, indicator: number): number {
    const { from, to } = this.links[link];
    return from === indicator ? to : from;
  }

  private link(members: readonly number[]): number[] {
    return this.linkInto(this.uf, members);
  }

  /** Joins a report's (or a link's) linkable indicators in `uf`; returns the roots they had before. */
  linkInto(uf: UnionFind, members: readonly number[]): number[] {
    uf.ensure(this.indicators.length);
    const roots: number[] = [];
    let first = -1;
    for (const i of members) {
      if (!this.indicators[i].linkable) continue;
      const root = uf.find(i);
      if (!roots.includes(root)) roots.push(root);
      if (first < 0) first = i;
      else uf.union(first, i);
    }
    return roots;
  }

  private internIndicator(ref: IndicatorRef): number {
    const known = this.indicatorIndex.get(ref.id);
    if (known !== undefined) return known;
    const i = this.indicators.length;
    this.indicators.push({ ...ref });
    this.indicatorIndex.set(ref.id, i);
    this.indicatorReports.push([]);
    this.indicatorLinks.push(NO_LINKS);
    return i;
  }

  private ownLinks(i: number): number[] {
    let list = this.indicatorLinks[i];
    if (list === NO_LINKS) this.indicatorLinks[i] = list = [];
    return list as number[];
  }

  private useMarking(orgId: string, marking: MarkingRow = COMMUNITY_MARKING): number {
    const key = `${orgId}\u0000${marking.tlp}\u0000${marking.distribution}\u0000${marking.audience}\u0000${marking.share_groups}`;
    let m = this.markingIndex.get(key);
    if (m === undefined) {
      // Views decided on the markings they knew: a new one makes them decide again.
      this.structureVersion++;
      m = this.markings.length;
      this.markings.push({ org_id: orgId, tlp: marking.tlp, distribution: marking.distribution, audience: marking.audience, share_groups: marking.share_groups });
      this.markingUse.push(0);
      this.markingIndex.set(key, m);
    }
    this.markingUse[m]++;
    return m;
  }
}
