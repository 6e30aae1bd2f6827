import { UnionFind } from './union-find.js';

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
 * The report–indicator graph, kept in memory with dense integer ids. Every edge knows its report,
 * so a view that hides a report hides exactly the links it made. The union-find joins indicators
 * that share a report and is updated in place as reports arrive; `version` counts changes so
 * that derived answers can be cached until the graph moves.
 */
export class NetworkGraph {
  readonly indicators: IndicatorRef[] = [];
  readonly reports: ReportFacts[] = [];
  /** report → its indicators; indicator → the reports that name it. */
  readonly reportMembers: number[][] = [];
  readonly indicatorReports: number[][] = [];
  private readonly indicatorIndex = new Map<string, number>();
  private readonly reportIndex = new Map<string, number>();
  uf = new UnionFind();
  edgeCount = 0;
  version = 0;

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
    this.reports.push(report);
    this.reportIndex.set(report.id, r);
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
    return true;
  }

  /** Rebuilds the components from every edge, as after a change that can split one. */
  rebuildComponents(): void {
    this.uf = this.componentsOver(() => true);
    this.version++;
  }

  /** Components over only the reports `admits` lets through: hiding reports can only split networks. */
  componentsOver(admits: (report: number) => boolean): UnionFind {
    const uf = new UnionFind(Math.max(1024, this.indicators.length));
    uf.ensure(this.indicators.length);
    this.reportMembers.forEach((members, r) => {
      if (admits(r)) this.linkInto(uf, members);
    });
    return uf;
  }

  private link(members: readonly number[]): number[] {
    return this.linkInto(this.uf, members);
  }

  /** Joins a report's linkable indicators; returns the roots they had before. */
  private linkInto(uf: UnionFind, members: readonly number[]): number[] {
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
    return i;
  }
}
